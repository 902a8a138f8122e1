import './privacy.css';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Alert';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Form, RadioGroup, TextAreaField } from '../../components/FormFields';
import { Link } from '../../components/Link';
import { LoadError, Loading } from '../../components/QueryState';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { formatDate, formatDateTime } from '../../lib/format';
import { useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { PrivacyTabs } from './PrivacyTabs';
import { type PrivacyAlert, useAlerts, useReviewAlert } from './queries';

type Status = 'open' | 'reviewed' | 'all';

/** Unusual access for the privacy officer: each alert can be marked reviewed with a note. */
export function AlertsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('privacy.alerts.title'));
  const [status, setStatus] = useState<Status>('open');
  const [notice, setNotice] = useState<string | null>(null);
  const alerts = useAlerts(status);

  return (
    <>
      <PageTitle>{t('privacy.alerts.title')}</PageTitle>
      <PrivacyTabs />
      <Paragraph>{t('privacy.alerts.intro')}</Paragraph>
      {notice && (
        <Notice key={notice} type="ok">
          <Paragraph>{notice}</Paragraph>
        </Notice>
      )}
      <RadioGroup
        id="alerts-status"
        legend={t('privacy.alerts.status')}
        inline
        value={status}
        onChange={(value) => setStatus(value as Status)}
        options={[
          { value: 'open', label: t('privacy.alerts.open') },
          { value: 'reviewed', label: t('privacy.alerts.reviewed') },
          { value: 'all', label: t('privacy.alerts.all') },
        ]}
      />
      {alerts.isPending && <Loading />}
      {alerts.isError && <LoadError error={alerts.error} onRetry={() => void alerts.refetch()} />}
      {alerts.data && alerts.data.items.length === 0 && (
        <Paragraph>{t('privacy.alerts.none')}</Paragraph>
      )}
      {alerts.data && alerts.data.items.length > 0 && (
        <ul className="sk-privacy-list" aria-label={t('privacy.alerts.caption')}>
          {alerts.data.items.map((alert) => (
            <li key={alert.key}>
              <AlertCard alert={alert} onReviewed={() => setNotice(t('privacy.alerts.done'))} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function AlertCard({ alert, onReviewed }: { alert: PrivacyAlert; onReviewed: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const headingId = `alert-${alert.key.replaceAll(':', '-')}`;
  const text =
    alert.kind === 'many_households'
      ? t('privacy.alerts.manyText', { count: alert.count })
      : alert.kind === 'outside_office_hours'
        ? t('privacy.alerts.hoursText', { count: alert.count })
        : t('privacy.alerts.glassText', { count: alert.count });
  const auditLink = `/privacy/logboek?actorId=${alert.actorId}&from=${alert.day}&to=${alert.day}`;
  return (
    <article
      aria-labelledby={headingId}
      className={`sk-privacy-alert${alert.review ? ' sk-privacy-alert--reviewed' : ''}`}
    >
      <Heading level={2} id={headingId}>
        {t(`privacy.alerts.kind.${alert.kind}`)}: {alert.actorName ?? alert.actorId},{' '}
        {formatDate(alert.day, language)}
      </Heading>
      <Paragraph>
        {text}. {formatDateTime(alert.firstAt, language)}
        {alert.lastAt && alert.kind !== 'break_glass'
          ? ` – ${formatDateTime(alert.lastAt, language)}`
          : ''}
      </Paragraph>
      {alert.reason && (
        <Paragraph>
          <strong>{t('privacy.alerts.reasonLabel')}:</strong> {alert.reason}
        </Paragraph>
      )}
      <Paragraph>
        <Link to={auditLink}>{t('privacy.alerts.auditLink')}</Link>
      </Paragraph>
      {alert.review ? (
        <Paragraph>
          {t('privacy.alerts.reviewedBy', {
            name: alert.review.reviewerName ?? '—',
            date: formatDateTime(alert.review.at, language),
          })}
          : {alert.review.note}
        </Paragraph>
      ) : (
        <ReviewForm alertKey={alert.key} headingId={headingId} onReviewed={onReviewed} />
      )}
    </article>
  );
}

function ReviewForm({
  alertKey,
  headingId,
  onReviewed,
}: {
  alertKey: string;
  headingId: string;
  onReviewed: () => void;
}) {
  const { t } = useTranslation();
  const review = useReviewAlert();
  const [note, setNote] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const idOf = (field: string) => `${headingId}-${field}`;
  const labels = { note: t('privacy.alerts.note') };
  const errors = useFormErrors(labels, idOf, clientErrors, review.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) {
      setClientErrors({ note: t('form.required', { label: labels.note }) });
      return;
    }
    setClientErrors({});
    review.mutate({ key: alertKey, note: note.trim() }, { onSuccess: onReviewed });
  };
  return (
    <>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form onSubmit={onSubmit} aria-labelledby={headingId}>
        <TextAreaField
          id={idOf('note')}
          label={labels.note}
          description={t('privacy.alerts.noteHint')}
          value={note}
          rows={2}
          maxLength={2000}
          onChange={setNote}
          error={errors.byField.note}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary" busy={review.isPending}>
            {t('privacy.alerts.markReviewed')}
          </Button>
        </ButtonGroup>
      </Form>
    </>
  );
}
