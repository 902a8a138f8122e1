// "Wachtwoord wijzigen": my own password, the current one first. The server ends my sessions on
// other devices; this one stays (POST /api/v1/auth/password).
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldId, Form, TextField } from '../../components/FormFields';
import { PageTitle, Paragraph } from '../../components/Typography';
import { api, unwrap } from '../../lib/api';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { useDocumentTitle } from '../../lib/useDocumentTitle';

const FORM_ID = 'password';
const MIN_LENGTH = 12;

export function PasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('password.title'));
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      unwrap(api.POST('/api/v1/auth/password', { body })),
  });
  const labels = {
    currentPassword: t('password.current'),
    newPassword: t('password.new'),
    repeat: t('password.repeat'),
  };
  const errors = useFormErrors(labels, (f) => fieldId(FORM_ID, f), clientErrors, change.error, {
    429: t('password.rateLimited'),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!currentPassword)
      found.currentPassword = t('form.required', { label: labels.currentPassword });
    if (!newPassword) found.newPassword = t('form.required', { label: labels.newPassword });
    else if (newPassword.length < MIN_LENGTH)
      found.newPassword = t('password.tooShort', { label: labels.newPassword });
    if (newPassword && repeat !== newPassword) found.repeat = t('password.mismatch');
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      change.reset();
      return;
    }
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrentPassword('');
          setNewPassword('');
          setRepeat('');
        },
      },
    );
  };

  return (
    <div className="sk-narrow">
      <PageTitle>{t('password.title')}</PageTitle>
      <Paragraph>{t('password.intro')}</Paragraph>
      {change.isSuccess && <Notice type="ok">{t('password.done')}</Notice>}
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={FORM_ID} onSubmit={onSubmit} aria-label={t('password.title')}>
        <TextField
          id={fieldId(FORM_ID, 'currentPassword')}
          label={labels.currentPassword}
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={setCurrentPassword}
          error={errors.byField.currentPassword}
        />
        <TextField
          id={fieldId(FORM_ID, 'newPassword')}
          label={labels.newPassword}
          description={t('password.newHint')}
          type="password"
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={setNewPassword}
          error={errors.byField.newPassword}
        />
        <TextField
          id={fieldId(FORM_ID, 'repeat')}
          label={labels.repeat}
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          onChange={setRepeat}
          error={errors.byField.repeat}
        />
        <Button appearance="primary" type="submit" busy={change.isPending}>
          {change.isPending ? t('password.submitting') : t('password.submit')}
        </Button>
      </Form>
    </div>
  );
}
