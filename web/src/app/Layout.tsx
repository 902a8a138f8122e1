import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, NavLink, Outlet } from 'react-router';
import { Button } from '../components/Button';
import { SkipLink } from '../components/SkipLink';
import { canListStaff, canWorkCases } from '../lib/access';
import type { SessionUser } from '../lib/api-types';
import { useLogout } from '../lib/session';
import { LanguageSwitch } from './LanguageSwitch';
import { RouteLoading } from './RouteLoading';
import { useFocusOnNavigate } from './useFocusOnNavigate';

function Shell({ tools, nav }: { tools: ReactNode; nav?: ReactNode }) {
  const { t } = useTranslation();
  useFocusOnNavigate();
  return (
    <div className="sk-app">
      <SkipLink targetId="main">{t('app.skipLink')}</SkipLink>
      <header className="sk-header">
        <div className="sk-header__inner">
          <RouterLink to="/" className="sk-brand">
            <span className="sk-brand__name">{t('app.name')}</span>
            <span className="sk-brand__tagline">{t('app.tagline')}</span>
          </RouterLink>
          <div className="sk-header__tools">{tools}</div>
        </div>
      </header>
      {nav}
      <main id="main" tabIndex={-1} className="sk-main">
        <RouteLoading />
        <Outlet />
      </main>
      <footer className="sk-footer">
        <div className="sk-footer__inner">{t('app.footer')}</div>
      </footer>
    </div>
  );
}

/** The layout of every signed-in page: header with user and logout, main navigation. */
export function Layout({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const logout = useLogout('/inloggen');

  const cases = canWorkCases(user.role);
  const lead = user.role === 'team_lead';
  // A volunteer account sees its own tasks and nothing of the team's work.
  const volunteer = user.role === 'volunteer';
  const items = [
    { to: '/mijn-taken', label: t('collective.nav.tasks'), show: volunteer },
    { to: '/', label: t('nav.today'), show: cases },
    { to: '/trajecten', label: t('nav.trajectories'), show: cases },
    { to: '/aanmeldingen/nieuw', label: t('nav.newRegistration'), show: cases },
    { to: '/huishoudens', label: t('nav.households'), show: cases },
    { to: '/signalen', label: t('nav.signals'), show: cases },
    {
      to: '/sociale-kaart',
      label: t('collective.nav.map'),
      show: cases || user.role === 'municipality' || user.role === 'admin',
    },
    { to: '/groepen', label: t('collective.nav.groups'), show: cases },
    { to: '/uitleenpool', label: t('collective.nav.items'), show: cases },
    { to: '/vrijwilligers', label: t('collective.nav.volunteers'), show: cases },
    { to: '/organisatie/teams', label: t('nav.teams'), show: !volunteer },
    { to: '/organisatie/buurten', label: t('nav.neighbourhoods'), show: !volunteer },
    { to: '/organisatie/organisaties', label: t('nav.organisations'), show: !volunteer },
    { to: '/organisatie/medewerkers', label: t('nav.staff'), show: canListStaff(user.role) },
    { to: '/monitor', label: t('monitor.nav'), show: lead || user.role === 'municipality' },
    { to: '/werkbudget', label: t('budget.nav'), show: cases || user.role === 'municipality' },
    {
      to: '/begroting',
      label: t('budget.navExecution'),
      show: lead || user.role === 'municipality',
    },
    {
      to: '/business-case',
      label: t('businessCase.nav'),
      show: lead || user.role === 'municipality',
    },
    // The admin keeps prices and loads inhabitants, but does not see the business case itself.
    {
      to: '/business-case/prijzen',
      label: t('businessCase.toPrices'),
      show: user.role === 'admin',
    },
    { to: '/monitor/publiek', label: t('monitor.navPublic'), show: !volunteer },
    // The privacy officer is an admin with the privacy duty; other admins get "no access" there.
    { to: '/privacy', label: t('privacy.nav'), show: user.role === 'admin' },
    { to: '/beheer/inloggen', label: t('signInSettings.nav'), show: user.role === 'admin' },
    { to: '/account/tweestapsverificatie', label: t('secondFactor.nav'), show: !volunteer },
    { to: '/account/wachtwoord', label: t('password.nav'), show: true },
  ].filter((item) => item.show);

  return (
    <Shell
      tools={
        <>
          <span className="sk-header__user">
            {t('app.signedInAs', { name: user.name, role: t(`roles.${user.role}`) })}
          </span>
          <LanguageSwitch />
          <Button
            appearance="secondary"
            className="sk-header__button"
            busy={logout.isPending}
            onClick={() => logout.mutate()}
          >
            {t('app.logout')}
          </Button>
        </>
      }
      nav={
        <nav aria-label={t('app.mainNav')} className="sk-nav">
          <ul className="sk-nav__list">
            {items.map((item) => (
              <li key={item.to} className="sk-nav__item">
                <NavLink
                  to={item.to}
                  end={item.to === '/' || item.to === '/monitor'}
                  className="sk-nav__link"
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      }
    />
  );
}

/** The layout of the login page: the app name and the language switch only. */
export function PublicLayout() {
  return <Shell tools={<LanguageSwitch />} />;
}
