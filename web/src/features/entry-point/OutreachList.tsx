// The outreach list: signals grouped per address and visit, a visit form per address, and
// "Aanmelden" once per visit that reached a household with support started (one visit, one
// registration). Used on the home page and on the signals page.
import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Notice } from '../../components/Alert';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import {
  CheckboxGroup,
  fieldId,
  Form,
  RadioGroup,
  TextAreaField,
  TextField,
} from '../../components/FormFields';
import { Link } from '../../components/Link';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, Paragraph } from '../../components/Typography';
import type { LifeDomain, OutreachOutcome, Signal, SignalStatus } from '../../lib/api-types';
import { LIFE_DOMAINS, OUTREACH_OUTCOMES } from '../../lib/api-types';
import { amsterdamInputToIso, toAmsterdamInput } from '../../lib/datetime';
import { formatDateTime, formatMoney } from '../../lib/format';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import { formatAddress } from './format';
import { useRecordOutreach, useRegisterFromSignal, useSignals } from './queries';
import type { ResidentValues } from './ResidentFields';
import {
  checkResident,
  EMPTY_RESIDENT,
  ResidentFields,
  residentLabels,
  toResidentInput,
} from './ResidentFields';
import { LoadMore } from '../../components/LoadMore';

interface SignalGroup {
  key: string;
  address: string;
  status: SignalStatus;
  signals: Signal[];
}

/**
 * One row per address (postcode + number + letter + addition) and visit: the open signals
 * together, and those one visit answered (same outcome, same moment) together.
 */
export function groupSignals(signals: Signal[]): SignalGroup[] {
  const groups = new Map<string, SignalGroup>();
  for (const signal of signals) {
    const a = signal.address;
    const key = [
      a.postcode,
      a.houseNumber,
      a.houseLetter ?? '',
      a.houseNumberAddition ?? '',
      signal.status,
      signal.outreachAt ?? '',
    ].join('|');
    const group = groups.get(key);
    if (group) group.signals.push(signal);
    else
      groups.set(key, {
        key,
        address: formatAddress(a) ?? '—',
        status: signal.status,
        signals: [signal],
      });
  }
  return [...groups.values()];
}

type Panel = { mode: 'visit' | 'register'; group: SignalGroup } | null;

