import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Alert';
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
import { LoadMore } from '../../components/LoadMore';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, Paragraph } from '../../components/Typography';
import type { JournalKind } from '../../lib/api-types';
import { JOURNAL_KINDS } from '../../lib/api-types';
import { amsterdamInputToIso, toAmsterdamInput } from '../../lib/datetime';
import { formatDate, formatDateTime } from '../../lib/format';
import { useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import { pathReasons } from '../../lib/problem';
import { rowKey } from './format';
import { todayInAmsterdam } from '../../lib/calendar';
import { useAddCaseConference, useAddContact, useCaseConferences, useContacts } from './queries';

/** "Journaal": the contacts, newest first, and a quick form to add one. */
export function JournalSection({
  trajectoryId,
  canAdd,
}: {
  trajectoryId: string;
  canAdd: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const contacts = useContacts(trajectoryId);
  const loaded = contacts.data?.pages.flatMap((page) => page.items);
  return (
    <section aria-labelledby="journaal" className="sk-section">
      <Heading level={2} id="journaal" tabIndex={-1}>
        {t('traj.journal.title')}
      </Heading>
      <Paragraph className="sk-traj-hint">{t('traj.journal.intro')}</Paragraph>
      {canAdd && <JournalForm trajectoryId={trajectoryId} />}
      {contacts.isPending && <Loading />}
      {contacts.isError && (
        <LoadError error={contacts.error} onRetry={() => void contacts.refetch()} />
      )}
      {loaded &&
        (loaded.length === 0 ? (
          <Paragraph>{t('traj.journal.empty')}</Paragraph>
        ) : (
          <Table caption={t('traj.journal.caption')}>
            <TableHeader>
              <TableRow>
                <HeaderCell>{t('traj.journal.at')}</HeaderCell>
                <HeaderCell>{t('traj.journal.kind')}</HeaderCell>
                <HeaderCell>{t('traj.journal.note')}</HeaderCell>
                <HeaderCell numeric>{t('traj.journal.minutes')}</HeaderCell>
                <HeaderCell>{t('traj.journal.by')}</HeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {[...loaded]
                .sort((a, b) => b.at.localeCompare(a.at))
                .map((contact) => (
                  <TableRow key={contact.id}>
                    <Cell>{formatDateTime(contact.at, language)}</Cell>
                    <Cell>{t(`journalKinds.${contact.kind}`)}</Cell>
                    <Cell>
                      <span className="sk-pre-line">{contact.note}</span>
                    </Cell>
                    <Cell numeric>{contact.minutes ?? '—'}</Cell>
                    <Cell>{contact.by.name}</Cell>
                  </TableRow>
                ))}
            </TableBody>
          </Table>
        ))}
      {/* Only once the journal runs past one page: a short journal needs no count. */}
      {loaded && (contacts.hasNextPage || (contacts.data?.pages.length ?? 0) > 1) && (
        <LoadMore
          id="journal-loaded"
          textKey="traj.journal.paging"
          className="sk-traj-subsection"
          hintClassName="sk-traj-hint"
          loaded={loaded.length}
          hasMore={contacts.hasNextPage}
          busy={contacts.isFetchingNextPage}
          onMore={() => contacts.fetchNextPage()}
        />
      )}
    </section>
  );
}

function JournalForm({ trajectoryId }: { trajectoryId: string }) {
  const { t } = useTranslation();
  const add = useAddContact(trajectoryId);
  const [at, setAt] = useState(() => toAmsterdamInput());
  const [kind, setKind] = useState<JournalKind>('home_visit');
  const [note, setNote] = useState('');
  const [minutes, setMinutes] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const form = 'journal';
  const labels = {
    at: t('traj.journal.at'),
    kind: t('traj.journal.kind'),
    note: t('traj.journal.note'),
    minutes: t('traj.journal.minutes'),
  };
  const errors = useFormErrors(labels, (f) => fieldId(form, f), clientErrors, add.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const found: Record<string, string> = {};
    const iso = amsterdamInputToIso(at);
    if (!iso) found.at = t('form.required', { label: labels.at });
    if (!note.trim()) found.note = t('form.required', { label: labels.note });
    const mins = minutes.trim() ? Number(minutes) : undefined;
    if (mins !== undefined && (!Number.isInteger(mins) || mins < 0 || mins > 1440)) {
      found.minutes = t('form.invalidNumber', { label: labels.minutes, min: 0, max: 1440 });
    }
    setClientErrors(found);
    if (Object.keys(found).length > 0 || !iso) return;
    add.mutate(
      { at: iso, kind, note: note.trim(), ...(mins !== undefined ? { minutes: mins } : {}) },
      {
        onSuccess: () => {
          setDone(true);
          setNote('');
          setMinutes('');
          setAt(toAmsterdamInput());
        },
      },
    );
  };

  return (
    <div className="sk-traj-subsection sk-traj-panel">
      <Heading level={3} id="journal-title">
        {t('traj.journal.addTitle')}
      </Heading>
      {done && (
        <Notice type="ok">
          <Paragraph>{t('traj.journal.added')}</Paragraph>
        </Notice>
      )}
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={form} onSubmit={onSubmit} aria-labelledby="journal-title">
        <div className="sk-field-row">
          <TextField
            id={fieldId(form, 'at')}
            type="datetime-local"
            size="md"
            label={labels.at}
            value={at}
            onChange={setAt}
            error={errors.byField.at}
          />
          <SelectField
            id={fieldId(form, 'kind')}
            label={labels.kind}
            value={kind}
            onChange={(value) => setKind(value as JournalKind)}
            options={JOURNAL_KINDS.map((value) => ({ value, label: t(`journalKinds.${value}`) }))}
            error={errors.byField.kind}
          />
          <TextField
            id={fieldId(form, 'minutes')}
            type="number"
            inputMode="numeric"
            size="sm"
            min={0}
            max={1440}
            label={`${labels.minutes} ${t('form.optional')}`}
            value={minutes}
            onChange={setMinutes}
            error={errors.byField.minutes}
          />
        </div>
        <TextAreaField
          id={fieldId(form, 'note')}
          label={labels.note}
          value={note}
          rows={3}
          maxLength={4000}
          onChange={setNote}
          error={errors.byField.note}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary" busy={add.isPending}>
            {t('traj.journal.add')}
          </Button>
        </ButtonGroup>
      </Form>
    </div>
  );
}

/** "Casuïstiek": the case conferences of this trajectory and a form to record one. */
export function CaseConferenceSection({
  trajectoryId,
  canAdd,
}: {
  trajectoryId: string;
  canAdd: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const conferences = useCaseConferences(trajectoryId);
  return (
    <section aria-labelledby="casuistiek" className="sk-section">
      <Heading level={2} id="casuistiek" tabIndex={-1}>
        {t('traj.conferences.title')}
      </Heading>
      <Paragraph className="sk-traj-hint">{t('traj.conferences.intro')}</Paragraph>
      {conferences.isPending && <Loading />}
      {conferences.isError && (
        <LoadError error={conferences.error} onRetry={() => void conferences.refetch()} />
      )}
      {conferences.data &&
        (conferences.data.length === 0 ? (
          <Paragraph>{t('traj.conferences.empty')}</Paragraph>
        ) : (
          <ul className="sk-plain-list sk-traj-cards">
            {[...conferences.data]
              .sort((a, b) => b.heldOn.localeCompare(a.heldOn))
              .map((conference) => (
                <li key={conference.id} className="sk-traj-card">
                  <Heading level={3}>
                    {t('traj.conferences.heldOnLabel', {
                      date: formatDate(conference.heldOn, language),
                    })}
                  </Heading>
                  <dl className="sk-traj-card__list">
                    <dt>{t('traj.conferences.participants')}</dt>
                    <dd>
                      {conference.participants
                        .map(
                          (p) =>
                            [p.name, p.role].filter(Boolean).join(', ') +
                            (p.external ? ` (${t('traj.conferences.externalMark')})` : ''),
                        )
                        .join('; ')}
                      {conference.residentPresent && (
                        <> — {t('traj.conferences.residentWasPresent')}</>
                      )}
                    </dd>
                    <dt>{t('traj.conferences.question')}</dt>
                    <dd className="sk-pre-line">{conference.question}</dd>
                    <dt>{t('traj.conferences.advice')}</dt>
                    <dd className="sk-pre-line">{conference.advice || '—'}</dd>
                    <dt>{t('traj.conferences.decisions')}</dt>
                    <dd className="sk-pre-line">{conference.decisions || '—'}</dd>
                  </dl>
                </li>
              ))}
          </ul>
        ))}
      {canAdd && <CaseConferenceForm trajectoryId={trajectoryId} />}
    </section>
  );
}

interface ParticipantRow {
  key: string;
  name: string;
  role: string;
  external: boolean;
}

const emptyParticipant = (): ParticipantRow => ({
  key: rowKey(),
  name: '',
  role: '',
  external: false,
});

function CaseConferenceForm({ trajectoryId }: { trajectoryId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const add = useAddCaseConference(trajectoryId);
  const [heldOn, setHeldOn] = useState(todayInAmsterdam);
  const [participants, setParticipants] = useState<ParticipantRow[]>(() => [emptyParticipant()]);
  const [residentPresent, setResidentPresent] = useState(false);
  const [question, setQuestion] = useState('');
  const [advice, setAdvice] = useState('');
  const [decisions, setDecisions] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const form = 'conference';
  const base = {
    heldOn: t('traj.conferences.heldOn'),
    participants: t('traj.conferences.participants'),
    question: t('traj.conferences.question'),
    advice: t('traj.conferences.advice'),
    decisions: t('traj.conferences.decisions'),
  };
  const labels: Record<string, string> = {
    heldOn: base.heldOn,
    participants: base.participants,
    ...Object.fromEntries(
      participants.map((_, i) => [
        `participants.${i}.name`,
        `${t('traj.conferences.participantN', { n: i + 1 })}: ${t('traj.conferences.participantName')}`,
      ]),
    ),
    question: base.question,
    advice: base.advice,
    decisions: base.decisions,
  };
  // Row messages from the server keep their index; the rest goes through the shared helper.
  const rowErrors = Object.fromEntries(
    Object.entries(pathReasons(add.error, language))
      .filter(([path]) => /^participants\.\d+\./.test(path))
      .map(([path, reason]) => [
        path.replace(/\.role$|\.external$/, '.name'),
        t('form.fieldError', {
          label: labels[path.replace(/\.role$|\.external$/, '.name')] ?? path,
          reason,
        }),
      ]),
  );
  const errors = useFormErrors(
    labels,
    (f) => fieldId(form, f),
    { ...rowErrors, ...clientErrors },
    add.error,
  );

  const setParticipant = (index: number, patch: Partial<ParticipantRow>) =>
    setParticipants((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const found: Record<string, string> = {};
    if (!heldOn) found.heldOn = t('form.required', { label: base.heldOn });
    else if (heldOn > todayInAmsterdam()) found.heldOn = t('traj.conferences.heldOnFuture');
    const named = participants.filter((p) => p.name.trim());
    if (named.length === 0)
      found['participants.0.name'] = t('form.required', { label: labels['participants.0.name'] });
    if (!question.trim()) found.question = t('form.required', { label: base.question });
    setClientErrors(found);
    if (Object.keys(found).length > 0) return;
    add.mutate(
      {
        heldOn,
        participants: named.map((p) => ({
          name: p.name.trim(),
          role: p.role.trim(),
          external: p.external,
        })),
        residentPresent,
        question: question.trim(),
        advice: advice.trim(),
        decisions: decisions.trim(),
      },
      {
        onSuccess: () => {
          setDone(true);
          setParticipants([emptyParticipant()]);
          setResidentPresent(false);
          setQuestion('');
          setAdvice('');
          setDecisions('');
        },
      },
    );
  };

  return (
    <div className="sk-traj-subsection sk-traj-panel">
      <Heading level={3} id="conference-title">
        {t('traj.conferences.addTitle')}
      </Heading>
      {done && (
        <Notice type="ok">
          <Paragraph>{t('traj.conferences.added')}</Paragraph>
        </Notice>
      )}
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={form} onSubmit={onSubmit} aria-labelledby="conference-title">
        <TextField
          id={fieldId(form, 'heldOn')}
          type="date"
          size="md"
          label={base.heldOn}
          value={heldOn}
          max={todayInAmsterdam()}
          onChange={setHeldOn}
          error={errors.byField.heldOn}
        />
        <fieldset className="sk-traj-block sk-traj-block--quiet">
          <legend className="sk-traj-legend">{base.participants}</legend>
          {participants.map((row, i) => (
            <fieldset key={row.key} className="sk-traj-row sk-traj-row--inline">
              <legend className="sk-visually-hidden">
                {t('traj.conferences.participantN', { n: i + 1 })}
              </legend>
              <div className="sk-field-row sk-field-row--end">
                <TextField
                  id={fieldId(form, `participants.${i}.name`)}
                  label={t('traj.conferences.participantName')}
                  size="md"
                  value={row.name}
                  maxLength={200}
                  onChange={(value) => setParticipant(i, { name: value })}
                  error={errors.byField[`participants.${i}.name`]}
                />
                <TextField
                  id={fieldId(form, `participants.${i}.role`)}
                  label={t('traj.conferences.participantRole')}
                  size="md"
                  value={row.role}
                  maxLength={200}
                  onChange={(value) => setParticipant(i, { role: value })}
                />
                <CheckboxField
                  id={fieldId(form, `participants.${i}.external`)}
                  label={t('traj.conferences.external')}
                  checked={row.external}
                  onChange={(checked) => setParticipant(i, { external: checked })}
                />
                {participants.length > 1 && (
                  <Button
                    appearance="subtle"
                    onClick={() => setParticipants((rows) => rows.filter((_, j) => j !== i))}
                  >
                    {t('traj.conferences.removeParticipant', { n: i + 1 })}
                  </Button>
                )}
              </div>
            </fieldset>
          ))}
          <Button onClick={() => setParticipants((rows) => [...rows, emptyParticipant()])}>
            {t('traj.conferences.addParticipant')}
          </Button>
        </fieldset>
        <CheckboxField
          id={fieldId(form, 'residentPresent')}
          label={t('traj.conferences.residentPresent')}
          checked={residentPresent}
          onChange={setResidentPresent}
        />
        <TextAreaField
          id={fieldId(form, 'question')}
          label={base.question}
          value={question}
          rows={3}
          maxLength={4000}
          onChange={setQuestion}
          error={errors.byField.question}
        />
        <TextAreaField
          id={fieldId(form, 'advice')}
          label={`${base.advice} ${t('form.optional')}`}
          value={advice}
          rows={3}
          maxLength={4000}
          onChange={setAdvice}
          error={errors.byField.advice}
        />
        <TextAreaField
          id={fieldId(form, 'decisions')}
          label={`${base.decisions} ${t('form.optional')}`}
          value={decisions}
          rows={3}
          maxLength={4000}
          onChange={setDecisions}
          error={errors.byField.decisions}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary" busy={add.isPending}>
            {t('traj.conferences.add')}
          </Button>
        </ButtonGroup>
      </Form>
    </div>
  );
}
