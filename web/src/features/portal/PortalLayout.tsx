// The resident's own layout: big readable type, one column, the language switch and "Uitloggen";
// never the staff navigation. RequireResident lets only a signed-in resident through.
import './portal.css';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, Navigate, Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { RouteLoading } from '../../app/RouteLoading';
import { useFocusOnNavigate } from '../../app/useFocusOnNavigate';
import { Button } from '../../components/Button';
import { LoadError, Loading } from '../../components/QueryState';
import { SkipLink } from '../../components/SkipLink';
import { useLogout, useSession, wasSignedOut } from '../../lib/session';

function PortalShell({ tools, children }: { tools?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  useFocusOnNavigate();
  return (
    <div className="sk-app sk-portal">
      <SkipLink targetId="main">{t('app.skipLink')}</SkipLink>
      <header className="sk-header sk-portal-header">
        <div className="sk-portal-header__inner">
          <RouterLink to="/portaal" className="sk-brand">
            <span className="sk-brand__name">{t('portal.appName')}</span>
            <span className="sk-brand__tagline">{t('portal.tagline')}</span>
          </RouterLink>
          <div className="sk-header__tools">
            <LanguageSwitch />
            {tools}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="sk-portal-main">
        <RouteLoading />
        {children}
      </main>
      <footer className="sk-footer">
        <div className="sk-portal-footer__inner">{t('portal.footer')}</div>
      </footer>
    </div>
  );
}

/** Activation and sign-in: no session needed. */
export function PortalPublicLayout() {
  return (
    <PortalShell>
      <Outlet />
    </PortalShell>
  );
}

/** The signed-in portal: residents only; staff go back to their own pages. */
export function RequireResident() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const logout = useLogout('/portaal/inloggen');
  if (session.isPending) {
    return (
      <PortalShell>
        <Loading />
      </PortalShell>
    );
  }
  if (session.isError) {
    return (
      <PortalShell>
        <LoadError error={session.error} onRetry={() => void session.refetch()} />
      </PortalShell>
    );
  }
  if (!session.data) {
    // After signing out here, not back to the previous person's page.
    const state = wasSignedOut() ? undefined : { from: location.pathname };
    return <Navigate to="/portaal/inloggen" replace state={state} />;
  }
  if (session.data.user.role !== 'resident') return <Navigate to="/" replace />;
  return (
    <PortalShell
      tools={
        <Button
          appearance="secondary"
          className="sk-header__button"
          busy={logout.isPending}
          onClick={() => logout.mutate()}
        >
          {t('portal.logout')}
        </Button>
      }
    >
      <Outlet />
    </PortalShell>
  );
}