export function OutreachList({
  status,
  headingLevel = 2,
}: {
  /** undefined: all statuses */
  status?: SignalStatus;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const signals = useSignals(status);
  const [panel, setPanel] = useState<Panel>(null);
  const [saved, setSaved] = useState<{ address: string; count: number } | null>(null);

  if (signals.isPending) return <Loading />;
  if (signals.isError)
    return <LoadError error={signals.error} onRetry={() => void signals.refetch()} />;

  const loaded = signals.data.pages.flatMap((page) => page.items);
  const groups = groupSignals(loaded);
  const showStatus = status !== 'open';
  const open = (mode: 'visit' | 'register', group: SignalGroup) => {
    setSaved(null);
    setPanel({ mode, group });
  };

  return (
    <>
      {saved && (
        <Notice type="ok">
          <Paragraph>
            {t('entry.outreach.saved', { address: saved.address, count: saved.count })}
          </Paragraph>
        </Notice>
      )}
      {groups.length === 0 ? (
        <Paragraph>
          {status === 'open' ? t('entry.outreach.empty') : t('entry.outreach.emptyFiltered')}
        </Paragraph>
      ) : (
        <Table caption={t('entry.outreach.caption')} captionHidden>
          <TableHeader>
            <TableRow>
              <HeaderCell>{t('entry.outreach.address')}</HeaderCell>
              <HeaderCell>{t('entry.outreach.kinds')}</HeaderCell>
              <HeaderCell numeric>{t('entry.outreach.amount')}</HeaderCell>
              <HeaderCell>{t('entry.home.neighbourhood')}</HeaderCell>
              <HeaderCell>{t('entry.outreach.knownHousehold')}</HeaderCell>
              <HeaderCell>{t('entry.outreach.oldest')}</HeaderCell>
              {showStatus && <HeaderCell>{t('entry.outreach.status')}</HeaderCell>}
              <HeaderCell>
                <span className="sk-visually-hidden">{t('entry.outreach.actions')}</span>
              </HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {groups.map((group) => {
              const amounts = group.signals.flatMap((s) =>
                s.amountCents === null ? [] : [s.amountCents],
              );
              const kinds = [...new Set(group.signals.map((s) => s.kind))];
              const oldest = group.signals
                .map((s) => s.receivedAt)
                .sort()
                .at(0);
              const families = [
                ...new Set(group.signals.flatMap((s) => (s.familyName ? [s.familyName] : []))),
              ];
              const senders = [
                ...new Set(
                  group.signals.flatMap((s) => (s.organisationName ? [s.organisationName] : [])),
                ),
              ];
              // One visit, one registration: once one of its signals has led to one, the
              // address is registered (the server links them all, and refuses a second).
              const registered = group.signals.find((s) => s.registrationId);
              const registerable = registered
                ? undefined
                : group.signals.find((s) => s.status === 'reached_support_started');
              return (
                <TableRow key={group.key}>
                  <Cell>
                    {group.address}
                    {families.length > 0 && (
                      <span className="sk-cell-note">{families.join(', ')}</span>
                    )}
                  </Cell>
                  <Cell>
                    <ul className="sk-plain-list">
                      {kinds.map((kind) => (
                        <li key={kind}>{t(`signalKinds.${kind}`)}</li>
                      ))}
                    </ul>
                    {senders.length > 0 && (
                      <span className="sk-cell-note">
                        {t('entry.outreach.from', { senders: senders.join(', ') })}
                      </span>
                    )}
                  </Cell>
                  <Cell numeric>
                    {amounts.length > 0
                      ? formatMoney(
                          amounts.reduce((sum, cents) => sum + cents, 0),
                          language,
                        )
                      : '—'}
                  </Cell>
                  <Cell>{group.signals[0]?.neighbourhoodName ?? '—'}</Cell>
                  <Cell>
                    {group.signals.some((s) => s.householdId) ? t('entry.yes') : t('entry.no')}
                  </Cell>
                  <Cell>{oldest ? formatDateTime(oldest, language) : '—'}</Cell>
                  {showStatus && <Cell>{t(`signalStatuses.${group.status}`)}</Cell>}
                  <Cell>
                    {group.status === 'open' && (
                      <Button
                        appearance="secondary"
                        aria-label={t('entry.outreach.recordVisitLabel', {
                          address: group.address,
                        })}
                        onClick={() => open('visit', group)}
                      >
                        {t('entry.outreach.recordVisit')}
                      </Button>
                    )}
                    {registerable && (
                      <Button
                        appearance="secondary"
                        aria-label={t('entry.outreach.registerLabel', { address: group.address })}
                        onClick={() => open('register', group)}
                      >
                        {t('entry.outreach.register')}
                      </Button>
                    )}
                    {registered?.registrationId && (
                      <Link to={`/aanmeldingen/${registered.registrationId}`}>
                        {t('entry.outreach.toRegistration')}
                      </Link>
                    )}
                  </Cell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      {loaded.length > 0 && (
        <LoadMore
          id="signals-loaded"
          textKey="signalsPaging"
          loaded={loaded.length}
          hasMore={signals.hasNextPage}
          busy={signals.isFetchingNextPage}
          onMore={() => signals.fetchNextPage()}
        />
      )}
      {panel?.mode === 'visit' && (
        <VisitForm
          key={panel.group.key}
          group={panel.group}
          headingLevel={headingLevel}
          onCancel={() => setPanel(null)}
          onDone={(outcome, count) => {
            if (outcome === 'reached_support_started') {
              // Reached and help starts: go straight on to the registration.
              setSaved(null);
              setPanel({
                mode: 'register',
                group: {
                  ...panel.group,
                  status: outcome,
                  signals: panel.group.signals.map((s) => ({ ...s, status: outcome })),
                },
              });
            } else {
              setPanel(null);
              setSaved({ address: panel.group.address, count });
            }
          }}
        />
      )}
      {panel?.mode === 'register' && (
        <RegisterFromSignalForm
          key={`register-${panel.group.key}`}
          group={panel.group}
          headingLevel={headingLevel}
          onCancel={() => setPanel(null)}
        />
      )}
    </>
  );
}

function PanelHeading({ level, id, children }: { level: 2 | 3; id: string; children: string }) {
  // Takes the focus when the panel opens, so the keyboard user lands in the form.
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.scrollIntoView({ block: 'start' });
  }, []);
  return (
    <Heading level={level} id={id} tabIndex={-1} ref={ref}>
      {children}
    </Heading>
  );
}

const VISIT_FORM = 'outreach-visit';

function VisitForm({
  group,
  headingLevel,
  onDone,
  onCancel,
}: {
  group: SignalGroup;
  headingLevel: 2 | 3;
  onDone: (outcome: OutreachOutcome, count: number) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const record = useRecordOutreach();
  const [at, setAt] = useState(() => toAmsterdamInput());
  const [outcome, setOutcome] = useState<OutreachOutcome | ''>('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const labels = { at: t('entry.outreach.at'), outcome: t('entry.outreach.outcome') };
  const errors = useFormErrors(
    labels,
    (field) => fieldId(VISIT_FORM, field),
    clientErrors,
    record.error,
  );
  const first = group.signals[0];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    const iso = amsterdamInputToIso(at);
    if (!iso) found.at = t('entry.newRegistration.invalidTime', { label: labels.at });
    if (!outcome) found.outcome = t('form.required', { label: labels.outcome });
    setClientErrors(found);
    if (!iso || !outcome || !first) {
      record.reset();
      return;
    }
    record.mutate(
      { id: first.id, at: iso, outcome },
      { onSuccess: (result) => onDone(outcome, result.updatedSignalIds.length) },
    );
  };

  return (
    <section aria-labelledby="outreach-visit-title" className="sk-section sk-panel">
      <PanelHeading level={headingLevel} id="outreach-visit-title">
        {t('entry.outreach.visitTitle', { address: group.address })}
      </PanelHeading>
      <Paragraph className="sk-hint">
        {t('entry.outreach.visitIntro', { count: group.signals.length })}
      </Paragraph>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={VISIT_FORM} onSubmit={submit}>
        <TextField
          id={fieldId(VISIT_FORM, 'at')}
          label={labels.at}
          type="datetime-local"
          size="md"
          required
          value={at}
          onChange={setAt}
          error={errors.byField.at}
        />
        <RadioGroup
          id={fieldId(VISIT_FORM, 'outcome')}
          legend={labels.outcome}
          value={outcome}
          onChange={(value) => setOutcome(value as OutreachOutcome)}
          error={errors.byField.outcome}
          options={OUTREACH_OUTCOMES.map((value) => ({
            value,
            label: t(`signalStatuses.${value}`),
          }))}
        />
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={record.isPending}>
            {t('entry.outreach.save')}
          </Button>
          <Button appearance="secondary" onClick={onCancel}>
            {t('app.cancel')}
          </Button>
        </ButtonGroup>
      </Form>
    </section>
  );
}

const REGISTER_FORM = 'signal-registration';

function RegisterFromSignalForm({
  group,
  headingLevel,
  onCancel,
}: {
  group: SignalGroup;
  headingLevel: 2 | 3;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const register = useRegisterFromSignal();
  const signal =
    group.signals.find((s) => s.status === 'reached_support_started') ?? group.signals[0];
  const needsResident = !signal?.householdId;
  const [question, setQuestion] = useState('');
  const [lifeDomains, setLifeDomains] = useState<LifeDomain[]>([]);
  const [resident, setResident] = useState<ResidentValues>(() => ({
    ...EMPTY_RESIDENT,
    familyName: signal?.familyName ?? '',
  }));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const labels: Record<string, string> = {
    question: t('entry.newRegistration.question'),
    lifeDomains: t('entry.newRegistration.lifeDomains'),
    resident: t('entry.newRegistration.residentLegend'),
    ...residentLabels(t, false),
  };
  const errors = useFormErrors(
    labels,
    (field) => fieldId(REGISTER_FORM, field),
    clientErrors,
    register.error,
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!signal) return;
    const found: FieldErrors = {};
    if (!question.trim()) found.question = t('form.required', { label: labels.question });
    if (needsResident) {
      Object.assign(found, checkResident(resident, t));
      if (!resident.givenName.trim()) {
        found['resident.givenName'] = t('form.required', {
          label: labels['resident.givenName'],
        });
      }
      if (!resident.familyName.trim()) {
        found['resident.familyName'] = t('form.required', {
          label: labels['resident.familyName'],
        });
      }
    }
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      register.reset();
      return;
    }
    const person = needsResident ? toResidentInput(resident, false) : undefined;
    register.mutate(
      {
        id: signal.id,
        question: question.trim(),
        lifeDomains,
        ...(person ? { resident: person } : {}),
      },
      {
        onSuccess: (created) =>
          void navigate(`/aanmeldingen/${created.id}`, {
            state: { created: true, matchedExisting: created.matchedExisting },
          }),
      },
    );
  };

  return (
    <section aria-labelledby="signal-registration-title" className="sk-section sk-panel">
      <PanelHeading level={headingLevel} id="signal-registration-title">
        {t('entry.outreach.registerTitle', { address: group.address })}
      </PanelHeading>
      <Paragraph className="sk-hint">{t('entry.outreach.registerIntro')}</Paragraph>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={REGISTER_FORM} onSubmit={submit}>
        <TextAreaField
          id={fieldId(REGISTER_FORM, 'question')}
          label={labels.question ?? ''}
          required
          rows={3}
          value={question}
          onChange={setQuestion}
          error={errors.byField.question}
        />
        <div className="sk-domains">
          <CheckboxGroup
            id={fieldId(REGISTER_FORM, 'lifeDomains')}
            legend={labels.lifeDomains ?? ''}
            selected={lifeDomains}
            onChange={(selected) => setLifeDomains(selected as LifeDomain[])}
            error={errors.byField.lifeDomains}
            groups={[
              {
                key: 'all',
                options: LIFE_DOMAINS.map((value) => ({ value, label: t(`lifeDomains.${value}`) })),
              },
            ]}
          />
        </div>
        {needsResident && (
          <ResidentFields
            formId={REGISTER_FORM}
            values={resident}
            onChange={setResident}
            errors={errors.byField}
            withAddress={false}
            hint={t('entry.outreach.registerResidentHint')}
          />
        )}
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={register.isPending}>
            {t('entry.outreach.registerSave')}
          </Button>
          <Button appearance="secondary" onClick={onCancel}>
            {t('app.cancel')}
          </Button>
        </ButtonGroup>
      </Form>
    </section>
  );
}
