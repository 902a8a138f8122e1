import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DataList } from '../../components/DataList';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, Paragraph } from '../../components/Typography';
import type { Plan } from '../../lib/api-types';
import { PLAN_QUESTIONS } from '../../lib/api-types';
import { formatDate } from '../../lib/format';
import { useLanguage } from '../../lib/i18n';

/**
 * A plan version as a readable document, section by section: used for printing, for viewing an
 * old version and for showing a newer version next to one's own unsaved text.
 */
export function PlanView({
  plan,
  level = 2,
  idPrefix,
}: {
  plan: Plan;
  level?: 2 | 3;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const sub = level === 2 ? 3 : 4;
  const section = (key: string, title: string, body: ReactNode) => (
    <section aria-labelledby={`${idPrefix}-${key}`} className="sk-plan-view__section">
      <Heading level={level} id={`${idPrefix}-${key}`}>
        {title}
      </Heading>
      {body}
    </section>
  );
  const nothing = <Paragraph className="sk-muted">{t('traj.print.nothing')}</Paragraph>;

  return (
    <div className="sk-plan-view">
      {section(
        'answers',
        t('traj.print.answersTitle'),
        <dl className="sk-plan-view__answers">
          {PLAN_QUESTIONS.map((question) => (
            <div key={question} className="sk-plan-view__answer">
              <dt>{t(`planQuestions.${question}`)}</dt>
              <dd className="sk-pre-line">
                {plan.answers[question] || (
                  <span className="sk-muted">{t('traj.print.notAnswered')}</span>
                )}
              </dd>
            </div>
          ))}
        </dl>,
      )}
      {section(
        'domains',
        t('traj.print.domainsTitle'),
        plan.domains.length === 0
          ? nothing
          : plan.domains.map((domain) => (
              <div key={domain.domain} className="sk-plan-view__domain">
                <Heading level={sub}>{t(`lifeDomains.${domain.domain}`)}</Heading>
                <DataList
                  items={[
                    {
                      key: 'situation',
                      label: t('traj.plan.situation'),
                      value: <span className="sk-pre-line">{domain.situation || '—'}</span>,
                    },
                    {
                      key: 'strengths',
                      label: t('traj.plan.strengths'),
                      value: <span className="sk-pre-line">{domain.strengths || '—'}</span>,
                    },
                    {
                      key: 'goal',
                      label: t('traj.plan.goal'),
                      value: <span className="sk-pre-line">{domain.goal || '—'}</span>,
                    },
                  ]}
                />
              </div>
            )),
      )}
      {section(
        'actions',
        t('traj.print.actionsTitle'),
        plan.actions.length === 0 ? (
          nothing
        ) : (
          <Table caption={t('traj.print.actionsTitle')} captionHidden>
            <TableHeader>
              <TableRow>
                <HeaderCell>{t('traj.print.what')}</HeaderCell>
                <HeaderCell>{t('traj.print.who')}</HeaderCell>
                <HeaderCell>{t('traj.print.when')}</HeaderCell>
                <HeaderCell>{t('traj.print.status')}</HeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {plan.actions.map((action) => (
                <TableRow key={action.id}>
                  <Cell>
                    {action.description}
                    {action.domain && (
                      <span className="sk-traj-note">{t(`lifeDomains.${action.domain}`)}</span>
                    )}
                  </Cell>
                  <Cell>
                    {action.ownerName}
                    <span className="sk-traj-note">{t(`ownerTypes.${action.ownerType}`)}</span>
                  </Cell>
                  <Cell>{action.dueDate ? formatDate(action.dueDate, language) : '—'}</Cell>
                  <Cell>{t(`actionStatuses.${action.status}`)}</Cell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ),
      )}
      {section(
        'agreements',
        t('traj.print.agreementsTitle'),
        plan.agreements.length === 0 ? (
          nothing
        ) : (
          <>
            <Paragraph>{t('traj.print.agreementsNote')}</Paragraph>
            <ul className="sk-plan-view__list">
              {plan.agreements.map((agreement) => (
                <li key={agreement}>{agreement}</li>
              ))}
            </ul>
          </>
        ),
      )}
      {section(
        'crisis',
        t('traj.print.crisisTitle'),
        !plan.crisisPlan ? (
          nothing
        ) : (
          <DataList
            items={[
              {
                key: 'signs',
                label: t('traj.plan.signs'),
                value: <span className="sk-pre-line">{plan.crisisPlan.signs || '—'}</span>,
              },
              {
                key: 'whatToDo',
                label: t('traj.plan.whatToDo'),
                value: <span className="sk-pre-line">{plan.crisisPlan.whatToDo || '—'}</span>,
              },
              {
                key: 'whoToCall',
                label: t('traj.plan.whoToCall'),
                value: <span className="sk-pre-line">{plan.crisisPlan.whoToCall || '—'}</span>,
              },
              {
                key: 'carer',
                label: t('traj.plan.agreedWithInformalCarer'),
                value: plan.crisisPlan.agreedWithInformalCarer ? t('traj.yes') : t('traj.no'),
              },
            ]}
          />
        ),
      )}
      {section(
        'network',
        t('traj.print.networkTitle'),
        plan.network.length === 0 ? (
          nothing
        ) : (
          <Table caption={t('traj.print.networkTitle')} captionHidden>
            <TableHeader>
              <TableRow>
                <HeaderCell>{t('traj.plan.memberName')}</HeaderCell>
                <HeaderCell>{t('traj.plan.relation')}</HeaderCell>
                <HeaderCell>{t('traj.plan.closenessLabel')}</HeaderCell>
                <HeaderCell>{t('traj.plan.roleInPlan')}</HeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {plan.network.map((member) => (
                <TableRow key={member.id}>
                  <Cell>{member.name}</Cell>
                  <Cell>{t(`relations.${member.relation}`)}</Cell>
                  <Cell>{t(`closeness.${member.closeness}`)}</Cell>
                  <Cell>{member.roleInPlan ?? '—'}</Cell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ),
      )}
    </div>
  );
}
