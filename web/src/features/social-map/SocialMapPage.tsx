// The social map (sociale kaart): search by life domain, buurt and text; keep the offers up to
// date; import a CSV; and add an offer to a resident's plan in two clicks ("Aan plan toevoegen",
// then "Toevoegen"). Opened from a trajectory (?traject=<id>) the plan is already chosen.
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Alert, Notice } from '../../components/Alert';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import {
  CheckboxGroup,
  FileField,
  fieldId,
  Form,
  SelectField,
  TextAreaField,
  TextField,
} from '../../components/FormFields';
import { Link } from '../../components/Link';
import { LoadError, Loading } from '../../components/QueryState';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { isApiError } from '../../lib/api';
import { LIFE_DOMAINS } from '../../lib/api-types';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import { problemText } from '../../lib/problem';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import type { AppendActionInput, Entry, EntryInput } from './queries';
import {
  ENTRY_KINDS,
  useAppendAction,
  useEntries,
  useImportEntries,
  useNeighbourhoods,
  usePlan,
  useSaveEntry,
  useTeamTrajectories,
} from './queries';
import { TrajectoryPicker } from './shared';

export function SocialMapPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('collective.map.title'));
  const role = useSession().data?.user.role;
  const caseworker = role === 'worker' || role === 'team_lead';
  const [params] = useSearchParams();
  const forTrajectory = params.get('traject') ?? undefined;
  const [filter, setFilter] = useState({ q: '', lifeDomain: '', neighbourhoodCode: '' });
  const [applied, setApplied] = useState(filter);
  const entries = useEntries(applied);
  const neighbourhoods = useNeighbourhoods();
  const [editing, setEditing] = useState<Entry | 'new' | null>(null);

  const search = (event: FormEvent) => {
    event.preventDefault();
    setApplied(filter);
  };

  return (
    <>
      <PageTitle>{t('collective.map.title')}</PageTitle>
      <Paragraph lead>{t('collective.map.intro')}</Paragraph>
      {forTrajectory && <ForTrajectory trajectoryId={forTrajectory} />}
      <section aria-labelledby="map-search" className="sk-section sk-panel">
        <Heading level={2} id="map-search">
          {t('collective.map.search')}
        </Heading>
        <Form id="map-filter" onSubmit={search} role="search">
          <div className="sk-collective-filters">
            <SelectField
              id="map-filter-domain"
              label={t('collective.lifeDomain')}
              value={filter.lifeDomain}
              placeholder={t('collective.map.allDomains')}
              onChange={(lifeDomain) => setFilter((f) => ({ ...f, lifeDomain }))}
              options={LIFE_DOMAINS.map((d) => ({ value: d, label: t(`lifeDomains.${d}`) }))}
            />
            <SelectField
              id="map-filter-buurt"
              label={t('collective.buurt')}
              value={filter.neighbourhoodCode}
              placeholder={t('collective.map.allBuurten')}
              onChange={(neighbourhoodCode) => setFilter((f) => ({ ...f, neighbourhoodCode }))}
              options={(neighbourhoods.data ?? []).map((n) => ({ value: n.code, label: n.name }))}
            />
            <TextField
              id="map-filter-q"
              label={t('collective.map.text')}
              type="search"
              size="md"
              value={filter.q}
              onChange={(q) => setFilter((f) => ({ ...f, q }))}
            />
          </div>
          <Button appearance="primary" type="submit">
            {t('collective.map.searchButton')}
          </Button>
        </Form>
      </section>
      {caseworker && editing === null && (
        <ButtonGroup>
          <Button onClick={() => setEditing('new')}>{t('collective.map.new')}</Button>
        </ButtonGroup>
      )}
      {editing !== null && (
        <EntryForm entry={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      )}
      <section aria-labelledby="map-results" className="sk-section">
        <Heading level={2} id="map-results">
          {t('collective.map.results', { count: entries.data?.length ?? 0 })}
        </Heading>
        {entries.isPending && <Loading />}
        {entries.isError && (
          <LoadError error={entries.error} onRetry={() => void entries.refetch()} />
        )}
        {entries.data?.length === 0 && <Paragraph>{t('collective.map.none')}</Paragraph>}
        <ul className="sk-collective-cards">
          {entries.data?.map((entry) => (
            <li key={entry.id} className="sk-collective-card">
              <EntryCard
                entry={entry}
                caseworker={caseworker}
                forTrajectory={forTrajectory}
                onEdit={() => setEditing(entry)}
              />
            </li>
          ))}
        </ul>
      </section>
      {role === 'team_lead' && <ImportEntries />}
    </>
  );
}

