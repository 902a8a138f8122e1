// The second step of signing in, and setting it up (staff and residents alike): the code field (one-time-code autocomplete,
// numeric keyboard), the enrolment with QR code and typed key, and the recovery codes shown once.
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from './Alert';
import { Button } from './Button';
import { ErrorSummary } from './ErrorSummary';
import { fieldId, Form, TextField } from './FormFields';
import { Heading, Paragraph } from './Typography';
import type { FieldErrors } from '../lib/forms';
import { useFormErrors } from '../lib/forms';
import { isApiError } from '../lib/api';
import './second-factor.css';

export interface EnrolmentData {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

/**
 * A 401 on the code step is a wrong code while the sign-in challenge lives; `unauthenticated`
 * means the challenge is over (it expired after ten minutes, or its cookie is gone).
 */
export const challengeGone = (error: unknown) =>
  isApiError(error, 401) && error.problem.code === 'unauthenticated';

/** The challenge is over: say so, and offer to start again from the password. */
export function ExpiredChallenge({
  message,
  onRestart,
}: {
  message: string;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Alert type="warning">{message}</Alert>
      <Button appearance="primary" onClick={onRestart}>
        {t('secondFactor.restart')}
      </Button>
    </>
  );
}

/** The code field: six digits from the app, or (switched) a recovery code. */
export function CodeForm({
  formId,
  formLabel,
  onSubmit,
  pending,
  error,
  allowRecovery,
  submitLabel,
  pendingLabel,
}: {
  formId: string;
  /** The form's accessible name (the step's title; not the field's label). */
  formLabel: string;
  onSubmit: (code: string) => void;
  pending: boolean;
  error: unknown;
  allowRecovery: boolean;
  submitLabel: string;
  pendingLabel: string;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState(false);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const label = recovery ? t('secondFactor.recoveryCode') : t('secondFactor.code');
  const errors = useFormErrors(
    { code: label },
    (field) => fieldId(formId, field),
    clientErrors,
    error,
    { 401: t('secondFactor.invalidCode') },
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = code.replace(/\s/g, '');
    const found: FieldErrors = {};
    if (!value) found.code = t('form.required', { label });
    else if (!recovery && !/^\d{6}$/.test(value)) found.code = t('secondFactor.codeHint');
    setClientErrors(found);
    if (Object.keys(found).length === 0) onSubmit(value);
  };

  return (
    <>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={formId} onSubmit={submit} aria-label={formLabel}>
        <TextField
          id={fieldId(formId, 'code')}
          label={label}
          description={recovery ? t('secondFactor.recoveryHint') : t('secondFactor.codeHint')}
          autoComplete="one-time-code"
          inputMode={recovery ? 'text' : 'numeric'}
          maxLength={recovery ? 20 : 6}
          size="sm"
          required
          value={code}
          onChange={setCode}
          error={errors.byField.code}
        />
        <Button appearance="primary" type="submit" busy={pending}>
          {pending ? pendingLabel : submitLabel}
        </Button>
      </Form>
      {allowRecovery && (
        <Paragraph>
          <Button
            appearance="subtle"
            onClick={() => {
              setRecovery(!recovery);
              setCode('');
              setClientErrors({});
            }}
          >
            {recovery ? t('secondFactor.useApp') : t('secondFactor.useRecovery')}
          </Button>
        </Paragraph>
      )}
    </>
  );
}

/** The secret in groups of four, easier to type over. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

export function EnrolmentPanel({
  enrolment,
  onConfirm,
  pending,
  error,
}: {
  enrolment: EnrolmentData;
  onConfirm: (code: string) => void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Paragraph>{t('secondFactor.enrolIntro')}</Paragraph>
      <ol className="sk-enrolment-steps">
        <li>
          <Paragraph>{t('secondFactor.enrolStep1')}</Paragraph>
          <img
            className="sk-qr"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`}
            alt={t('secondFactor.qrAlt')}
            width={200}
            height={200}
          />
        </li>
        <li>
          <Paragraph>{t('secondFactor.enrolStep2')}</Paragraph>
          <p>
            <span className="sk-visually-hidden">{t('secondFactor.secretLabel')}: </span>
            <code className="sk-secret" data-testid="totp-secret">
              {grouped(enrolment.secret)}
            </code>
          </p>
        </li>
        <li>
          <Paragraph>{t('secondFactor.enrolStep3')}</Paragraph>
          <CodeForm
            formId="enrolment"
            formLabel={t('secondFactor.enrolTitle')}
            onSubmit={onConfirm}
            pending={pending}
            error={error}
            allowRecovery={false}
            submitLabel={t('secondFactor.confirm')}
            pendingLabel={t('secondFactor.confirming')}
          />
        </li>
      </ol>
    </>
  );
}

export function RecoveryCodesPanel({
  codes,
  onDone,
  headingLevel = 2,
}: {
  codes: string[];
  onDone?: () => void;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="recovery-title">
      <Heading level={headingLevel} id="recovery-title">
        {t('secondFactor.recoveryTitle')}
      </Heading>
      <Paragraph>{t('secondFactor.recoveryIntro')}</Paragraph>
      <ul className="sk-recovery-codes" aria-label={t('secondFactor.recoveryList')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      {onDone && (
        <Button appearance="primary" onClick={onDone}>
          {t('secondFactor.recoveryDone')}
        </Button>
      )}
    </section>
  );
}
