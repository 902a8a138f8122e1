import './trajectories.css';
import { useQueryClient } from '@tanstack/react-query';
import { FormFieldErrorMessage } from '@utrecht/component-library-react';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Alert, Notice } from '../../components/Alert';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import {
  CheckboxField,
  fieldId,
  Form,
  SelectField,
  TextAreaField,
  TextField,
} from '../../components/FormFields';
import { Link } from '../../components/Link';
import { LoadError, Loading } from '../../components/QueryState';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { api, isApiError, unwrap } from '../../lib/api';
import type { Plan, PlanChange, PlanConflict, TrajectoryDetail } from '../../lib/api-types';
import {
  ACTION_OWNER_TYPES,
  ACTION_STATUSES,
  LIFE_DOMAINS,
  NETWORK_RELATIONS,
  PLAN_QUESTIONS,
} from '../../lib/api-types';
import { formatDate } from '../../lib/format';
import { useLanguage } from '../../lib/i18n';
import { pathReasons, problemText } from '../../lib/problem';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { changeText, familyNames, rowKey } from './format';
import type { ConflictAt, PlanDraft, TheirValue } from './planDraft';
import {
  emptyAction,
  emptyDomain,
  emptyMember,
  placesToCheck,
  rebaseDraft,
  takeTheirs,
  toBody,
  toDraft,
  validateDraft,
} from './planDraft';
import { PlanVersions } from './PlanVersions';
import { PlanView } from './PlanView';
import { keys, usePlan, useSavePlan, useTrajectory } from './queries';

const FORM = 'plan';
const fid = (path: string) => fieldId(FORM, path);

/** The editor's path of a field both changed ("actions.0.status"), as the fields' ids use it. */
function pathOf(at: ConflictAt): string {
  switch (at.section) {
    case 'answers':
      return `answers.${at.field}`;
    case 'crisis':
      return `crisisPlan.${at.field}`;
    default:
      return `${at.section}.${at.index}.${at.field}`;
  }
}

/** The krachtplan editor, with its versions and the resident's agreement underneath. */
export function PlanEditorPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const trajectory = useTrajectory(id);
  const plan = usePlan(id);
  const names = trajectory.data ? familyNames(trajectory.data) : '';
  const title = names ? t('traj.plan.titleWithName', { name: names }) : t('traj.plan.title');
  useDocumentTitle(title);
  const closed = trajectory.data?.status === 'closed';

  return (
    <>
      <p className="sk-back">
        <Link to={`/trajecten/${id}`}>← {t('traj.plan.back')}</Link>
      </p>
      <PageTitle>{title}</PageTitle>
      {(trajectory.isPending || plan.isPending) && <Loading />}
      {trajectory.isError && (
        <LoadError error={trajectory.error} onRetry={() => void trajectory.refetch()} />
      )}
      {plan.isError && <LoadError error={plan.error} onRetry={() => void plan.refetch()} />}
      {trajectory.data && plan.data && (
        <>
          <p className="sk-no-print">
            <Link to={`/trajecten/${id}/krachtplan/afdrukken`}>{t('traj.plan.print')}</Link>
          </p>
          {closed ? (
            <>
              <Alert type="info">
                <Paragraph>{t('traj.detail.closedNotice')}</Paragraph>
              </Alert>
              <PlanView plan={plan.data} idPrefix="plan-closed" />
            </>
          ) : (
            <PlanEditor trajectory={trajectory.data} initial={plan.data} />
          )}
          <PlanVersions trajectoryId={id} />
        </>
      )}
    </>
  );
}

