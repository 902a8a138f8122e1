// Activating the portal with the invitation code, and signing in again later.
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldId, Form, TextField } from '../../components/FormFields';
import { Link } from '../../components/Link';
import { challengeGone, CodeForm, ExpiredChallenge } from '../../components/SecondFactor';
import { PageTitle, Paragraph } from '../../components/Typography';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useActivate, usePortalLogin, usePortalLoginCode } from './queries';

/** Signed in already: residents to their portal, staff to their own pages. */
function useSignedInTarget(busy: boolean): string | null {
  const session = useSession();
  if (busy || !session.data) return null;
  return session.data.user.role === 'resident' ? '/portaal' : '/';
}

export function ActivatePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('portal.activate.title'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const activate = useActivate();
  const [code, setCode] = useState(params.get('code') ?? '');
  const [loginName, setLoginName] = useState('');
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const form = 'activate';
  const labels = {
    code: t('portal.activate.code'),
    loginName: t('portal.activate.loginName'),
    password: t('portal.activate.password'),
    password2: t('portal.activate.password2'),
  };
  const errors = useFormErrors(labels, (f) => fieldId(form, f), clientErrors, activate.error);
  const target = useSignedInTarget(activate.isPending || activate.isSuccess);
  if (target) return <Navigate to={target} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!code.trim()) found.code = t('form.required', { label: labels.code });
    if (!loginName.trim()) found.loginName = t('form.required', { label: labels.loginName });
    else if (loginName.trim().length < 3) {
      found.loginName = t('portal.activate.tooShort', { label: labels.loginName, min: 3 });
    }
    if (!password) found.password = t('form.required', { label: labels.password });
    else if (password.length < 10) {
      found.password = t('portal.activate.tooShort', { label: labels.password, min: 10 });
    }
    if (password && password2 !== password) found.password2 = t('portal.activate.mismatch');
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      activate.reset();
      return;
    }
    activate.mutate(
      { code: code.trim(), loginName: loginName.trim(), password },
      { onSuccess: () => void navigate('/portaal', { replace: true }) },
    );
  };

  return (
    <div className="sk-portal-narrow">
      <PageTitle>{t('portal.activate.title')}</PageTitle>
      <Paragraph>{t('portal.activate.intro')}</Paragraph>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={form} onSubmit={onSubmit} aria-label={t('portal.activate.title')}>
        <TextField
          id={fieldId(form, 'code')}
          label={labels.code}
          description={t('portal.activate.codeHint')}
          value={code}
          onChange={setCode}
          autoComplete="one-time-code"
          maxLength={64}
          error={errors.byField.code}
        />
        <TextField
          id={fieldId(form, 'loginName')}
          label={labels.loginName}
          description={t('portal.activate.loginNameHint')}
          value={loginName}
          onChange={setLoginName}
          autoComplete="username"
          maxLength={320}
          error={errors.byField.loginName}
        />
        <TextField
          id={fieldId(form, 'password')}
          type="password"
          label={labels.password}
          description={t('portal.activate.passwordHint')}
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          error={errors.byField.password}
        />
        <TextField
          id={fieldId(form, 'password2')}
          type="password"
          label={labels.password2}
          value={password2}
          onChange={setPassword2}
          autoComplete="new-password"
          error={errors.byField.password2}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary" busy={activate.isPending}>
            {t('portal.activate.submit')}
          </Button>
        </ButtonGroup>
      </Form>
      <Paragraph className="sk-portal-aside">
        {t('portal.activate.haveAccount')}{' '}
        <Link to="/portaal/inloggen">{t('portal.activate.toLogin')}</Link>
      </Paragraph>
    </div>
  );
}

export function PortalLoginPage() {
  const { t } = useTranslation();
  const [codeStep, setCodeStep] = useState(false);
  useDocumentTitle(codeStep ? t('secondFactor.codeTitle') : t('portal.login.title'));
  const navigate = useNavigate();
  const login = usePortalLogin();
  const code = usePortalLoginCode();
  const [loginName, setLoginName] = useState('');
  const [password, setPassword] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const form = 'portal-login';
  const labels = { loginName: t('portal.login.loginName'), password: t('portal.login.password') };
  const errors = useFormErrors(labels, (f) => fieldId(form, f), clientErrors, login.error, {
    401: t('portal.login.invalid'),
    429: t('portal.login.rateLimited'),
  });
  const target = useSignedInTarget(login.isPending || login.isSuccess || codeStep);
  if (target) return <Navigate to={target} replace />;

  if (codeStep) {
    // The resident chose a second factor: the code from their app follows the password.
    return (
      <div className="sk-portal-narrow">
        <PageTitle>{t('secondFactor.codeTitle')}</PageTitle>
        {challengeGone(code.error) ? (
          <ExpiredChallenge
            message={t('portal.login.expired')}
            onRestart={() => {
              code.reset();
              login.reset();
              setPassword('');
              setCodeStep(false);
            }}
          />
        ) : (
          <>
            <Paragraph>{t('secondFactor.codeIntro')}</Paragraph>
            <CodeForm
              formId="portal-code"
              formLabel={t('secondFactor.codeTitle')}
              onSubmit={(value) =>
                code.mutate(value, {
                  onSuccess: () => void navigate('/portaal', { replace: true }),
                })
              }
              pending={code.isPending}
              error={code.error}
              allowRecovery
              submitLabel={t('secondFactor.submit')}
              pendingLabel={t('secondFactor.submitting')}
            />
          </>
        )}
      </div>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!loginName.trim()) found.loginName = t('form.required', { label: labels.loginName });
    if (!password) found.password = t('form.required', { label: labels.password });
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      login.reset();
      return;
    }
    login.mutate(
      { loginName: loginName.trim(), password },
      {
        onSuccess: (answer) => {
          if ('secondFactor' in answer) setCodeStep(true);
          else void navigate('/portaal', { replace: true });
        },
      },
    );
  };

  return (
    <div className="sk-portal-narrow">
      <PageTitle>{t('portal.login.title')}</PageTitle>
      <Paragraph>{t('portal.login.intro')}</Paragraph>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={form} onSubmit={onSubmit} aria-label={t('portal.login.title')}>
        <TextField
          id={fieldId(form, 'loginName')}
          label={labels.loginName}
          value={loginName}
          onChange={setLoginName}
          autoComplete="username"
          error={errors.byField.loginName}
        />
        <TextField
          id={fieldId(form, 'password')}
          type="password"
          label={labels.password}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          error={errors.byField.password}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary" busy={login.isPending}>
            {t('portal.login.submit')}
          </Button>
        </ButtonGroup>
      </Form>
      <Paragraph className="sk-portal-aside">
        {t('portal.login.haveCode')}{' '}
        <Link to="/portaal/activeren">{t('portal.login.toActivate')}</Link>
      </Paragraph>
      <Paragraph className="sk-portal-aside">
        {t('portal.login.staff')} <Link to="/inloggen">{t('portal.login.toStaff')}</Link>
      </Paragraph>
    </div>
  );
}
