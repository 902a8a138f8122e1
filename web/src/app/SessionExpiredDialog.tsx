import './session-dialog.css';
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../components/Alert';
import { Button, ButtonGroup } from '../components/Button';
import { Heading } from '../components/Typography';
import { SignInSteps, useSignInFlow } from '../features/auth/LoginPage';
import { useLogout, useSessionRenewedElsewhere, wasSignedOut } from '../lib/session';

/**
 * The session ended while the user was working: sign in again (with the second step when the
 * account has one) in a modal dialog over the page, so that the page and what was typed in it stay.
 * Afterwards the dialog closes and the user presses "save" again. The page behind is inert while the
 * dialog is open (a native modal dialog), and focus returns to where it was.
 *
 * At a shared desk the next person may be the one who finds the dialog: the page behind is covered
 * (an opaque backdrop, see session-dialog.css) and the tab's title no longer names it. Signing in
 * through the identity provider happens in a window of its own (leaving this page would lose what
 * was typed); the dialog notices that sign-in when that window says so or this one gets the focus.
 * Someone else who signs in here gets a new document at their own start page (useAcceptSession):
 * the dialog closes over the page only for the same person.
 */
export function SessionExpiredDialog() {
  const { t } = useTranslation();
  const flow = useSignInFlow();
  const logout = useLogout('/inloggen');
  const dialog = useRef<HTMLDialogElement>(null);
  useSessionRenewedElsewhere();

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
    // The page's title often names the resident; the tab shows it too.
    const pageTitle = document.title;
    document.title = `${t('auth.sessionExpiredTitle')} – ${t('app.name')}`;
    return () => {
      element.removeEventListener('close', reopen);
      // Signed in again (the dialog goes): closing it before it leaves the page gives the focus
      // back to where it was, the save button that met the ended session.
      element.close();
      // The page's own title again, for the same person (not when signing out: the sign-in page
      // sets its own).
      if (!wasSignedOut()) document.title = pageTitle;
    };
  }, [t]);

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
      <SignInSteps flow={flow} onSignedIn={() => undefined} identityProviderWindow="new" />
      <ButtonGroup>
        <Button appearance="subtle" busy={logout.isPending} onClick={() => logout.mutate()}>
          {t('app.logout')}
        </Button>
      </ButtonGroup>
    </dialog>
  );
}
