import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Alert';
import { ButtonLink } from '../../components/Link';
import { LoadError, Loading, NoAccess } from '../../components/QueryState';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { currentYear } from '../../lib/calendar';
import { formatMoney } from '../../lib/format';
import { useLanguage } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import type { BudgetRequest, Summary } from './queries';
import { useRequests, useReturnsDue, useSummary, useTeams, useToDecide } from './queries';
import { CorrectionForm, DecisionForms, Disclosure, PayForm, ReturnForm } from './RequestActions';
import { potName, remainingFor, RequestDetails, SummaryView, YearSelect } from './shared';
import './budget.css';

export function WorkBudgetPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('budget.title'));
  const role = useSession().data?.user.role;
  const allowed = role === 'worker' || role === 'team_lead' || role === 'municipality';
  return (
    <>
      <PageTitle>{t('budget.title')}</PageTitle>
      <Paragraph lead>{t('budget.intro')}</Paragraph>
      {allowed ? <WorkBudgetContent role={role} /> : <NoAccess />}
    </>
  );
}

function WorkBudgetContent({ role }: { role: 'worker' | 'team_lead' | 'municipality' }) {
  const { t } = useTranslation();
  const [year, setYear] = useState(currentYear);
  const [message, setMessage] = useState<{ text: string; count: number } | null>(null);
  const summary = useSummary(year);
  const approver = role !== 'worker';
  const done = (text: string) =>
    setMessage((current) => ({ text, count: (current?.count ?? 0) + 1 }));

  return (
    <>
      <div className="sk-page-actions">
        {role !== 'municipality' && (
          <ButtonLink appearance="primary" to="/werkbudget/aanvragen">
            {t('budget.newRequest')}
          </ButtonLink>
        )}
        {role === 'municipality' && (
          <ButtonLink to="/werkbudget/instellen">{t('budget.settingsTitle')}</ButtonLink>
        )}
        <ButtonLink to="/werkbudget/evaluatie">{t('budget.evaluationTitle')}</ButtonLink>
      </div>
      {role !== 'municipality' && <ReturnsDue />}
      <YearSelect id="work-budget-year" value={year} onChange={setYear} />
      {message && (
        <Notice key={message.count} type="ok">
          <Paragraph>{message.text}</Paragraph>
        </Notice>
      )}
      <section aria-labelledby="summary-title" className="sk-section">
        <Heading level={2} id="summary-title">
          {t('budget.summaryTitle', { year })}
        </Heading>
        {summary.isPending && <Loading />}
        {summary.isError && (
          <LoadError error={summary.error} onRetry={() => void summary.refetch()} />
        )}
        {summary.data === null && <Paragraph>{t('budget.notSet', { year })}</Paragraph>}
        {summary.data && <SummaryView summary={summary.data} />}
      </section>
      {approver && <ToDecide summary={summary.data ?? null} onDone={done} />}
      <AllRequests year={year} role={role} onDone={done} />
    </>
  );
}

function ToDecide({
  summary,
  onDone,
}: {
  summary: Summary | null;
  onDone: (text: string) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const requests = useToDecide(true);
  return (
    <section aria-labelledby="to-decide-title" className="sk-section">
      <Heading level={2} id="to-decide-title">
        {t('budget.toDecide')}
      </Heading>
      {requests.isPending && <Loading />}
      {requests.isError && <LoadError error={requests.error} />}
      {requests.data?.length === 0 && <Paragraph>{t('budget.nothingToDecide')}</Paragraph>}
      <ul className="sk-request-list">
        {requests.data?.map((request) => (
          <li key={request.id} className="sk-request sk-request--decide">
            <Heading level={3} className="sk-request__title">
              {request.purpose}
            </Heading>
            {summary && summary.year === request.year && (
              <Paragraph className="sk-request__pot">
                {t('budget.potBeforeDeciding', {
                  pot: potName(summary, request.teamId, t('budget.cityPot')),
                  remaining: formatMoney(remainingFor(summary, request.teamId), language),
                })}
              </Paragraph>
            )}
            <RequestDetails request={request} full />
            <DecisionForms request={request} onDone={onDone} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function AllRequests({
  year,
  role,
  onDone,
}: {
  year: number;
  role: 'worker' | 'team_lead' | 'municipality';
  onDone: (text: string) => void;
}) {
  const { t } = useTranslation();
  const requests = useRequests(year);
  const teams = useTeams();
  const teamName = (id: string) => teams.data?.find((team) => team.id === id)?.name;
  return (
    <section aria-labelledby="requests-title" className="sk-section">
      <Heading level={2} id="requests-title">
        {t('budget.requestsTitle', { year })}
      </Heading>
      {requests.isPending && <Loading />}
      {requests.isError && <LoadError error={requests.error} />}
      {requests.data?.length === 0 && <Paragraph>{t('budget.noRequests')}</Paragraph>}
      <ul className="sk-request-list">
        {requests.data?.map((request) => (
          <li key={request.id} className="sk-request">
            <Heading level={3} className="sk-request__title">
              {request.purpose}
            </Heading>
            <RequestDetails request={request} teamName={teamName(request.teamId)} />
            <Actions request={request} role={role} onDone={onDone} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Actions({
  request,
  role,
  onDone,
}: {
  request: BudgetRequest;
  role: 'worker' | 'team_lead' | 'municipality';
  onDone: (text: string) => void;
}) {
  const { t } = useTranslation();
  if (request.status === 'approved') {
    return (
      <div className="sk-request__actions">
        <Disclosure id={`pay-panel-${request.id}`} label={t('budget.payTitle')}>
          {(close) => (
            <PayForm
              request={request}
              onCancel={close}
              onDone={(text) => {
                close();
                onDone(text);
              }}
            />
          )}
        </Disclosure>
      </div>
    );
  }
  if (request.status !== 'paid') return null;
  return (
    <div className="sk-request__actions">
      {role !== 'municipality' && (
        <Disclosure
          id={`return-panel-${request.id}`}
          label={request.return ? t('budget.returnChange') : t('budget.returnTitle')}
        >
          {(close) => (
            <ReturnForm
              request={request}
              onCancel={close}
              onDone={(text) => {
                close();
                onDone(text);
              }}
            />
          )}
        </Disclosure>
      )}
      <Disclosure id={`correction-panel-${request.id}`} label={t('budget.correctionTitle')}>
        {(close) => (
          <CorrectionForm
            request={request}
            onCancel={close}
            onDone={(text) => {
              close();
              onDone(text);
            }}
          />
        )}
      </Disclosure>
    </div>
  );
}

/** The reminder of issue 6: a return still missing three months after payment. */
function ReturnsDue() {
  const { t } = useTranslation();
  const due = useReturnsDue(true);
  const items = due.data ?? [];
  if (items.length === 0) return null;
  return (
    <Notice type="warning">
      <Paragraph>{t('budget.returnsDue', { count: items.length })}</Paragraph>
      <ul>
        {items.map((r) => (
          <li key={r.id}>
            {r.purpose} ({t('budget.paidOnShort', { date: r.paidOn ?? '' })})
          </li>
        ))}
      </ul>
    </Notice>
  );
}
