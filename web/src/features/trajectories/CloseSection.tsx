import type { FormEvent } from 'react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Alert';
import { Button, ButtonGroup } from '../../components/Button';
import { DataList } from '../../components/DataList';
import { ErrorSummary } from '../../components/ErrorSummary';
import {
  fieldId,
  Form,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from '../../components/FormFields';
import { Link } from '../../components/Link';
import { LoadError } from '../../components/QueryState';
import { Heading, Paragraph } from '../../components/Typography';
import type { TrajectoryDetail, TrajectoryOutcome } from '../../lib/api-types';
import { TRAJECTORY_OUTCOMES } from '../../lib/api-types';
import { amsterdamInputToIso, toAmsterdamInput } from '../../lib/datetime';
import { formatDate } from '../../lib/format';
import { useFormErrors } from '../../lib/forms';
import { dateInAmsterdam } from '../../lib/calendar';
import { useLanguage } from '../../lib/i18n';
import { useCloseTrajectory, useEndAftercare } from './queries';

/** "Afsluiten": close with outcome and reason (and aftercare), or end the aftercare. */
export function CloseSection({ trajectory }: { trajectory: TrajectoryDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [notice, setNotice] = useState<string | null>(null);
  const closed = trajectory.status === 'closed' || trajectory.status === 'aftercare';

  return (
    <section aria-labelledby="afsluiten" className="sk-section">
      <Heading level={2} id="afsluiten" tabIndex={-1}>
        {t('traj.close.title')}
      </Heading>
      {notice && (
        <Notice key={notice} type="ok">
          <Paragraph>{notice}</Paragraph>
        </Notice>
      )}
      {closed ? (
        <>
          <Paragraph>
            {trajectory.status === 'aftercare'
              ? t('traj.close.inAftercare', {
                  date: trajectory.aftercareUntil
                    ? formatDate(trajectory.aftercareUntil, language)
                    : '—',
                })
              : t('traj.close.isClosed')}
          </Paragraph>
          <DataList
            items={[
              {
                key: 'closedAt',
                label: t('traj.close.closedAt'),
                value: trajectory.closedAt
                  ? formatDate(dateInAmsterdam(trajectory.closedAt), language)
                  : '—',
              },
              {
                key: 'outcome',
                label: t('traj.close.summaryOutcome'),
                value: trajectory.outcome ? t(`outcomes.${trajectory.outcome}`) : '—',
              },
              {
                key: 'specialist',
                label: t('traj.close.withoutSpecialist'),
                value:
                  trajectory.handledWithoutSpecialistCare === null
                    ? '—'
                    : trajectory.handledWithoutSpecialistCare
                      ? t('traj.yes')
                      : t('traj.no'),
              },
              {
                key: 'reason',
                label: t('traj.close.summaryReason'),
                value: <span className="sk-pre-line">{trajectory.closeReason ?? '—'}</span>,
              },
            ]}
          />
          {trajectory.status === 'aftercare' && (
            <EndAftercare trajectoryId={trajectory.id} onDone={setNotice} />
          )}
        </>
      ) : (
        <CloseForm trajectory={trajectory} onDone={setNotice} />
      )}
    </section>
  );
}

/**
 * Ending the aftercare closes the trajectory for good, so it takes two steps: the button, then an
 * explanation with "yes" and "no" (the explanation takes the focus when it appears).
 */
function EndAftercare({
  trajectoryId,
  onDone,
}: {
  trajectoryId: string;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const endAftercare = useEndAftercare(trajectoryId);
  const [confirming, setConfirming] = useState(false);
  const start = useRef<HTMLDivElement>(null);
  const cancel = () => {
    setConfirming(false);
    endAftercare.reset();
    // Back to where the keyboard user was, once the button is there again.
    requestAnimationFrame(() => start.current?.querySelector('button')?.focus());
  };
  if (!confirming) {
    return (
      <div ref={start}>
        <ButtonGroup>
          <Button onClick={() => setConfirming(true)}>{t('traj.close.endAftercare')}</Button>
        </ButtonGroup>
      </div>
    );
  }
  return (
    <Notice type="warning">
      <Paragraph>{t('traj.close.endAftercareConfirm')}</Paragraph>
      {endAftercare.isError && <LoadError error={endAftercare.error} />}
      <ButtonGroup>
        <Button
          appearance="primary"
          busy={endAftercare.isPending}
          onClick={() =>
            endAftercare.mutate(undefined, {
              onSuccess: () => onDone(t('traj.close.aftercareEnded')),
            })
          }
        >
          {t('traj.close.endAftercareYes')}
        </Button>
        <Button onClick={cancel}>{t('traj.close.endAftercareNo')}</Button>
      </ButtonGroup>
    </Notice>
  );
}

function CloseForm({
  trajectory,
  onDone,
}: {
  trajectory: TrajectoryDetail;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const close = useCloseTrajectory(trajectory.id);
  const [initialClosedAt] = useState(() => toAmsterdamInput());
  const [closedAt, setClosedAt] = useState(initialClosedAt);
  const [outcome, setOutcome] = useState<TrajectoryOutcome | ''>('');
  const [without, setWithout] = useState<'yes' | 'no' | ''>('');
  const [reason, setReason] = useState('');
  const [aftercareUntil, setAftercareUntil] = useState('');
  const [noMeasurement, setNoMeasurement] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const form = 'close';
  const labels = {
    closedAt: t('traj.close.closedAt'),
    outcome: t('traj.close.outcome'),
    handledWithoutSpecialistCare: t('traj.close.withoutSpecialist'),
    reason: t('traj.close.reason'),
    aftercareUntil: t('traj.close.aftercareUntil'),
    noClosingMeasurementReason: t('traj.close.noMeasurement'),
  };
  const errors = useFormErrors(labels, (f) => fieldId(form, f), clientErrors, close.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    // Left at its default ("now", in minutes), the exact moment is sent: a trajectory opened a
    // few seconds ago can then be closed at once.
    const iso =
      closedAt === initialClosedAt ? new Date().toISOString() : amsterdamInputToIso(closedAt);
    if (!iso) found.closedAt = t('form.required', { label: labels.closedAt });
    if (!outcome) found.outcome = t('form.required', { label: labels.outcome });
    if (!without) {
      found.handledWithoutSpecialistCare = t('form.required', {
        label: labels.handledWithoutSpecialistCare,
      });
    }
    if (!reason.trim()) found.reason = t('form.required', { label: labels.reason });
    setClientErrors(found);
    if (Object.keys(found).length > 0 || !iso || !outcome) return;
    close.mutate(
      {
        closedAt: iso,
        outcome,
        handledWithoutSpecialistCare: without === 'yes',
        reason: reason.trim(),
        ...(aftercareUntil ? { aftercareUntil } : {}),
        ...(noMeasurement.trim() ? { noClosingMeasurementReason: noMeasurement.trim() } : {}),
      },
      {
        onSuccess: () =>
          onDone(
            aftercareUntil
              ? t('traj.close.closedWithAftercare', {
                  date: formatDate(aftercareUntil, language),
                })
              : t('traj.close.closed'),
          ),
      },
    );
  };

  return (
    <>
      <Paragraph className="sk-traj-hint">{t('traj.close.intro')}</Paragraph>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={form} onSubmit={onSubmit} aria-labelledby="afsluiten">
        <div className="sk-field-row">
          <TextField
            id={fieldId(form, 'closedAt')}
            type="datetime-local"
            size="md"
            label={labels.closedAt}
            value={closedAt}
            onChange={setClosedAt}
            error={errors.byField.closedAt}
          />
          <SelectField
            id={fieldId(form, 'outcome')}
            label={labels.outcome}
            value={outcome}
            placeholder={t('traj.close.chooseOutcome')}
            onChange={(value) => setOutcome(value as TrajectoryOutcome)}
            options={TRAJECTORY_OUTCOMES.map((value) => ({ value, label: t(`outcomes.${value}`) }))}
            error={errors.byField.outcome}
          />
        </div>
        <RadioGroup
          id={fieldId(form, 'handledWithoutSpecialistCare')}
          legend={labels.handledWithoutSpecialistCare}
          inline
          value={without}
          onChange={(value) => setWithout(value as 'yes' | 'no')}
          error={errors.byField.handledWithoutSpecialistCare}
          options={[
            { value: 'yes', label: t('traj.yes') },
            { value: 'no', label: t('traj.no') },
          ]}
        />
        <TextAreaField
          id={fieldId(form, 'reason')}
          label={labels.reason}
          value={reason}
          rows={3}
          maxLength={4000}
          onChange={setReason}
          error={errors.byField.reason}
        />
        <TextField
          id={fieldId(form, 'aftercareUntil')}
          type="date"
          size="md"
          label={`${labels.aftercareUntil} ${t('form.optional')}`}
          description={t('traj.close.aftercareHint')}
          value={aftercareUntil}
          onChange={setAftercareUntil}
          error={errors.byField.aftercareUntil}
        />
        <Paragraph className="sk-traj-hint">
          <Link to={`/trajecten/${trajectory.id}/metingen?moment=closure`}>
            {t('measurements.link.closing')}
          </Link>
        </Paragraph>
        <TextAreaField
          id={fieldId(form, 'noClosingMeasurementReason')}
          label={`${labels.noClosingMeasurementReason} ${t('form.optional')}`}
          description={t('traj.close.noMeasurementHint')}
          value={noMeasurement}
          rows={2}
          maxLength={1000}
          onChange={setNoMeasurement}
          error={errors.byField.noClosingMeasurementReason}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary" busy={close.isPending}>
            {t('traj.close.submit')}
          </Button>
        </ButtonGroup>
      </Form>
    </>
  );
}
