import './trajectories.css';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Link } from '../../components/Link';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import type { Plan } from '../../lib/api-types';
import { PLAN_QUESTIONS } from '../../lib/api-types';
import { formatDate, formatDateTime } from '../../lib/format';
import type { Language } from '../../lib/i18n';
import { useLanguage } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { PlanView } from './PlanView';
import { usePlan, usePlanVersion } from './queries';

interface Difference {
  key: string;
  part: string;
  before: string | null;
  after: string | null;
}

/** Per section, what differs between an old version and the current one, in words. */
function differences(old: Plan, now: Plan, t: TFunction, language: Language): Difference[] {
  const result: Difference[] = [];
  const section = (name: string) => t(`planSections.${name}`);
  const push = (key: string, part: string, before: string | null, after: string | null) => {
    if ((before ?? '') !== (after ?? '')) result.push({ key, part, before, after });
  };
  for (const q of PLAN_QUESTIONS) {
    push(
      `q-${q}`,
      `${section('answers')}: ${t(`planQuestions.${q}`)}`,
      old.answers[q] ?? null,
      now.answers[q] ?? null,
    );
  }
  const domainText = (d: Plan['domains'][number]) =>
    [
      `${t('traj.plan.situation')} ${d.situation || '—'}`,
      `${t('traj.plan.strengths')}: ${d.strengths || '—'}`,
      `${t('traj.plan.goal')}: ${d.goal || '—'}`,
    ].join('\n');
  const domainKeys = new Set([...old.domains, ...now.domains].map((d) => d.domain));
  for (const key of domainKeys) {
    const a = old.domains.find((d) => d.domain === key);
    const b = now.domains.find((d) => d.domain === key);
    push(
      `d-${key}`,
      `${section('domains')}: ${t(`lifeDomains.${key}`)}`,
      a ? domainText(a) : null,
      b ? domainText(b) : null,
    );
  }
  const actionText = (a: Plan['actions'][number]) =>
    [
      a.description,
      `${a.ownerName} (${t(`ownerTypes.${a.ownerType}`)})`,
      a.dueDate ? formatDate(a.dueDate, language) : null,
      t(`actionStatuses.${a.status}`),
    ]
      .filter(Boolean)
      .join(' · ');
  const actionIds = new Set([...old.actions, ...now.actions].map((a) => a.id));
  for (const id of actionIds) {
    const a = old.actions.find((x) => x.id === id);
    const b = now.actions.find((x) => x.id === id);
    push(
      `a-${id}`,
      `${section('actions')}: ${(b ?? a)?.description ?? ''}`,
      a ? actionText(a) : null,
      b ? actionText(b) : null,
    );
  }
  for (const text of old.agreements.filter((x) => !now.agreements.includes(x))) {
    push(`g-old-${text}`, section('agreements'), text, null);
  }
  for (const text of now.agreements.filter((x) => !old.agreements.includes(x))) {
    push(`g-new-${text}`, section('agreements'), null, text);
  }
  const crisisText = (c: Plan['crisisPlan']) =>
    c
      ? [
          `${t('traj.plan.signs')}: ${c.signs || '—'}`,
          `${t('traj.plan.whatToDo')} ${c.whatToDo || '—'}`,
          `${t('traj.plan.whoToCall')} ${c.whoToCall || '—'}`,
          `${t('traj.plan.agreedWithInformalCarer')}: ${c.agreedWithInformalCarer ? t('traj.yes') : t('traj.no')}`,
        ].join('\n')
      : null;
  push('crisis', section('crisisPlan'), crisisText(old.crisisPlan), crisisText(now.crisisPlan));
  const memberText = (m: Plan['network'][number]) =>
    [m.name, t(`relations.${m.relation}`), t(`closeness.${m.closeness}`), m.roleInPlan]
      .filter(Boolean)
      .join(' · ');
  const memberIds = new Set([...old.network, ...now.network].map((m) => m.id));
  for (const id of memberIds) {
    const a = old.network.find((x) => x.id === id);
    const b = now.network.find((x) => x.id === id);
    push(
      `n-${id}`,
      `${section('network')}: ${(b ?? a)?.name ?? ''}`,
      a ? memberText(a) : null,
      b ? memberText(b) : null,
    );
  }
  return result;
}

/** One version of the krachtplan, compared with the current version. */
export function PlanVersionPage() {
  const { id = '', version: versionParam = '' } = useParams();
  const version = Number.parseInt(versionParam, 10) || 0;
  const { t } = useTranslation();
  const language = useLanguage();
  const old = usePlanVersion(id, version);
  const current = usePlan(id);
  const title = t('traj.versions.viewTitle', { version });
  useDocumentTitle(title);

  return (
    <>
      <p className="sk-back">
        <Link to={`/trajecten/${id}/krachtplan`}>← {t('traj.versions.backToPlan')}</Link>
      </p>
      <PageTitle>{title}</PageTitle>
      {(old.isPending || current.isPending) && <Loading />}
      {old.isError && <LoadError error={old.error} onRetry={() => void old.refetch()} />}
      {current.isError && (
        <LoadError error={current.error} onRetry={() => void current.refetch()} />
      )}
      {old.data && current.data && (
        <>
          {old.data.savedAt && old.data.savedBy && (
            <Paragraph lead>
              {t('traj.plan.savedBy', {
                version,
                name: old.data.savedBy.name,
                at: formatDateTime(old.data.savedAt, language),
              })}
            </Paragraph>
          )}
          <section aria-labelledby="version-compare" className="sk-section">
            <Heading level={2} id="version-compare">
              {t('traj.versions.compareTitle', { version: current.data.version })}
            </Heading>
            <Comparison old={old.data} now={current.data} />
          </section>
          <section aria-labelledby="version-whole" className="sk-section">
            <Heading level={2} id="version-whole">
              {t('traj.versions.wholeTitle', { version })}
            </Heading>
            <PlanView plan={old.data} level={3} idPrefix="version-whole" />
          </section>
        </>
      )}
    </>
  );
}

function Comparison({ old, now }: { old: Plan; now: Plan }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (old.version === now.version) return <Paragraph>{t('traj.versions.compareSame')}</Paragraph>;
  const diffs = differences(old, now, t, language);
  if (diffs.length === 0) return <Paragraph>{t('traj.versions.compareNoDiff')}</Paragraph>;
  const absent = <span className="sk-muted">{t('traj.versions.absent')}</span>;
  return (
    <Table caption={t('traj.versions.compareCaption', { old: old.version, current: now.version })}>
      <TableHeader>
        <TableRow>
          <HeaderCell>{t('traj.versions.part')}</HeaderCell>
          <HeaderCell>{t('traj.versions.inVersion', { version: old.version })}</HeaderCell>
          <HeaderCell>{t('traj.versions.inCurrent', { version: now.version })}</HeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {diffs.map((diff) => (
          <TableRow key={diff.key}>
            <HeaderCell scope="row">{diff.part}</HeaderCell>
            <Cell>
              {diff.before === null ? absent : <span className="sk-pre-line">{diff.before}</span>}
            </Cell>
            <Cell>
              {diff.after === null ? absent : <span className="sk-pre-line">{diff.after}</span>}
            </Cell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
