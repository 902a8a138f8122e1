import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../components/Link';
import { Loading } from '../../components/QueryState';
import { PageTitle, Paragraph } from '../../components/Typography';
import { announceSignedIn, useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';

/**
 * The last page of a sign-in through the identity provider in a window of its own (opened from
 * the "session expired" dialog, see SIGNED_IN_WINDOW_PATH). The session cookie is shared with the
 * window where the person was working: this page tells that window, and closes itself when the
 * browser lets it (a window that a script opened); otherwise the text asks the person to.
 */
export function SignedInWindowPage() {
  const { t } = useTranslation();
  const session = useSession();
  const signedIn = Boolean(session.data);
  useDocumentTitle(
    session.isPending
      ? ''
      : t(
          signedIn ? 'identityProvider.windowDoneTitle' : 'identityProvider.windowNotSignedInTitle',
        ),
  );

  useEffect(() => {
    if (!signedIn) return;
    announceSignedIn();
    window.close();
  }, [signedIn]);

  if (session.isPending) return <Loading />;
  if (!signedIn) {
    // Opened by hand, or the sign-in failed on the way back (then the sign-in page says why).
    return (
      <div className="sk-narrow">
        <PageTitle>{t('identityProvider.windowNotSignedInTitle')}</PageTitle>
        <Paragraph>{t('identityProvider.windowNotSignedInText')}</Paragraph>
        <ButtonLink to="/inloggen">{t('identityProvider.windowToSignIn')}</ButtonLink>
      </div>
    );
  }
  return (
    <div className="sk-narrow">
      <PageTitle>{t('identityProvider.windowDoneTitle')}</PageTitle>
      <Paragraph>{t('identityProvider.windowDoneText')}</Paragraph>
    </div>
  );
}
