import './privacy.css';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Alert';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Form, RadioGroup, TextAreaField, TextField } from '../../components/FormFields';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { formatDate } from '../../lib/format';
import { useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { PrivacyTabs } from './PrivacyTabs';
import {
  type ErasureCase,
  useDecideErasure,
  useErasures,
  usePastRetention,
  usePrivacySettings,
  useErasureResidentLookup,
  useRequestErasure,
  useRunRetention,
} from './queries';

/** Retention and erasure: the daily list, erasure requests, and the officer's decision. */
export function RetentionPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  useDocumentTitle(t('privacy.retention.title'));
  const [notice, setNotice] = useState<string | null>(null);
  const cases = useErasures('open');
  const past = usePastRetention();
  const run = useRunRetention();
  const settings = usePrivacySettings();

  return (
    <>
      <PageTitle>{t('privacy.retention.title')}</PageTitle>
      <PrivacyTabs />
      {settings.data && (
        <Paragraph>
          {t('privacy.retention.intro', {
            wmo: settings.data.wmoRetentionYears,
            youth: settings.data.youthRetentionYears,
          })}
        </Paragraph>
      )}
      {notice && (
        <Notice key={notice} type="ok">
          <Paragraph>{notice}</Paragraph>
        </Notice>
      )}
      <ButtonGroup>
        <Button
          busy={run.isPending}
          onClick={() =>
            run.mutate(undefined, {
              onSuccess: (result) =>
                setNotice(t('privacy.retention.ran', { count: result.proposed })),
            })
          }
        >
          {t('privacy.retention.run')}
        </Button>
      </ButtonGroup>

      <section aria-labelledby="erasure-cases" className="sk-section">
        <Heading level={2} id="erasure-cases">
          {t('privacy.retention.casesTitle')}
        </Heading>
        {cases.isPending && <Loading />}
        {cases.isError && <LoadError error={cases.error} onRetry={() => void cases.refetch()} />}
        {cases.data && cases.data.items.length === 0 && (
          <Paragraph>{t('privacy.retention.none')}</Paragraph>
        )}
        {cases.data?.items.map((item) => (
          <ErasureCard key={item.id} item={item} onDone={setNotice} />
        ))}
      </section>

      <RequestForm onDone={() => setNotice(t('privacy.retention.requested'))} />

      <section aria-labelledby="past-retention" className="sk-section">
        <Heading level={2} id="past-retention">
          {t('privacy.retention.pastTitle')}
        </Heading>
        {past.isPending && <Loading />}
        {past.isError && <LoadError error={past.error} onRetry={() => void past.refetch()} />}
        {past.data && past.data.items.length === 0 && (
          <Paragraph>{t('privacy.retention.pastNone')}</Paragraph>
        )}
        {past.data && past.data.items.length > 0 && (
          <Table caption={t('privacy.retention.pastCaption')} captionHidden>
            <TableHeader>
              <TableRow>
                <HeaderCell>{t('privacy.retention.household')}</HeaderCell>
                <HeaderCell>{t('privacy.retention.buurt')}</HeaderCell>
                <HeaderCell>{t('privacy.retention.closedOn')}</HeaderCell>
                <HeaderCell>{t('privacy.retention.youth')}</HeaderCell>
                <HeaderCell>{t('privacy.retention.dueOn')}</HeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {past.data.items.map((file) => (
                <TableRow key={file.householdId}>
                  <Cell>
                    <span className="sk-privacy-mono">{file.householdId}</span>
                  </Cell>
                  <Cell>{file.neighbourhoodCode ?? '—'}</Cell>
                  <Cell>{file.closedOn ? formatDate(file.closedOn, language) : '—'}</Cell>
                  <Cell>{file.youth ? t('privacy.retention.yes') : t('privacy.retention.no')}</Cell>
                  <Cell>{file.dueOn ? formatDate(file.dueOn, language) : '—'}</Cell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
    </>
  );
}

function ErasureCard({ item, onDone }: { item: ErasureCase; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const decide = useDecideErasure();
  const [mode, setMode] = useState<'none' | 'erase' | 'refuse'>('none');
  const [note, setNote] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const headingId = `erasure-${item.id}`;
  const labels = { note: t('privacy.retention.refuseNote') };
  const errors = useFormErrors(labels, (f) => `${headingId}-${f}`, clientErrors, decide.error);

  const onRefuse = (event: FormEvent) => {
    event.preventDefault();
    if (note.trim().length < 5) {
      setClientErrors({ note: t('form.required', { label: labels.note }) });
      return;
    }
    setClientErrors({});
    decide.mutate(
      { id: item.id, version: item.version, refuseNote: note.trim() },
      { onSuccess: () => onDone(t('privacy.retention.refused')) },
    );
  };

  return (
    <article aria-labelledby={headingId} className="sk-privacy-alert">
      <Heading level={3} id={headingId}>
        {item.source === 'retention'
          ? t('privacy.retention.sourceRetention')
          : t('privacy.retention.sourceRequest')}
        : {item.teamName}
        {item.neighbourhoodName ? `, ${item.neighbourhoodName}` : ''}
      </Heading>
      <Paragraph>
        {t('privacy.retention.closedOn')}:{' '}
        {item.closedOn ? formatDate(item.closedOn, language) : '—'} · {t('privacy.retention.dueOn')}
        : {item.dueOn ? formatDate(item.dueOn, language) : '—'} · {t('privacy.retention.youth')}:{' '}
        {item.youth ? t('privacy.retention.yes') : t('privacy.retention.no')}
      </Paragraph>
      {item.requestNote && <Paragraph>{item.requestNote}</Paragraph>}
      <Paragraph>
        <strong>{t('privacy.retention.exceptions')}:</strong>{' '}
        <span className="sk-privacy-pre">
          {item.legalException ?? t('privacy.retention.noExceptions')}
        </span>
      </Paragraph>
      <ErrorSummary items={errors.summary} general={errors.general} />
      {mode === 'none' && (
        <ButtonGroup>
          <Button appearance="primary" onClick={() => setMode('erase')}>
            {t('privacy.retention.erase')}
          </Button>
          <Button onClick={() => setMode('refuse')}>{t('privacy.retention.refuse')}</Button>
        </ButtonGroup>
      )}
      {mode === 'erase' && (
        <>
          <Paragraph>{t('privacy.retention.confirmErase')}</Paragraph>
          <ButtonGroup>
            <Button
              appearance="primary"
              busy={decide.isPending}
              onClick={() =>
                decide.mutate(
                  { id: item.id, version: item.version },
                  { onSuccess: () => onDone(t('privacy.retention.erased')) },
                )
              }
            >
              {t('privacy.retention.yesErase')}
            </Button>
            <Button onClick={() => setMode('none')}>{t('privacy.retention.cancel')}</Button>
          </ButtonGroup>
        </>
      )}
      {mode === 'refuse' && (
        <Form onSubmit={onRefuse} aria-labelledby={headingId}>
          <TextAreaField
            id={`${headingId}-note`}
            label={labels.note}
            value={note}
            rows={2}
            maxLength={2000}
            onChange={setNote}
            error={errors.byField.note}
          />
          <ButtonGroup>
            <Button type="submit" appearance="primary" busy={decide.isPending}>
              {t('privacy.retention.refuseSubmit')}
            </Button>
            <Button onClick={() => setMode('none')}>{t('privacy.retention.cancel')}</Button>
          </ButtonGroup>
        </Form>
      )}
    </article>
  );
}

function RequestForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const request = useRequestErasure();
  const [familyName, setFamilyName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [terms, setTerms] = useState<{ familyName: string; birthDate: string } | null>(null);
  const lookup = useErasureResidentLookup(terms);
  const candidates = lookup.data?.items ?? [];
  const [residentId, setResidentId] = useState('');
  const [note, setNote] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const labels = {
    familyName: t('privacy.retention.lookupFamilyName'),
    birthDate: t('privacy.retention.lookupBirthDate'),
    residentId: t('privacy.retention.residentId'),
    note: t('privacy.retention.requestNote'),
  };
  const errors = useFormErrors(
    labels,
    (f) => `erasure-request-${f}`,
    clientErrors,
    request.error ?? lookup.error,
  );
  const search = () => {
    if (familyName.trim().length < 2) {
      setClientErrors({ familyName: t('privacy.retention.lookupTooShort') });
      return;
    }
    setClientErrors({});
    setResidentId('');
    setTerms({ familyName: familyName.trim(), birthDate });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!residentId) {
      // Enter in the name field searches (for keyboard users); with results shown, choose one.
      const typed = familyName.trim();
      if (typed && (terms?.familyName !== typed || terms.birthDate !== birthDate)) {
        search();
        return;
      }
      setClientErrors(
        candidates.length > 0
          ? { residentId: t('privacy.retention.lookupChoose') }
          : { familyName: t('privacy.retention.lookupFirst') },
      );
      return;
    }
    setClientErrors({});
    request.mutate(
      { residentId, note: note.trim() },
      {
        onSuccess: () => {
          setResidentId('');
          setTerms(null);
          setFamilyName('');
          setBirthDate('');
          setNote('');
          onDone();
        },
      },
    );
  };

  return (
    <section aria-labelledby="erasure-request" className="sk-section">
      <Heading level={2} id="erasure-request">
        {t('privacy.retention.requestTitle')}
      </Heading>
      <Paragraph>{t('privacy.retention.requestIntro')}</Paragraph>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form onSubmit={onSubmit} aria-labelledby="erasure-request">
        <TextField
          id="erasure-request-familyName"
          label={labels.familyName}
          description={t('privacy.retention.lookupHelp')}
          value={familyName}
          onChange={setFamilyName}
          error={errors.byField.familyName}
        />
        <TextField
          id="erasure-request-birthDate"
          label={labels.birthDate}
          type="date"
          size="sm"
          value={birthDate}
          onChange={setBirthDate}
          error={errors.byField.birthDate}
        />
        <ButtonGroup>
          <Button onClick={search} busy={lookup.isFetching}>
            {t('privacy.retention.lookupSubmit')}
          </Button>
        </ButtonGroup>
        {terms !== null && lookup.isSuccess && (
          <div aria-live="polite">
            {candidates.length === 0 ? (
              <Paragraph>{t('privacy.retention.lookupNone')}</Paragraph>
            ) : (
              <RadioGroup
                id="erasure-request-residentId"
                legend={labels.residentId}
                value={residentId}
                onChange={setResidentId}
                error={errors.byField.residentId}
                options={candidates.map((c) => ({
                  value: c.id,
                  label: `${c.givenName} ${c.familyName}`,
                  hint: [
                    c.birthDate
                      ? t('privacy.retention.lookupBorn', {
                          date: formatDate(c.birthDate, language),
                        })
                      : null,
                    c.address,
                    c.teamName,
                  ]
                    .filter(Boolean)
                    .join(' · '),
                }))}
              />
            )}
            {lookup.data.more && <Paragraph>{t('privacy.retention.lookupMore')}</Paragraph>}
          </div>
        )}

        <TextAreaField
          id="erasure-request-note"
          label={labels.note}
          value={note}
          rows={2}
          maxLength={2000}
          onChange={setNote}
          error={errors.byField.note}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary" busy={request.isPending}>
            {t('privacy.retention.requestSubmit')}
          </Button>
        </ButtonGroup>
      </Form>
    </section>
  );
}
