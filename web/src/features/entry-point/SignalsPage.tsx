import './entry-point.css';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Alert';
import { Button } from '../../components/Button';
import { DataList } from '../../components/DataList';
import { ErrorSummary } from '../../components/ErrorSummary';
import { FileField, fieldId, Form, SelectField } from '../../components/FormFields';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import type { SignalImportResult, SignalStatus } from '../../lib/api-types';
import { OUTREACH_OUTCOMES } from '../../lib/api-types';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { OutreachList } from './OutreachList';
import { useImportSignals, useOrganisations } from './queries';

export function SignalsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('entry.signals.title'));
  const [status, setStatus] = useState<SignalStatus | ''>('open');

  return (
    <>
      <PageTitle>{t('entry.signals.title')}</PageTitle>
      <Paragraph lead>{t('entry.signals.intro')}</Paragraph>
      <ImportSection />
      <section aria-labelledby="signals-list" className="sk-section">
        <Heading level={2} id="signals-list">
          {t('entry.signals.listTitle')}
        </Heading>
        <SelectField
          id="signals-status"
          label={t('entry.signals.statusFilter')}
          value={status}
          onChange={(value) => setStatus(value as SignalStatus | '')}
          placeholder={t('entry.signals.allStatuses')}
          options={(['open', ...OUTREACH_OUTCOMES] as const).map((value) => ({
            value,
            label: t(`signalStatuses.${value}`),
          }))}
        />
        <OutreachList status={status || undefined} headingLevel={3} />
      </section>
    </>
  );
}

const FORM_ID = 'signal-import';

function ImportSection() {
  const { t } = useTranslation();
  const importSignals = useImportSignals();
  const organisations = useOrganisations();
  const [organisationId, setOrganisationId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [result, setResult] = useState<SignalImportResult | null>(null);
  // A bad header comes back as "(body).header": it belongs to the file field.
  const labels = {
    organisationId: t('entry.signals.sender'),
    file: t('entry.signals.file'),
    '(body)': t('entry.signals.file'),
    '(body).header': t('entry.signals.file'),
  };
  const errors = useFormErrors(
    labels,
    (field) => fieldId(FORM_ID, field.startsWith('(body)') ? 'file' : field),
    clientErrors,
    importSignals.error,
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    const found: FieldErrors = {};
    // Duplicates are counted per sender: the list's sender is part of its lines' key.
    if (!organisationId) found.organisationId = t('entry.signals.senderRequired');
    const text = file ? await file.text() : '';
    if (!file) found.file = t('entry.signals.fileRequired');
    else if (!text.trim()) found.file = t('entry.signals.fileEmpty');
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      importSignals.reset();
      return;
    }
    importSignals.mutate({ csv: text, organisationId }, { onSuccess: setResult });
  };

  return (
    <section aria-labelledby="signal-import-title" className="sk-section sk-panel">
      <Heading level={2} id="signal-import-title">
        {t('entry.signals.importTitle')}
      </Heading>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={FORM_ID} onSubmit={(event) => void submit(event)}>
        <SelectField
          id={fieldId(FORM_ID, 'organisationId')}
          label={labels.organisationId}
          description={t('entry.signals.senderHint')}
          value={organisationId}
          onChange={setOrganisationId}
          placeholder={t('form.chooseOne')}
          required
          options={(organisations.data ?? []).map((organisation) => ({
            value: organisation.id,
            label: organisation.name,
          }))}
          error={errors.byField.organisationId}
        />
        <FileField
          id={fieldId(FORM_ID, 'file')}
          label={labels.file}
          description={<span className="sk-break">{t('entry.signals.fileHint')}</span>}
          accept=".csv,text/csv"
          onChange={setFile}
          error={errors.byField.file ?? errors.byField['(body)'] ?? errors.byField['(body).header']}
        />
        <Button appearance="primary" type="submit" busy={importSignals.isPending}>
          {t('entry.signals.import')}
        </Button>
      </Form>
      {result && <ImportResult result={result} />}
    </section>
  );
}

function ImportResult({ result }: { result: SignalImportResult }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <div className="sk-import-result">
      <Notice type={result.rejected.length > 0 ? 'warning' : 'ok'}>
        <Heading level={3}>{t('entry.signals.resultTitle')}</Heading>
        <Paragraph>
          {result.rejected.length > 0
            ? t('entry.signals.rejectedCount', { count: result.rejected.length })
            : t('entry.signals.noneRejected')}
        </Paragraph>
      </Notice>
      <DataList
        items={[
          { key: 'lines', label: t('entry.signals.lines'), value: result.lines },
          { key: 'imported', label: t('entry.signals.imported'), value: result.imported },
          {
            key: 'matched',
            label: t('entry.signals.matchedHouseholds'),
            value: result.matchedHouseholds,
          },
          { key: 'duplicates', label: t('entry.signals.duplicates'), value: result.duplicates },
        ]}
      />
      {result.rejected.length > 0 && (
        <Table caption={t('entry.signals.rejectedCaption')} compact>
          <TableHeader>
            <TableRow>
              <HeaderCell numeric>{t('entry.signals.line')}</HeaderCell>
              <HeaderCell>{t('entry.signals.reason')}</HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {result.rejected.map((line) => (
              <TableRow key={`${line.line}-${line.reason}`}>
                <Cell numeric>{line.line}</Cell>
                <Cell>{language === 'nl' ? line.reasonNl : line.reason}</Cell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