function PlanEditor({ trajectory, initial }: { trajectory: TrajectoryDetail; initial: Plan }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const save = useSavePlan(trajectory.id);
  const [draft, setDraft] = useState<PlanDraft>(() => toDraft(initial));
  // The version the draft started from: what the worker changed is measured against it.
  const [base, setBase] = useState(initial);
  const baseVersion = base.version;
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [agreementIndex, setAgreementIndex] = useState<number[]>([]);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const [newer, setNewer] = useState<{ plan: Plan; changes: PlanChange[] } | null>(null);
  const [loadingNewer, setLoadingNewer] = useState(false);

  const conflict = isApiError(save.error, 409) ? (save.error.problem as PlanConflict) : null;

  // Server messages keyed by path; agreements map back from the body's index to the row.
  const serverErrors: Record<string, string> = {};
  for (const [path, reason] of Object.entries(pathReasons(save.error, language))) {
    const match = /^agreements\.(\d+)$/.exec(path);
    const screenPath = match ? `agreements.${agreementIndex[Number(match[1])] ?? 0}` : path;
    serverErrors[screenPath] = reason;
  }

  // Every field in screen order, with the label the summary uses. A row of its own ("actions.1")
  // takes what the server says about the row but no field of it (its id), and points at its
  // first field.
  const fields: { path: string; label: string; target?: string }[] = [
    ...PLAN_QUESTIONS.map((q) => ({ path: `answers.${q}`, label: t(`planQuestions.${q}`) })),
    ...draft.domains.flatMap((_, i) => [
      {
        path: `domains.${i}`,
        label: t('traj.plan.domainN', { n: i + 1 }),
        target: `domains.${i}.domain`,
      },
      ...(['domain', 'situation', 'strengths', 'goal'] as const).map((f) => ({
        path: `domains.${i}.${f}`,
        label: `${t('traj.plan.domainN', { n: i + 1 })}: ${t(`traj.plan.${f}`)}`,
      })),
    ]),
    ...draft.actions.flatMap((_, i) => [
      {
        path: `actions.${i}`,
        label: t('traj.plan.actionN', { n: i + 1 }),
        target: `actions.${i}.description`,
      },
      ...(['description', 'ownerType', 'ownerName', 'domain', 'dueDate', 'status'] as const).map(
        (f) => ({
          path: `actions.${i}.${f}`,
          label: `${t('traj.plan.actionN', { n: i + 1 })}: ${t(
            f === 'domain'
              ? 'traj.plan.actionDomain'
              : f === 'status'
                ? 'traj.plan.actionStatus'
                : `traj.plan.${f}`,
          )}`,
        }),
      ),
    ]),
    ...draft.agreements.map((_, i) => ({
      path: `agreements.${i}`,
      label: t('traj.plan.agreementN', { n: i + 1 }),
    })),
    ...(['signs', 'whatToDo', 'whoToCall', 'agreedWithInformalCarer'] as const).map((f) => ({
      path: `crisisPlan.${f}`,
      label: t(`traj.plan.${f}`),
    })),
    ...draft.network.flatMap((_, i) => [
      {
        path: `network.${i}`,
        label: t('traj.plan.memberN', { n: i + 1 }),
        target: `network.${i}.name`,
      },
      ...(['name', 'relation', 'closeness', 'roleInPlan'] as const).map((f) => ({
        path: `network.${i}.${f}`,
        label: `${t('traj.plan.memberN', { n: i + 1 })}: ${t(
          f === 'name'
            ? 'traj.plan.memberName'
            : f === 'closeness'
              ? 'traj.plan.closenessLabel'
              : `traj.plan.${f}`,
        )}`,
      })),
    ]),
  ];
  const byPath: Record<string, string> = { ...clientErrors };
  const labelOf = new Map(fields.map((f) => [f.path, f.label]));
  const fieldAt = new Map(fields.map((f) => [f.path, f]));
  // After a merge with a colleague's version: where both changed something, to look at first.
  const places = placesToCheck(draft).map((path) => ({
    targetId: fid(fieldAt.get(path)?.target ?? path),
    label: labelOf.get(path) ?? path,
  }));
  const unplaced: string[] = [];
  for (const [path, reason] of Object.entries(serverErrors)) {
    const row = /^((?:actions|network)\.\d+)\./.exec(path)?.[1];
    const placedAt = labelOf.has(path) ? path : row && labelOf.has(row) ? row : undefined;
    const label = placedAt && labelOf.get(placedAt);
    if (placedAt && label) byPath[placedAt] ??= t('form.fieldError', { label, reason });
    else unplaced.push(`${path}: ${reason}`);
  }
  const summary = fields
    .filter((f) => byPath[f.path])
    .map((f) => ({ targetId: fid(f.target ?? f.path), message: byPath[f.path] ?? '' }));
  const general =
    save.error && !conflict && (summary.length === 0 || unplaced.length > 0)
      ? [
          isApiError(save.error)
            ? (problemText(save.error.problem, language) ?? t('form.saveFailed'))
            : t('form.saveFailed'),
          ...unplaced,
        ].join(' ')
      : undefined;
  const error = (path: string) => byPath[path];

  const update = (change: (draft: PlanDraft) => PlanDraft) => {
    setSavedVersion(null);
    setDraft(change);
  };
  const setRow = <K extends 'domains' | 'actions' | 'agreements' | 'network'>(
    section: K,
    index: number,
    patch: Partial<PlanDraft[K][number]>,
  ) =>
    update((d) => ({
      ...d,
      [section]: d[section].map((row, i) => (i === index ? { ...row, ...patch } : row)),
    }));
  const removeRow = (section: 'domains' | 'actions' | 'agreements' | 'network', index: number) => {
    setClientErrors({});
    update((d) => ({ ...d, [section]: d[section].filter((_, i) => i !== index) }));
  };

  // A colleague's value as the worker would see it in the field.
  const shownText = (value: string | boolean) =>
    (typeof value === 'string' && value.trim()) || t('traj.plan.emptyValue');
  const shownOption = (catalogue: string, none: string) => (value: string | boolean) =>
    typeof value === 'string' && value ? t(`${catalogue}.${value}`) : none;
  const shownDate = (value: string | boolean) =>
    typeof value === 'string' && value ? formatDate(value, language) : t('traj.plan.emptyValue');
  const shownYesNo = (value: string | boolean) => (value ? t('traj.yes') : t('traj.no'));

  // A field both the worker and a colleague changed: the colleague's value beside it, with a
  // button to take it over (focus then goes to the field, as the button is gone).
  const theirs = (
    conflict: TheirValue<string | boolean> | undefined,
    at: ConflictAt,
    shown: (value: string | boolean) => string = shownText,
  ) => {
    if (!conflict) return undefined;
    const id = fid(pathOf(at));
    return (
      <ColleagueValue
        version={conflict.version}
        value={shown(conflict.value)}
        label={labelOf.get(pathOf(at)) ?? ''}
        onTake={() => {
          update((d) => takeTheirs(d, at));
          requestAnimationFrame(() => document.getElementById(id)?.focus());
        }}
      />
    );
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const errors = validateDraft(draft, t);
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) {
      save.reset();
      return;
    }
    const { body, agreementIndex: index } = toBody(draft, baseVersion);
    setAgreementIndex(index);
    save.mutate(body, {
      onSuccess: (saved) => {
        setBase(saved);
        setDraft(toDraft(saved));
        setSavedVersion(saved.version);
        setNewer(null);
      },
    });
  };

  const loadNewer = async () => {
    setLoadingNewer(true);
    try {
      const current = await queryClient.fetchQuery({
        queryKey: keys.plan(trajectory.id),
        queryFn: () =>
          unwrap(
            api.GET('/api/v1/trajectories/{id}/plan', { params: { path: { id: trajectory.id } } }),
          ),
        staleTime: 0,
      });
      setNewer({ plan: current, changes: conflict?.changes ?? [] });
      setBase(current);
      setDraft((d) => rebaseDraft(d, base, current));
      save.reset();
    } finally {
      setLoadingNewer(false);
    }
  };

  const domainOptions = LIFE_DOMAINS.map((value) => ({
    value,
    label: t(`lifeDomains.${value}`),
  }));

  return (
    <section aria-labelledby="plan-editor" className="sk-section">
      <Heading level={2} id="plan-editor" className="sk-visually-hidden">
        {t('traj.plan.edit')}
      </Heading>
      <Paragraph>{t('traj.plan.editorIntro')}</Paragraph>
      <Paragraph className="sk-traj-hint">
        {baseVersion > 0
          ? t('traj.plan.basedOn', { version: baseVersion })
          : t('traj.plan.basedOnNone')}
      </Paragraph>

      {savedVersion !== null && (
        <Notice type="ok">
          <Paragraph>{t('traj.plan.saved', { version: savedVersion })}</Paragraph>
        </Notice>
      )}
      {conflict && (
        <Notice type="error">
          <Heading level={3} className="sk-traj-alert-title">
            {t('traj.plan.conflictTitle')}
          </Heading>
          <Paragraph>{problemText(conflict, language)}</Paragraph>
          {(conflict.changes?.length ?? 0) > 0 && (
            <>
              <Paragraph>{t('traj.plan.conflictChanges')}</Paragraph>
              <ul className="sk-traj-changes">
                {conflict.changes?.map((change, i) => (
                  <li key={i}>{changeText(change, t)}</li>
                ))}
              </ul>
            </>
          )}
          <Paragraph>{t('traj.plan.conflictKeep')}</Paragraph>
          <ButtonGroup>
            <Button appearance="primary" busy={loadingNewer} onClick={() => void loadNewer()}>
              {t('traj.plan.loadNewer')}
            </Button>
          </ButtonGroup>
        </Notice>
      )}
      {newer && (
        <section aria-labelledby="plan-newer" className="sk-traj-newer">
          <Heading level={3} id="plan-newer">
            {t('traj.plan.newerTitle', {
              version: newer.plan.version,
              name: newer.plan.savedBy?.name ?? '—',
            })}
          </Heading>
          <Paragraph>{t('traj.plan.newerIntro', { next: newer.plan.version + 1 })}</Paragraph>
          {places.length > 0 && (
            <>
              <Paragraph>{t('traj.plan.placesToCheck')}</Paragraph>
              <ul className="sk-traj-changes">
                {places.map((place) => (
                  <li key={place.targetId}>
                    <a
                      className="utrecht-link utrecht-link--html-a"
                      href={`#${place.targetId}`}
                      onClick={(event) => {
                        const target = document.getElementById(place.targetId);
                        if (target) {
                          event.preventDefault();
                          target.focus();
                          target.scrollIntoView({ block: 'center' });
                        }
                      }}
                    >
                      {place.label}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
          {newer.changes.length > 0 && (
            <ul className="sk-traj-changes">
              {newer.changes.map((change, i) => (
                <li key={i}>{changeText(change, t)}</li>
              ))}
            </ul>
          )}
          <details className="sk-traj-details" open>
            <summary>{t('traj.versions.wholeTitle', { version: newer.plan.version })}</summary>
            <PlanView plan={newer.plan} level={3} idPrefix="plan-newer" />
          </details>
          <ButtonGroup>
            <Button
              onClick={() => {
                setDraft(toDraft(newer.plan));
                setNewer(null);
              }}
            >
              {t('traj.plan.useNewer')}
            </Button>
            <Button appearance="subtle" onClick={() => setNewer(null)}>
              {t('traj.plan.hideNewer')}
            </Button>
          </ButtonGroup>
        </section>
      )}

      <ErrorSummary items={summary} general={general} />
      <Form id={FORM} onSubmit={onSubmit} aria-labelledby="plan-editor">
        <fieldset className="sk-traj-block">
          <legend className="sk-traj-legend">{t('traj.plan.questionsTitle')}</legend>
          {PLAN_QUESTIONS.map((question) => (
            <TextAreaField
              key={question}
              id={fid(`answers.${question}`)}
              label={t(`planQuestions.${question}`)}
              value={draft.answers[question]}
              rows={3}
              maxLength={4000}
              error={error(`answers.${question}`)}
              description={theirs(draft.answerConflicts?.[question], {
                section: 'answers',
                field: question,
              })}
              onChange={(value) =>
                update((d) => ({ ...d, answers: { ...d.answers, [question]: value } }))
              }
            />
          ))}
        </fieldset>

        <fieldset className="sk-traj-block">
          <legend className="sk-traj-legend">{t('traj.plan.domainsTitle')}</legend>
          <Paragraph className="sk-traj-hint">{t('traj.plan.domainsIntro')}</Paragraph>
          {draft.domains.map((row, i) => (
            <fieldset key={row.key} className="sk-traj-row">
              <legend className="sk-traj-row__legend">
                {t('traj.plan.domainN', { n: i + 1 })}
              </legend>
              <RowNotes
                id={fid(`domains.${i}`)}
                notes={[
                  row.removedIn !== undefined &&
                    t('traj.plan.domainRemovedMeanwhile', { version: row.removedIn }),
                  row.restoredIn !== undefined &&
                    t('traj.plan.domainChangedMeanwhile', { version: row.restoredIn }),
                  row.addedIn !== undefined &&
                    t('traj.plan.domainAddedMeanwhile', { version: row.addedIn }),
                ]}
              />
              <SelectField
                id={fid(`domains.${i}.domain`)}
                label={t('traj.plan.domain')}
                value={row.domain}
                placeholder={t('traj.plan.chooseDomain')}
                options={domainOptions}
                error={error(`domains.${i}.domain`)}
                onChange={(value) => setRow('domains', i, { domain: value as typeof row.domain })}
              />
              <TextAreaField
                id={fid(`domains.${i}.situation`)}
                label={t('traj.plan.situation')}
                value={row.situation}
                rows={2}
                error={error(`domains.${i}.situation`)}
                description={theirs(row.conflicts?.situation, {
                  section: 'domains',
                  index: i,
                  field: 'situation',
                })}
                onChange={(value) => setRow('domains', i, { situation: value })}
              />
              <TextAreaField
                id={fid(`domains.${i}.strengths`)}
                label={t('traj.plan.strengths')}
                value={row.strengths}
                rows={2}
                error={error(`domains.${i}.strengths`)}
                description={theirs(row.conflicts?.strengths, {
                  section: 'domains',
                  index: i,
                  field: 'strengths',
                })}
                onChange={(value) => setRow('domains', i, { strengths: value })}
              />
              <TextAreaField
                id={fid(`domains.${i}.goal`)}
                label={t('traj.plan.goal')}
                value={row.goal}
                rows={2}
                error={error(`domains.${i}.goal`)}
                description={theirs(row.conflicts?.goal, {
                  section: 'domains',
                  index: i,
                  field: 'goal',
                })}
                onChange={(value) => setRow('domains', i, { goal: value })}
              />
              <Button appearance="subtle" onClick={() => removeRow('domains', i)}>
                {t('traj.plan.removeDomain', { n: i + 1 })}
              </Button>
            </fieldset>
          ))}
          <Button onClick={() => update((d) => ({ ...d, domains: [...d.domains, emptyDomain()] }))}>
            {t('traj.plan.addDomain')}
          </Button>
        </fieldset>

        <fieldset className="sk-traj-block">
          <legend className="sk-traj-legend">{t('traj.plan.actionsTitle')}</legend>
          <Paragraph className="sk-traj-hint">{t('traj.plan.actionsIntro')}</Paragraph>
          {draft.actions.length === 0 && <Paragraph>{t('traj.plan.noActions')}</Paragraph>}
          {draft.actions.map((row, i) => (
            <fieldset key={row.key} className="sk-traj-row">
              <legend className="sk-traj-row__legend">
                {t('traj.plan.actionN', { n: i + 1 })}
              </legend>
              <RowNotes
                id={fid(`actions.${i}`)}
                error={error(`actions.${i}`)}
                notes={[
                  row.removedIn !== undefined &&
                    t('traj.plan.actionRemovedMeanwhile', { version: row.removedIn }),
                  row.restoredIn !== undefined &&
                    t('traj.plan.actionChangedMeanwhile', { version: row.restoredIn }),
                  row.addedIn !== undefined &&
                    t('traj.plan.actionAddedMeanwhile', { version: row.addedIn }),
                ]}
              />
              <TextField
                id={fid(`actions.${i}.description`)}
                label={t('traj.plan.description')}
                value={row.description}
                maxLength={1000}
                error={error(`actions.${i}.description`)}
                description={theirs(row.conflicts?.description, {
                  section: 'actions',
                  index: i,
                  field: 'description',
                })}
                onChange={(value) => setRow('actions', i, { description: value })}
              />
              <div className="sk-field-row">
                <SelectField
                  id={fid(`actions.${i}.ownerType`)}
                  label={t('traj.plan.ownerType')}
                  value={row.ownerType}
                  placeholder={t('form.chooseOne')}
                  options={ACTION_OWNER_TYPES.map((value) => ({
                    value,
                    label: t(`ownerTypes.${value}`),
                  }))}
                  error={error(`actions.${i}.ownerType`)}
                  description={theirs(
                    row.conflicts?.ownerType,
                    { section: 'actions', index: i, field: 'ownerType' },
                    shownOption('ownerTypes', t('traj.plan.emptyValue')),
                  )}
                  onChange={(value) =>
                    setRow('actions', i, { ownerType: value as typeof row.ownerType })
                  }
                />
                <TextField
                  id={fid(`actions.${i}.ownerName`)}
                  label={t('traj.plan.ownerName')}
                  value={row.ownerName}
                  size="md"
                  maxLength={200}
                  error={error(`actions.${i}.ownerName`)}
                  description={theirs(row.conflicts?.ownerName, {
                    section: 'actions',
                    index: i,
                    field: 'ownerName',
                  })}
                  onChange={(value) => setRow('actions', i, { ownerName: value })}
                />
              </div>
              <div className="sk-field-row">
                <SelectField
                  id={fid(`actions.${i}.domain`)}
                  label={t('traj.plan.actionDomain')}
                  value={row.domain}
                  placeholder={t('traj.plan.noDomain')}
                  options={domainOptions}
                  error={error(`actions.${i}.domain`)}
                  description={theirs(
                    row.conflicts?.domain,
                    { section: 'actions', index: i, field: 'domain' },
                    shownOption('lifeDomains', t('traj.plan.noDomain')),
                  )}
                  onChange={(value) => setRow('actions', i, { domain: value as typeof row.domain })}
                />
                <TextField
                  id={fid(`actions.${i}.dueDate`)}
                  type="date"
                  size="md"
                  label={t('traj.plan.dueDate')}
                  value={row.dueDate}
                  error={error(`actions.${i}.dueDate`)}
                  description={theirs(
                    row.conflicts?.dueDate,
                    { section: 'actions', index: i, field: 'dueDate' },
                    shownDate,
                  )}
                  onChange={(value) => setRow('actions', i, { dueDate: value })}
                />
                <SelectField
                  id={fid(`actions.${i}.status`)}
                  label={t('traj.plan.actionStatus')}
                  value={row.status}
                  options={ACTION_STATUSES.map((value) => ({
                    value,
                    label: t(`actionStatuses.${value}`),
                  }))}
                  error={error(`actions.${i}.status`)}
                  description={theirs(
                    row.conflicts?.status,
                    { section: 'actions', index: i, field: 'status' },
                    shownOption('actionStatuses', ''),
                  )}
                  onChange={(value) => setRow('actions', i, { status: value as typeof row.status })}
                />
              </div>
              <Button appearance="subtle" onClick={() => removeRow('actions', i)}>
                {t('traj.plan.removeAction', { n: i + 1 })}
              </Button>
            </fieldset>
          ))}
          <Button onClick={() => update((d) => ({ ...d, actions: [...d.actions, emptyAction()] }))}>
            {t('traj.plan.addAction')}
          </Button>
        </fieldset>

        <fieldset className="sk-traj-block">
          <legend className="sk-traj-legend">{t('traj.plan.agreementsTitle')}</legend>
          <Paragraph className="sk-traj-hint">{t('traj.plan.agreementsIntro')}</Paragraph>
          {draft.agreements.map((row, i) => (
            <div key={row.key} className="sk-field-row sk-field-row--end sk-traj-agreement">
              <TextField
                id={fid(`agreements.${i}`)}
                label={t('traj.plan.agreementN', { n: i + 1 })}
                value={row.text}
                maxLength={1000}
                error={error(`agreements.${i}`)}
                onChange={(value) => setRow('agreements', i, { text: value })}
              />
              <Button appearance="subtle" onClick={() => removeRow('agreements', i)}>
                {t('traj.plan.removeAgreement', { n: i + 1 })}
              </Button>
            </div>
          ))}
          <Button
            onClick={() =>
              update((d) => ({ ...d, agreements: [...d.agreements, { key: rowKey(), text: '' }] }))
            }
          >
            {t('traj.plan.addAgreement')}
          </Button>
        </fieldset>

        <fieldset className="sk-traj-block">
          <legend className="sk-traj-legend">{t('traj.plan.crisisTitle')}</legend>
          <Paragraph className="sk-traj-hint">{t('traj.plan.crisisIntro')}</Paragraph>
          {(['signs', 'whatToDo', 'whoToCall'] as const).map((f) => (
            <TextAreaField
              key={f}
              id={fid(`crisisPlan.${f}`)}
              label={t(`traj.plan.${f}`)}
              value={draft.crisis[f]}
              rows={2}
              error={error(`crisisPlan.${f}`)}
              description={theirs(draft.crisisConflicts?.[f], { section: 'crisis', field: f })}
              onChange={(value) => update((d) => ({ ...d, crisis: { ...d.crisis, [f]: value } }))}
            />
          ))}
          <CheckboxField
            id={fid('crisisPlan.agreedWithInformalCarer')}
            label={t('traj.plan.agreedWithInformalCarer')}
            checked={draft.crisis.agreedWithInformalCarer}
            description={theirs(
              draft.crisisConflicts?.agreedWithInformalCarer,
              { section: 'crisis', field: 'agreedWithInformalCarer' },
              shownYesNo,
            )}
            onChange={(checked) =>
              update((d) => ({ ...d, crisis: { ...d.crisis, agreedWithInformalCarer: checked } }))
            }
          />
        </fieldset>

        <fieldset className="sk-traj-block">
          <legend className="sk-traj-legend">{t('traj.plan.networkTitle')}</legend>
          <Paragraph className="sk-traj-hint">{t('traj.plan.networkIntro')}</Paragraph>
          {draft.network.length === 0 && <Paragraph>{t('traj.plan.noMembers')}</Paragraph>}
          {draft.network.map((row, i) => (
            <fieldset key={row.key} className="sk-traj-row">
              <legend className="sk-traj-row__legend">
                {t('traj.plan.memberN', { n: i + 1 })}
              </legend>
              <RowNotes
                id={fid(`network.${i}`)}
                error={error(`network.${i}`)}
                notes={[
                  row.removedIn !== undefined &&
                    t('traj.plan.memberRemovedMeanwhile', { version: row.removedIn }),
                  row.restoredIn !== undefined &&
                    t('traj.plan.memberChangedMeanwhile', { version: row.restoredIn }),
                  row.addedIn !== undefined &&
                    t('traj.plan.memberAddedMeanwhile', { version: row.addedIn }),
                ]}
              />
              <div className="sk-field-row">
                <TextField
                  id={fid(`network.${i}.name`)}
                  label={t('traj.plan.memberName')}
                  value={row.name}
                  size="md"
                  maxLength={200}
                  error={error(`network.${i}.name`)}
                  description={theirs(row.conflicts?.name, {
                    section: 'network',
                    index: i,
                    field: 'name',
                  })}
                  onChange={(value) => setRow('network', i, { name: value })}
                />
                <SelectField
                  id={fid(`network.${i}.relation`)}
                  label={t('traj.plan.relation')}
                  value={row.relation}
                  placeholder={t('form.chooseOne')}
                  options={NETWORK_RELATIONS.map((value) => ({
                    value,
                    label: t(`relations.${value}`),
                  }))}
                  error={error(`network.${i}.relation`)}
                  description={theirs(
                    row.conflicts?.relation,
                    { section: 'network', index: i, field: 'relation' },
                    shownOption('relations', t('traj.plan.emptyValue')),
                  )}
                  onChange={(value) =>
                    setRow('network', i, { relation: value as typeof row.relation })
                  }
                />
                <SelectField
                  id={fid(`network.${i}.closeness`)}
                  label={t('traj.plan.closenessLabel')}
                  value={row.closeness}
                  options={(['1', '2', '3'] as const).map((value) => ({
                    value,
                    label: t(`closeness.${value}`),
                  }))}
                  error={error(`network.${i}.closeness`)}
                  description={theirs(
                    row.conflicts?.closeness,
                    { section: 'network', index: i, field: 'closeness' },
                    shownOption('closeness', ''),
                  )}
                  onChange={(value) =>
                    setRow('network', i, { closeness: value as typeof row.closeness })
                  }
                />
              </div>
              <TextField
                id={fid(`network.${i}.roleInPlan`)}
                label={t('traj.plan.roleInPlan')}
                value={row.roleInPlan}
                maxLength={500}
                error={error(`network.${i}.roleInPlan`)}
                description={theirs(row.conflicts?.roleInPlan, {
                  section: 'network',
                  index: i,
                  field: 'roleInPlan',
                })}
                onChange={(value) => setRow('network', i, { roleInPlan: value })}
              />
              <Button appearance="subtle" onClick={() => removeRow('network', i)}>
                {t('traj.plan.removeMember', { n: i + 1 })}
              </Button>
            </fieldset>
          ))}
          <Button onClick={() => update((d) => ({ ...d, network: [...d.network, emptyMember()] }))}>
            {t('traj.plan.addMember')}
          </Button>
        </fieldset>

        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={save.isPending}>
            {save.isPending ? t('app.saving') : t('traj.plan.save')}
          </Button>
        </ButtonGroup>
      </Form>
    </section>
  );
}

/**
 * What concerns a whole row of the editor: that a colleague removed it from the newer version (it
 * will be saved as a new row) or changed it after the worker removed it (it is back), and the
 * server's message about the row itself.
 */
function RowNotes({ id, error, notes }: { id: string; error?: string; notes: (string | false)[] }) {
  return (
    <>
      {notes.filter(Boolean).map((note) => (
        <Alert key={String(note)} type="warning">
          <Paragraph>{note}</Paragraph>
        </Alert>
      ))}
      {error && (
        <FormFieldErrorMessage id={`${id}-error`} className="sk-field-error">
          {error}
        </FormFieldErrorMessage>
      )}
    </>
  );
}

/**
 * Beside a field the worker and a colleague both changed: the colleague's value (the worker's own
 * stays in the field and is what a save sends), and a button to take the colleague's over.
 */
function ColleagueValue({
  version,
  value,
  label,
  onTake,
}: {
  version: number;
  value: string;
  label: string;
  onTake: () => void;
}) {
  const { t } = useTranslation();
  return (
    <span className="sk-traj-conflict">
      <span className="sk-pre-line">{t('traj.plan.colleagueAlsoChanged', { version, value })}</span>{' '}
      <Button
        appearance="subtle"
        aria-label={t('traj.plan.takeTheirsFor', { label })}
        onClick={onTake}
      >
        {t('traj.plan.takeTheirs')}
      </Button>
    </span>
  );
}
