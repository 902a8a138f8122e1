import './session-dialog.css';
import { useQueryClient } from '@tanstack/react-query';
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Alert } from '../components/Alert';
import { Button, ButtonGroup } from '../components/Button';
import { Heading } from '../components/Typography';
import { SignInSteps, useSignInFlow } from '../features/auth/LoginPage';
import type { Session, SessionUser } from '../lib/api-types';
import { sessionKey, useLogout } from '../lib/session';

/**
 * The session ended while the user was working: sign in again (with the second step when the
 * account has one) in a modal dialog over the page, so that the page and what was typed in it stay.
 * Afterwards the dialog closes and the user presses "save" again. The page behind is inert while the
 * dialog is open (a native modal dialog), and focus returns to where it was.
 */
export function SessionExpiredDialog({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const flow = useSignInFlow();
  const logout = useLogout('/inloggen');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);

  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    // Escape closes a modal dialog; without a session there is nothing to go back to, so it opens
    // again (a browser may ignore preventing the cancel after a second Escape).
    const reopen = () => {
      if (!element.open) element.showModal();
    };
    element.addEventListener('close', reopen);
    return () => {
      element.removeEventListener('close', reopen);
      // Signed in again (the dialog goes): closing it before it leaves the page gives the focus
      // back to where it was, the save button that met the ended session.
      element.close();
      // Someone else signed in at this desk: not their page, they start at their own.
      const now = queryClient.getQueryData<Session | null>(sessionKey);
      if (now && now.user.id !== user.id) void navigate('/', { replace: true });
    };
  }, [navigate, queryClient, user.id]);

  return (
    <dialog
      ref={dialog}
      className="sk-session-dialog"
      aria-labelledby="session-expired-title"
      onCancel={(event) => event.preventDefault()}
    >
      <Heading level={2} id="session-expired-title">
        {t('auth.sessionExpiredTitle')}
      </Heading>
      <Alert type="warning">{t('auth.sessionExpiredKept')}</Alert>
      {flow.stage.kind !== 'password' && <Heading level={3}>{flow.title}</Heading>}
      {/* Signing in ends the expiry, and with it this dialog (see the effect above). */}
      <SignInSteps flow={flow} onSignedIn={() => undefined} />
      <ButtonGroup>
        <Button appearance="subtle" busy={logout.isPending} onClick={() => logout.mutate()}>
          {t('app.logout')}
        </Button>
      </ButtonGroup>
    </dialog>
  );
}
