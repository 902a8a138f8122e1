import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { preloadHomePage } from '../../app/homePage';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { ButtonLink } from '../../components/Link';
import { fieldId, Form, TextField } from '../../components/FormFields';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { api, unwrap } from '../../lib/api';
import type { FieldErrors } from '../../lib/forms';
import { isEmail, useFormErrors } from '../../lib/forms';
import type { SecondFactorStage } from '../../lib/session';
import {
  SIGNED_IN_WINDOW_PATH,
  useAcceptSession,
  useConfirmLoginEnrolment,
  useLogin,
  useLoginCode,
  useLoginEnrolment,
  useSession,
} from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import type { EnrolmentData } from '../../components/SecondFactor';
import {
  challengeGone,
  CodeForm,
  EnrolmentPanel,
  ExpiredChallenge,
  RecoveryCodesPanel,
} from '../../components/SecondFactor';

const FORM_ID = 'login';
// Workers and team leads start on "Vandaag"; the router sends other roles on to the organisation.
const HOME = '/';
const OIDC_ERRORS = ['oidc_failed', 'oidc_unavailable', 'oidc_unknown_user'] as const;

function returnPath(state: unknown): string {
  if (state && typeof state === 'object' && 'from' in state && typeof state.from === 'string') {
    return state.from.startsWith('/') && !state.from.startsWith('/inloggen') ? state.from : HOME;
  }
  return HOME;
}

type Stage =
  | { kind: 'password' }
  | { kind: SecondFactorStage }
  | { kind: 'recovery-codes'; codes: string[]; finish: () => void };

/**
 * The steps of signing in (password, then the second factor or setting it up), as one flow that
 * the sign-in page and the "session expired" dialog both show: `title` names the current step.
 */
export function useSignInFlow() {
  const { t } = useTranslation();
  const [stage, setStage] = useState<Stage>({ kind: 'password' });
  const login = useLogin();
  const titles: Record<Stage['kind'], string> = {
    password: t('auth.title'),
    verify: t('secondFactor.codeTitle'),
    enrol: t('secondFactor.enrolTitle'),
    'recovery-codes': t('secondFactor.enrolTitle'),
  };
  return { stage, setStage, login, title: titles[stage.kind] };
}

export type SignInFlow = ReturnType<typeof useSignInFlow>;

/**
 * How the identity provider's sign-in is opened: in this window (the sign-in page, which it leaves
 * for the provider), or in a window of its own (the "session expired" dialog: the page behind it,
 * with what was typed, must stay; the dialog notices the new session when that window is done).
 */
export type IdentityProviderWindow = 'same' | 'new';

export function SignInSteps({
  flow,
  onSignedIn,
  identityProviderWindow = 'same',
}: {
  flow: SignInFlow;
  onSignedIn: () => void;
  identityProviderWindow?: IdentityProviderWindow;
}) {
  const { stage, setStage, login } = flow;
  return (
    <>
      {stage.kind === 'password' && (
        <PasswordStep
          identityProviderWindow={identityProviderWindow}
          onStage={(next) => setStage({ kind: next })}
          onSignedIn={onSignedIn}
          pending={login.isPending}
          submit={login.mutate}
          error={login.error}
          reset={login.reset}
        />
      )}
      {stage.kind === 'verify' && (
        <VerifyStep onSignedIn={onSignedIn} onRestart={() => setStage({ kind: 'password' })} />
      )}
      {stage.kind === 'enrol' && (
        <EnrolStep
          onEnrolled={(codes, finish) => setStage({ kind: 'recovery-codes', codes, finish })}
          onRestart={() => setStage({ kind: 'password' })}
        />
      )}
      {stage.kind === 'recovery-codes' && (
        <RecoveryCodesPanel
          codes={stage.codes}
          onDone={() => {
            stage.finish();
            onSignedIn();
          }}
        />
      )}
    </>
  );
}

export function LoginPage() {
  const flow = useSignInFlow();
  useDocumentTitle(flow.title);
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const done = () => void navigate(returnPath(location.state), { replace: true });

  if (session.data && flow.stage.kind === 'password' && !flow.login.isPending) {
    return <Navigate to={returnPath(location.state)} replace />;
  }

  return (
    <div className="sk-narrow">
      <PageTitle>{flow.title}</PageTitle>
      <SignInSteps flow={flow} onSignedIn={done} />
    </div>
  );
}

