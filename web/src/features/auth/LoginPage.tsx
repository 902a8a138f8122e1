import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldId, Form, TextField } from '../../components/FormFields';
import { PageTitle, Paragraph } from '../../components/Typography';
import type { FieldErrors } from '../../lib/forms';
import { isEmail, useFormErrors } from '../../lib/forms';
import { useLogin, useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';

const FORM_ID = 'login';
// Workers and team leads start on "Vandaag"; the router sends other roles on to the organisation.
const HOME = '/';

function returnPath(state: unknown): string {
  if (state && typeof state === 'object' && 'from' in state && typeof state.from === 'string') {
    return state.from.startsWith('/') && state.from !== '/inloggen' ? state.from : HOME;
  }
  return HOME;
}

export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.title'));
  const session = useSession();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});

  const labels = { email: t('auth.email'), password: t('auth.password') };
  const errors = useFormErrors(
    labels,
    (field) => fieldId(FORM_ID, field),
    clientErrors,
    login.error,
    { 401: t('auth.invalidCredentials'), 429: t('auth.rateLimited') },
  );

  if (session.data && !login.isPending) return <Navigate to={returnPath(location.state)} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!email.trim()) found.email = t('form.required', { label: labels.email });
    else if (!isEmail(email)) found.email = t('form.invalidEmail', { label: labels.email });
    if (!password) found.password = t('form.required', { label: labels.password });
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      login.reset();
      return;
    }
    login.mutate(
      { email: email.trim(), password },
      { onSuccess: () => void navigate(returnPath(location.state), { replace: true }) },
    );
  };

  return (
    <div className="sk-narrow">
      <PageTitle>{t('auth.title')}</PageTitle>
      <Paragraph>{t('auth.intro')}</Paragraph>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={FORM_ID} onSubmit={onSubmit} aria-label={t('auth.title')}>
        <TextField
          id={fieldId(FORM_ID, 'email')}
          label={labels.email}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={setEmail}
          error={errors.byField.email}
        />
        <TextField
          id={fieldId(FORM_ID, 'password')}
          label={labels.password}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
          error={errors.byField.password}
        />
        <Button appearance="primary" type="submit" busy={login.isPending}>
          {login.isPending ? t('auth.submitting') : t('auth.submit')}
        </Button>
      </Form>
    </div>
  );
}