function ForTrajectory({ trajectoryId }: { trajectoryId: string }) {
  const { t } = useTranslation();
  const trajectories = useTeamTrajectories();
  const trajectory = trajectories.data?.find((tr) => tr.id === trajectoryId);
  return (
    <Alert type="info">
      <Paragraph>
        {t('collective.map.forTrajectory', {
          name: trajectory?.household.members ?? t('collective.unnamed'),
        })}{' '}
        <Link to={`/trajecten/${trajectoryId}`}>{t('collective.backToTrajectory')}</Link>
      </Paragraph>
    </Alert>
  );
}

function EntryCard({
  entry,
  caseworker,
  forTrajectory,
  onEdit,
}: {
  entry: Entry;
  caseworker: boolean;
  forTrajectory: string | undefined;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const headingId = `entry-${entry.id}`;
  return (
    <article aria-labelledby={headingId}>
      <Heading level={3} id={headingId}>
        {entry.name}
      </Heading>
      <Paragraph className="sk-muted">
        {t(`collective.entryKinds.${entry.kind}`)}
        {' · '}
        {entry.neighbourhoodName ?? t('collective.wholeCity')}
        {entry.capacity !== null && ` · ${t('collective.map.capacity', { count: entry.capacity })}`}
      </Paragraph>
      <Paragraph>{entry.offers}</Paragraph>
      <dl className="sk-collective-facts">
        {entry.forWhom && (
          <>
            <dt>{t('collective.map.forWhom')}</dt>
            <dd>{entry.forWhom}</dd>
          </>
        )}
        {entry.when && (
          <>
            <dt>{t('collective.map.when')}</dt>
            <dd>{entry.when}</dd>
          </>
        )}
        {entry.lifeDomains.length > 0 && (
          <>
            <dt>{t('collective.lifeDomains')}</dt>
            <dd>{entry.lifeDomains.map((d) => t(`lifeDomains.${d}`)).join(', ')}</dd>
          </>
        )}
        {(entry.contact.name || entry.contact.phone || entry.contact.email) && (
          <>
            <dt>{t('collective.map.contact')}</dt>
            <dd>
              {[entry.contact.name, entry.contact.phone, entry.contact.email]
                .filter(Boolean)
                .join(' · ')}
            </dd>
          </>
        )}
      </dl>
      {caseworker && !adding && (
        <ButtonGroup>
          <Button appearance="primary" onClick={() => setAdding(true)}>
            {t('collective.map.addToPlan')}
            <span className="sk-visually-hidden">: {entry.name}</span>
          </Button>
          <Button onClick={onEdit}>
            {t('collective.map.edit')}
            <span className="sk-visually-hidden">: {entry.name}</span>
          </Button>
        </ButtonGroup>
      )}
      {adding && (
        <AddToPlan entry={entry} trajectoryId={forTrajectory} onClose={() => setAdding(false)} />
      )}
    </article>
  );
}

/** The second click: the plan (chosen already when opened from a trajectory) and "Toevoegen". */
function AddToPlan({
  entry,
  trajectoryId: given,
  onClose,
}: {
  entry: Entry;
  trajectoryId: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [trajectoryId, setTrajectoryId] = useState(given ?? '');
  const [error, setError] = useState<string | undefined>();
  const plan = usePlan(trajectoryId || undefined);
  const append = useAppendAction(trajectoryId);
  const formId = `add-${entry.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The plan may still be loading right after the first click: wait for its version.
    const current = trajectoryId ? (plan.data ?? (await plan.refetch()).data) : undefined;
    if (!trajectoryId || !current) {
      setError(t('form.required', { label: t('collective.trajectory') }));
      return;
    }
    setError(undefined);
    const domain = entry.lifeDomains[0] as AppendActionInput['domain'];
    append.mutate({
      version: current.version,
      description: `${entry.name}: ${entry.offers}`.slice(0, 1000),
      ownerType: entry.kind === 'volunteer_organisation' ? 'volunteer' : 'collective',
      ownerName: entry.name,
      ...(domain ? { domain } : {}),
    });
  };

  if (append.isSuccess)
    return (
      <Notice type="ok">
        <Paragraph>
          {t('collective.map.added', { name: entry.name, version: append.data.version })}{' '}
          <Link to={`/trajecten/${trajectoryId}/krachtplan`}>{t('collective.map.openPlan')}</Link>
        </Paragraph>
      </Notice>
    );
  return (
    <Form
      id={formId}
      onSubmit={(event) => void submit(event)}
      aria-label={t('collective.map.addToPlan')}
    >
      {append.isError && (
        <Alert type="error">
          <Paragraph>
            {isApiError(append.error, 409)
              ? t('collective.map.conflict')
              : (problemText(isApiError(append.error) ? append.error.problem : {}, language) ??
                t('form.saveFailed'))}
          </Paragraph>
        </Alert>
      )}
      {!given && (
        <TrajectoryPicker
          id={fieldId(formId, 'trajectory')}
          value={trajectoryId}
          onChange={(id) => setTrajectoryId(id)}
          error={error}
        />
      )}
      {plan.data && (
        <Paragraph className="sk-muted">
          {t('collective.map.planVersion', { version: plan.data.version })}
        </Paragraph>
      )}
      <ButtonGroup>
        <Button appearance="primary" type="submit" busy={append.isPending}>
          {t('collective.map.confirmAdd')}
        </Button>
        <Button
          onClick={() => {
            if (append.isError) void plan.refetch();
            append.reset();
            onClose();
          }}
        >
          {t('collective.cancel')}
        </Button>
      </ButtonGroup>
    </Form>
  );
}

const EMPTY_ENTRY = {
  kind: 'collective_provision' as Entry['kind'],
  name: '',
  offers: '',
  forWhom: '',
  neighbourhoodCode: '',
  lifeDomains: [] as string[],
  when: '',
  capacity: '',
  contactName: '',
  contactPhone: '',
  contactEmail: '',
};

function EntryForm({ entry, onDone }: { entry: Entry | null; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveEntry();
  const neighbourhoods = useNeighbourhoods();
  const formId = 'social-map-entry';
  const [values, setValues] = useState(
    entry
      ? {
          kind: entry.kind,
          name: entry.name,
          offers: entry.offers,
          forWhom: entry.forWhom,
          neighbourhoodCode: entry.neighbourhoodCode ?? '',
          lifeDomains: entry.lifeDomains,
          when: entry.when,
          capacity: entry.capacity === null ? '' : String(entry.capacity),
          contactName: entry.contact.name,
          contactPhone: entry.contact.phone,
          contactEmail: entry.contact.email,
        }
      : EMPTY_ENTRY,
  );
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const labels = {
    kind: t('collective.map.kind'),
    name: t('collective.map.name'),
    offers: t('collective.map.offers'),
    forWhom: t('collective.map.forWhom'),
    neighbourhoodCode: t('collective.buurt'),
    lifeDomains: t('collective.lifeDomains'),
    when: t('collective.map.when'),
    capacity: t('collective.map.capacityLabel'),
    'contact.name': t('collective.map.contactName'),
    'contact.phone': t('collective.map.contactPhone'),
    'contact.email': t('collective.map.contactEmail'),
  };
  const errors = useFormErrors(
    labels,
    (field) => fieldId(formId, field),
    clientErrors,
    save.error,
    { 409: t('collective.staleVersion') },
  );
  const set = (key: keyof typeof EMPTY_ENTRY) => (value: string | string[]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!values.name.trim()) found.name = t('form.required', { label: labels.name });
    if (!values.offers.trim()) found.offers = t('form.required', { label: labels.offers });
    const capacity = values.capacity.trim() === '' ? null : Number(values.capacity);
    if (capacity !== null && (!Number.isInteger(capacity) || capacity < 0))
      found.capacity = t('form.invalidNumber', { label: labels.capacity, min: 0, max: 100000 });
    setClientErrors(found);
    if (Object.keys(found).length > 0) return;
    save.mutate(
      {
        ...(entry ? { id: entry.id, version: entry.version } : {}),
        body: {
          kind: values.kind,
          name: values.name.trim(),
          offers: values.offers.trim(),
          forWhom: values.forWhom.trim(),
          neighbourhoodCode: values.neighbourhoodCode || null,
          lifeDomains: values.lifeDomains as EntryInput['lifeDomains'],
          when: values.when.trim(),
          capacity,
          contact: {
            name: values.contactName.trim(),
            phone: values.contactPhone.trim(),
            email: values.contactEmail.trim(),
          },
        },
      },
      { onSuccess: onDone },
    );
  };

  return (
    <section aria-labelledby="entry-form-title" className="sk-section sk-panel">
      <Heading level={2} id="entry-form-title">
        {entry ? t('collective.map.editTitle', { name: entry.name }) : t('collective.map.new')}
      </Heading>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={formId} onSubmit={submit}>
        <SelectField
          id={fieldId(formId, 'kind')}
          label={labels.kind}
          value={values.kind}
          onChange={set('kind')}
          options={ENTRY_KINDS.map((k) => ({ value: k, label: t(`collective.entryKinds.${k}`) }))}
          error={errors.byField.kind}
          required
        />
        <TextField
          id={fieldId(formId, 'name')}
          label={labels.name}
          value={values.name}
          onChange={set('name')}
          error={errors.byField.name}
          required
        />
        <TextAreaField
          id={fieldId(formId, 'offers')}
          label={labels.offers}
          value={values.offers}
          onChange={set('offers')}
          error={errors.byField.offers}
          rows={3}
          required
        />
        <TextField
          id={fieldId(formId, 'forWhom')}
          label={labels.forWhom}
          value={values.forWhom}
          onChange={set('forWhom')}
          error={errors.byField.forWhom}
        />
        <SelectField
          id={fieldId(formId, 'neighbourhoodCode')}
          label={labels.neighbourhoodCode}
          value={values.neighbourhoodCode}
          placeholder={t('collective.wholeCity')}
          onChange={set('neighbourhoodCode')}
          options={(neighbourhoods.data ?? []).map((n) => ({ value: n.code, label: n.name }))}
          error={errors.byField.neighbourhoodCode}
        />
        <CheckboxGroup
          id={fieldId(formId, 'lifeDomains')}
          legend={labels.lifeDomains}
          selected={values.lifeDomains}
          onChange={set('lifeDomains')}
          error={errors.byField.lifeDomains}
          groups={[
            {
              key: 'all',
              options: LIFE_DOMAINS.map((d) => ({ value: d, label: t(`lifeDomains.${d}`) })),
            },
          ]}
        />
        <TextField
          id={fieldId(formId, 'when')}
          label={labels.when}
          value={values.when}
          onChange={set('when')}
          error={errors.byField.when}
        />
        <TextField
          id={fieldId(formId, 'capacity')}
          label={labels.capacity}
          inputMode="numeric"
          size="sm"
          value={values.capacity}
          onChange={set('capacity')}
          error={errors.byField.capacity}
        />
        <TextField
          id={fieldId(formId, 'contact.name')}
          label={labels['contact.name']}
          value={values.contactName}
          onChange={set('contactName')}
          error={errors.byField['contact.name']}
        />
        <TextField
          id={fieldId(formId, 'contact.phone')}
          label={labels['contact.phone']}
          type="tel"
          size="md"
          value={values.contactPhone}
          onChange={set('contactPhone')}
          error={errors.byField['contact.phone']}
        />
        <TextField
          id={fieldId(formId, 'contact.email')}
          label={labels['contact.email']}
          type="email"
          value={values.contactEmail}
          onChange={set('contactEmail')}
          error={errors.byField['contact.email']}
        />
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={save.isPending}>
            {t('collective.save')}
          </Button>
          <Button onClick={onDone}>{t('collective.cancel')}</Button>
        </ButtonGroup>
      </Form>
    </section>
  );
}

function ImportEntries() {
  const { t } = useTranslation();
  const language = useLanguage();
  const importEntries = useImportEntries();
  const [file, setFile] = useState<File | null>(null);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const formId = 'social-map-import';
  const labels = {
    file: t('collective.map.importFile'),
    '(body)': t('collective.map.importFile'),
    '(body).header': t('collective.map.importFile'),
  };
  const errors = useFormErrors(
    labels,
    (field) => fieldId(formId, field.startsWith('(body)') ? 'file' : field),
    clientErrors,
    importEntries.error,
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = file ? await file.text() : '';
    if (!text.trim()) {
      importEntries.reset();
      setClientErrors({ file: t('form.required', { label: labels.file }) });
      return;
    }
    setClientErrors({});
    importEntries.mutate(text);
  };
  const result = importEntries.data;
  return (
    <section aria-labelledby="map-import" className="sk-section sk-panel">
      <Heading level={2} id="map-import">
        {t('collective.map.importTitle')}
      </Heading>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={formId} onSubmit={(event) => void submit(event)}>
        <FileField
          id={fieldId(formId, 'file')}
          label={labels.file}
          description={<span className="sk-break">{t('collective.map.importHint')}</span>}
          accept=".csv,text/csv"
          onChange={setFile}
          error={errors.byField.file ?? errors.byField['(body)'] ?? errors.byField['(body).header']}
        />
        <Button appearance="primary" type="submit" busy={importEntries.isPending}>
          {t('collective.map.import')}
        </Button>
      </Form>
      {result && (
        <Notice type={result.rejected.length > 0 ? 'warning' : 'ok'}>
          <Paragraph>
            {t('collective.map.importResult', {
              imported: result.imported,
              duplicates: result.duplicates,
              rejected: result.rejected.length,
            })}
          </Paragraph>
          {result.rejected.length > 0 && (
            <ul>
              {result.rejected.map((r) => (
                <li key={r.line}>
                  {t('collective.map.line', { line: r.line })}:{' '}
                  {language === 'nl' ? r.reasonNl : r.reason}
                </li>
              ))}
            </ul>
          )}
        </Notice>
      )}
    </section>
  );
}
