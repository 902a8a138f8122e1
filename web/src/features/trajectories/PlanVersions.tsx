import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Alert';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldId, Form, RadioGroup, TextField } from '../../components/FormFields';
import { Link } from '../../components/Link';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, Paragraph } from '../../components/Typography';
import type { AgreementMethod, PlanVersionSummary } from '../../lib/api-types';
import { AGREEMENT_METHODS } from '../../lib/api-types';
import { formatDate, formatDateTime } from '../../lib/format';
import { useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import { changeText } from './format';
import { todayInAmsterdam } from '../../lib/calendar';
import { usePlanVersions, useRecordAgreement } from './queries';

/** "Versies": every saved version with who, when and what changed, and the resident's agreement. */
export function PlanVersions({ trajectoryId }: { trajectoryId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const versions = usePlanVersions(trajectoryId);
  return (
    <section aria-labelledby="plan-versions" className="sk-section">
      <Heading level={2} id="plan-versions">
        {t('traj.versions.title')}
      </Heading>
      <Paragraph className="sk-traj-hint">{t('traj.versions.intro')}</Paragraph>
      {versions.isPending && <Loading />}
      {versions.isError && (
        <LoadError error={versions.error} onRetry={() => void versions.refetch()} />
      )}
      {versions.data &&
        (versions.data.length === 0 ? (
          <Paragraph>{t('traj.versions.empty')}</Paragraph>
        ) : (
          <>
            <Table caption={t('traj.versions.caption')} captionHidden>
              <TableHeader>
                <TableRow>
                  <HeaderCell>{t('traj.versions.version')}</HeaderCell>
                  <HeaderCell>{t('traj.versions.savedBy')}</HeaderCell>
                  <HeaderCell>{t('traj.versions.savedAt')}</HeaderCell>
                  <HeaderCell>{t('traj.versions.changes')}</HeaderCell>
                  <HeaderCell>{t('traj.versions.agreedOn')}</HeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {versions.data.map((version) => (
                  <TableRow key={version.version}>
                    <Cell>
                      <Link
                        to={`/trajecten/${trajectoryId}/krachtplan/versies/${version.version}`}
                        aria-label={t('traj.versions.view', { version: version.version })}
                      >
                        {t('traj.plan.version', { version: version.version })}
                      </Link>
                    </Cell>
                    <Cell>{version.savedBy.name}</Cell>
                    <Cell>{formatDateTime(version.savedAt, language)}</Cell>
                    <Cell>
                      {version.changes.length === 0 ? (
                        <span className="sk-muted">{t('traj.versions.noChanges')}</span>
                      ) : (
                        <ul className="sk-traj-changes">
                          {version.changes.map((change, i) => (
                            <li key={i}>{changeText(change, t)}</li>
                          ))}
                        </ul>
                      )}
                    </Cell>
                    <Cell>
                      {version.agreedOn ? (
                        <>
                          {formatDate(version.agreedOn, language)}
                          {version.agreedVersion !== null &&
                            version.agreedVersion !== version.version && (
                              // Kept through progress: say to which version it was given.
                              <span className="sk-muted">
                                {' '}
                                {t('traj.versions.agreedKept', { version: version.agreedVersion })}
                              </span>
                            )}
                        </>
                      ) : (
                        <span className="sk-muted">{t('traj.versions.notAgreed')}</span>
                      )}
                    </Cell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <AgreementForm trajectoryId={trajectoryId} versions={versions.data} />
          </>
        ))}
    </section>
  );
}

function AgreementForm({
  trajectoryId,
  versions,
}: {
  trajectoryId: string;
  versions: PlanVersionSummary[];
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const record = useRecordAgreement(trajectoryId);
  const { refetch } = usePlanVersions(trajectoryId);
  // Only the current version takes an agreement, once (the server answers 409 otherwise): an
  // agreement to an older version would claim agreement to a plan that has changed since.
  const current = versions[0];
  const [agreedOn, setAgreedOn] = useState(todayInAmsterdam);
  const [method, setMethod] = useState<AgreementMethod | ''>('');
  const [note, setNote] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<number | null>(null);
  const form = 'plan-agreement';
  const labels = {
    version: t('traj.versions.agreementVersion'),
    agreedOn: t('traj.versions.agreementDate'),
    method: t('traj.versions.agreementMethod'),
    note: t('traj.versions.agreementNote'),
  };
  const errors = useFormErrors(labels, (field) => fieldId(form, field), clientErrors, record.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!agreedOn) found.agreedOn = t('form.required', { label: labels.agreedOn });
    if (!method) found.method = t('form.required', { label: labels.method });
    setClientErrors(found);
    setDone(null);
    if (Object.keys(found).length > 0 || !method || !current) return;
    record.mutate(
      {
        version: current.version,
        agreedOn,
        method,
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      // Refused: someone saved a new version meanwhile, or it was agreed to already; show that.
      { onSuccess: (result) => setDone(result.version), onError: () => void refetch() },
    );
  };

  return (
    <div className="sk-traj-subsection">
      <Heading level={3} id="plan-agreement-title">
        {t('traj.versions.agreementTitle')}
      </Heading>
      {done !== null && (
        <Notice type="ok">
          <Paragraph>{t('traj.versions.agreementRecorded', { version: done })}</Paragraph>
        </Notice>
      )}
      <ErrorSummary items={errors.summary} general={errors.general} />
      {current?.agreedOn ? (
        <Paragraph>
          {t('traj.versions.agreementExists', {
            version: current.version,
            date: formatDate(current.agreedOn, language),
          })}
        </Paragraph>
      ) : (
        <Form id={form} onSubmit={onSubmit} aria-labelledby="plan-agreement-title">
          <Paragraph id={fieldId(form, 'version')} tabIndex={-1}>
            {t('traj.versions.agreementFor', { version: current?.version ?? 1 })}
          </Paragraph>
          <div className="sk-field-row">
            <TextField
              id={fieldId(form, 'agreedOn')}
              type="date"
              size="md"
              label={labels.agreedOn}
              value={agreedOn}
              onChange={setAgreedOn}
              // No day ahead (the server refuses one, and one before the plan existed, with the
              // reason beside the field): the picker need not offer them.
              max={todayInAmsterdam()}
              error={errors.byField.agreedOn}
            />
          </div>
          <RadioGroup
            id={fieldId(form, 'method')}
            legend={labels.method}
            inline
            value={method}
            onChange={(value) => setMethod(value as AgreementMethod)}
            error={errors.byField.method}
            options={AGREEMENT_METHODS.map((value) => ({
              value,
              label: t(`agreementMethods.${value}`),
            }))}
          />
          <TextField
            id={fieldId(form, 'note')}
            label={`${labels.note} ${t('form.optional')}`}
            value={note}
            maxLength={1000}
            onChange={setNote}
            error={errors.byField.note}
          />
          <ButtonGroup>
            <Button type="submit" busy={record.isPending}>
              {t('traj.versions.recordAgreement')}
            </Button>
          </ButtonGroup>
        </Form>
      )}
    </div>
  );
}