function PasswordStep({
  identityProviderWindow,
  onStage,
  onSignedIn,
  pending,
  submit,
  error,
  reset,
}: {
  identityProviderWindow: IdentityProviderWindow;
  onStage: (stage: SecondFactorStage) => void;
  onSignedIn: () => void;
  pending: boolean;
  submit: ReturnType<typeof useLogin>['mutate'];
  error: unknown;
  reset: () => void;
}) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const providers = useIdentityProviders();
  const oidcError = OIDC_ERRORS.find((code) => code === searchParams.get('fout'));

  const labels = { email: t('auth.email'), password: t('auth.password') };
  const errors = useFormErrors(labels, (field) => fieldId(FORM_ID, field), clientErrors, error, {
    401: t('auth.invalidCredentials'),
    429: t('auth.rateLimited'),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!email.trim()) found.email = t('form.required', { label: labels.email });
    else if (!isEmail(email)) found.email = t('form.invalidEmail', { label: labels.email });
    if (!password) found.password = t('form.required', { label: labels.password });
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      reset();
      return;
    }
    preloadHomePage();
    submit(
      { email: email.trim(), password },
      {
        onSuccess: (result) => {
          if ('stage' in result) onStage(result.stage);
          else onSignedIn();
        },
      },
    );
  };

  return (
    <>
      <Paragraph>{t('auth.intro')}</Paragraph>
      {oidcError && <Alert type="error">{t(`identityProvider.${oidcError}`)}</Alert>}
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
        <Button appearance="primary" type="submit" busy={pending}>
          {pending ? t('auth.submitting') : t('auth.submit')}
        </Button>
      </Form>
      {(providers.data?.items.length ?? 0) > 0 && (
        <section className="sk-identity-providers" aria-labelledby="idp-title">
          <Heading level={2} id="idp-title">
            {t('identityProvider.or')}
          </Heading>
          {identityProviderWindow === 'new' ? (
            <IdentityProvidersInNewWindow providers={providers.data?.items ?? []} />
          ) : (
            providers.data?.items.map((provider) => (
              // A full page navigation: the server redirects on to the identity provider.
              <ButtonLink key={provider.municipalityId} to={provider.startUrl} reloadDocument>
                {t('identityProvider.signInWith', { name: provider.displayName })}
              </ButtonLink>
            ))
          )}
        </section>
      )}
    </>
  );
}

function useIdentityProviders() {
  return useQuery({
    queryKey: ['identity-providers'],
    queryFn: () => unwrap(api.GET('/api/v1/auth/identity-providers')),
    staleTime: 5 * 60_000,
  });
}

type IdentityProvider = NonNullable<
  ReturnType<typeof useIdentityProviders>['data']
>['items'][number];

/**
 * The identity provider's sign-in in a window of its own, which ends on a page that says it is
 * done (SIGNED_IN_WINDOW_PATH, a path of this app: the server accepts no other return).
 */
function IdentityProvidersInNewWindow({ providers }: { providers: IdentityProvider[] }) {
  const { t } = useTranslation();
  const [blocked, setBlocked] = useState(false);
  const open = (provider: IdentityProvider) => {
    const url = `${provider.startUrl}?returnTo=${encodeURIComponent(SIGNED_IN_WINDOW_PATH)}`;
    const opened = window.open(url, '_blank');
    setBlocked(!opened);
    // The provider's pages get no hold on this page (they could send it elsewhere); the window
    // can still close itself, as one that a script opened.
    if (opened) opened.opener = null;
  };
  return (
    <>
      <Paragraph>{t('identityProvider.newWindowHint')}</Paragraph>
      {blocked && <Alert type="error">{t('identityProvider.windowBlocked')}</Alert>}
      {providers.map((provider) => (
        <Button key={provider.municipalityId} onClick={() => open(provider)}>
          {t('identityProvider.signInWithNewWindow', { name: provider.displayName })}
        </Button>
      ))}
    </>
  );
}

function VerifyStep({ onSignedIn, onRestart }: { onSignedIn: () => void; onRestart: () => void }) {
  const { t } = useTranslation();
  const verify = useLoginCode();
  if (challengeGone(verify.error))
    return <ExpiredChallenge message={t('secondFactor.expired')} onRestart={onRestart} />;
  return (
    <>
      <Paragraph>{t('secondFactor.codeIntro')}</Paragraph>
      <CodeForm
        formId="second-factor"
        formLabel={t('secondFactor.codeTitle')}
        onSubmit={(code) => verify.mutate(code, { onSuccess: onSignedIn })}
        pending={verify.isPending}
        error={verify.error}
        allowRecovery
        submitLabel={t('secondFactor.submit')}
        pendingLabel={t('secondFactor.submitting')}
      />
    </>
  );
}

function EnrolStep({
  onEnrolled,
  onRestart,
}: {
  onEnrolled: (codes: string[], finish: () => void) => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const accept = useAcceptSession();
  const start = useLoginEnrolment();
  const confirm = useConfirmLoginEnrolment();
  const [enrolment, setEnrolment] = useState<EnrolmentData | null>(null);
  // One new secret per visit of this step (each request replaces the previous one).
  const requested = useRef(false);
  useEffect(() => {
    if (requested.current) return;
    requested.current = true;
    start.mutate(undefined, { onSuccess: setEnrolment });
  }, [start]);
  if (challengeGone(start.error) || challengeGone(confirm.error)) {
    return <ExpiredChallenge message={t('secondFactor.expired')} onRestart={onRestart} />;
  }
  return (
    <>
      <Alert type="info">{t('secondFactor.enrolRequired')}</Alert>
      {enrolment ? (
        <EnrolmentPanel
          enrolment={enrolment}
          pending={confirm.isPending}
          error={confirm.error}
          onConfirm={(code) =>
            confirm.mutate(code, {
              onSuccess: (result) => onEnrolled(result.recoveryCodes, () => accept(result)),
            })
          }
        />
      ) : (
        <Paragraph>{t('secondFactor.loadingSecret')}</Paragraph>
      )}
    </>
  );
}
