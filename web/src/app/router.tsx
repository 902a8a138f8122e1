import type { ComponentType } from 'react';
import { useEffect, useState } from 'react';
import type { RouteObject } from 'react-router';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { Loading, LoadError } from '../components/QueryState';
import { LoginPage } from '../features/auth/LoginPage';
import { SignedInWindowPage } from '../features/auth/SignedInWindowPage';
import { canWorkCases } from '../lib/access';
import { useExpiredSessionUser, useSession, wasSignedOut } from '../lib/session';
import { loadHomePage } from './homePage';
import { Layout, PublicLayout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { RouteError, StandaloneRouteError } from './RouteError';
import { SessionExpiredDialog } from './SessionExpiredDialog';

// Route-level code splitting: the shell (layouts, the session guard, the sign-in page, "not
// found") is in the entry chunk; every other page is fetched when a route first matches it, so
// the sign-in page and the worker's home page do not download the rest of the app (or ECharts,
// which only the monitor's chunks import). The router waits for the chunk before it switches
// pages: RouteLoading in the layouts says so meanwhile, and on a first load the layout shows the
// route's `hydrateFallbackElement`. A chunk that cannot be fetched (a stale hash after a
// deployment) ends in the route's errorElement, with a reload button, inside the layout.

/** A page that lives in its own chunk: `load` is the dynamic import, `pick` its component. */
function page<M>(
  load: () => Promise<M>,
  pick: (module: M) => ComponentType,
): Pick<RouteObject, 'lazy' | 'errorElement' | 'hydrateFallbackElement'> {
  return {
    lazy: async () => ({ Component: pick(await load()) }),
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading />,
  };
}

/** A layout in its own chunk (the resident portal): while it loads there is no shell around it. */
function layout<M>(
  load: () => Promise<M>,
  pick: (module: M) => ComponentType,
): Pick<RouteObject, 'lazy' | 'errorElement' | 'hydrateFallbackElement'> {
  return {
    lazy: async () => ({ Component: pick(await load()) }),
    errorElement: <StandaloneRouteError />,
    hydrateFallbackElement: (
      <main id="main" className="sk-main">
        <Loading />
      </main>
    ),
  };
}

// The home page is chosen after the session is known (a worker's day, or the organisation pages),
// so its chunk is fetched only then (or while the person signs in, see homePage.ts): a visitor who
// is sent to the sign-in page never downloads it.
// Not React.lazy: a Suspense fallback is kept on screen for at least 300 ms (React's throttling),
// which added a fifth of a second to every cold start of the home page.
let homePage: ComponentType | undefined;

function WorkerHome() {
  const [Page, setPage] = useState<ComponentType | undefined>(() => homePage);
  const [error, setError] = useState<Error>();
  useEffect(() => {
    if (Page) return;
    let current = true;
    loadHomePage().then(
      (component) => {
        homePage = component;
        if (current) setPage(() => component);
      },
      (reason: unknown) =>
        current && setError(reason instanceof Error ? reason : new Error(String(reason))),
    );
    return () => {
      current = false;
    };
  }, [Page]);
  // A chunk that cannot be fetched is a render error, which the index route's errorElement shows.
  if (error) throw error;
  return Page ? <Page /> : <Loading />;
}

/**
 * Signed-in pages: wait for the session, send strangers to the login page (and back to the whole
 * address afterwards, query string included). A session that ends while the page is open is
 * renewed in a dialog over the page, which stays.
 */
function RequireSession() {
  const session = useSession();
  const expiredUser = useExpiredSessionUser();
  const location = useLocation();
  if (session.isPending) {
    return (
      <main id="main" className="sk-main">
        <Loading />
      </main>
    );
  }
  if (session.isError) {
    return (
      <main id="main" className="sk-main">
        <LoadError error={session.error} onRetry={() => void session.refetch()} />
      </main>
    );
  }
  if (!session.data) {
    // After signing out here, not back to the previous person's page.
    if (wasSignedOut()) return <Navigate to="/inloggen" replace />;
    const from = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to="/inloggen" replace state={{ from }} />;
  }
  // A resident never sees the staff pages: their own portal has its own layout.
  if (session.data.user.role === 'resident') return <Navigate to="/portaal" replace />;
  // A volunteer account has one screen: its own tasks (never a resident's file).
  if (session.data.user.role === 'volunteer' && location.pathname !== '/mijn-taken')
    return <Navigate to="/mijn-taken" replace />;
  return (
    <>
      <Layout user={session.data.user} />
      {expiredUser && <SessionExpiredDialog />}
    </>
  );
}

/** "/": the team's day for workers and team leads; the organisation pages for everyone else. */
function HomeRoute() {
  const role = useSession().data?.user.role;
  if (!canWorkCases(role)) return <Navigate to="/organisatie/teams" replace />;
  return <WorkerHome />;
}

export const router = createBrowserRouter([
  {
    path: '/inloggen',
    element: <PublicLayout />,
    children: [
      { index: true, element: <LoginPage /> },
      // The end of a sign-in through the identity provider in a window of its own (tiny, so in
      // the entry chunk: it must show at once).
      { path: 'klaar', element: <SignedInWindowPage /> },
    ],
  },
  {
    path: '/portaal',
    ...layout(
      () => import('../features/portal/PortalLayout'),
      (m) => m.PortalPublicLayout,
    ),
    children: [
      {
        path: 'activeren',
        ...page(
          () => import('../features/portal/PortalAuthPages'),
          (m) => m.ActivatePage,
        ),
      },
      {
        path: 'inloggen',
        ...page(
          () => import('../features/portal/PortalAuthPages'),
          (m) => m.PortalLoginPage,
        ),
      },
    ],
  },
  {
    path: '/portaal',
    ...layout(
      () => import('../features/portal/PortalLayout'),
      (m) => m.RequireResident,
    ),
    children: [
      {
        index: true,
        ...page(
          () => import('../features/portal/PortalHomePage'),
          (m) => m.PortalHomePage,
        ),
      },
      {
        path: 'extra-code',
        ...page(
          () => import('../features/portal/PortalSecondFactorPage'),
          (m) => m.PortalSecondFactorPage,
        ),
      },
      { path: '*', element: <Navigate to="/portaal" replace /> },
    ],
  },
  {
    path: '/',
    element: <RequireSession />,
    children: [
      { index: true, element: <HomeRoute />, errorElement: <RouteError /> },
      { path: 'aanmeldingen', element: <Navigate to="/" replace /> },
      {
        path: 'aanmeldingen/nieuw',
        ...page(
          () => import('../features/entry-point/NewRegistrationPage'),
          (m) => m.NewRegistrationPage,
        ),
      },
      {
        path: 'aanmeldingen/:id',
        ...page(
          () => import('../features/entry-point/RegistrationPage'),
          (m) => m.RegistrationPage,
        ),
      },
      {
        path: 'huishoudens',
        ...page(
          () => import('../features/entry-point/HouseholdsPage'),
          (m) => m.HouseholdsPage,
        ),
      },
      {
        path: 'huishoudens/:id',
        ...page(
          () => import('../features/entry-point/HouseholdPage'),
          (m) => m.HouseholdPage,
        ),
      },
      {
        path: 'signalen',
        ...page(
          () => import('../features/entry-point/SignalsPage'),
          (m) => m.SignalsPage,
        ),
      },
      {
        path: 'trajecten',
        ...page(
          () => import('../features/trajectories/TrajectoriesPage'),
          (m) => m.TrajectoriesPage,
        ),
      },
      {
        path: 'trajecten/:id',
        ...page(
          () => import('../features/trajectories/TrajectoryPage'),
          (m) => m.TrajectoryPage,
        ),
      },
      {
        path: 'trajecten/:id/krachtplan',
        ...page(
          () => import('../features/trajectories/PlanEditorPage'),
          (m) => m.PlanEditorPage,
        ),
      },
      {
        path: 'trajecten/:id/krachtplan/versies/:version',
        ...page(
          () => import('../features/trajectories/PlanVersionPage'),
          (m) => m.PlanVersionPage,
        ),
      },
      {
        path: 'trajecten/:id/krachtplan/afdrukken',
        ...page(
          () => import('../features/trajectories/PrintPlanPage'),
          (m) => m.PrintPlanPage,
        ),
      },
      {
        path: 'trajecten/:id/metingen',
        ...page(
          () => import('../features/measurements/MeasurementsPage'),
          (m) => m.MeasurementsPage,
        ),
      },
      {
        path: 'trajecten/:id/portaal-uitnodiging',
        ...page(
          () => import('../features/portal/InvitePage'),
          (m) => m.InvitePage,
        ),
      },
      { path: 'organisatie', element: <Navigate to="/organisatie/teams" replace /> },
      {
        path: 'organisatie/teams',
        ...page(
          () => import('../features/organisation/TeamsPage'),
          (m) => m.TeamsPage,
        ),
      },
      {
        path: 'organisatie/teams/:id',
        ...page(
          () => import('../features/organisation/TeamDetailPage'),
          (m) => m.TeamDetailPage,
        ),
      },
      {
        path: 'organisatie/buurten',
        ...page(
          () => import('../features/organisation/NeighbourhoodsPage'),
          (m) => m.NeighbourhoodsPage,
        ),
      },
      {
        path: 'organisatie/organisaties',
        ...page(
          () => import('../features/organisation/OrganisationsPage'),
          (m) => m.OrganisationsPage,
        ),
      },
      {
        path: 'organisatie/medewerkers',
        ...page(
          () => import('../features/organisation/StaffPage'),
          (m) => m.StaffPage,
        ),
      },
      {
        path: 'monitor',
        ...page(
          () => import('../features/monitor/MonitorPage'),
          (m) => m.MonitorPage,
        ),
      },
      {
        path: 'monitor/publiek',
        ...page(
          () => import('../features/monitor/PublicReportPage'),
          (m) => m.PublicReportPage,
        ),
      },
      {
        path: 'werkbudget',
        ...page(
          () => import('../features/budget/WorkBudgetPage'),
          (m) => m.WorkBudgetPage,
        ),
      },
      {
        path: 'werkbudget/aanvragen',
        ...page(
          () => import('../features/budget/RequestPage'),
          (m) => m.RequestPage,
        ),
      },
      {
        path: 'werkbudget/instellen',
        ...page(
          () => import('../features/budget/SettingsPage'),
          (m) => m.SettingsPage,
        ),
      },
      {
        path: 'werkbudget/evaluatie',
        ...page(
          () => import('../features/budget/EvaluationPage'),
          (m) => m.EvaluationPage,
        ),
      },
      {
        path: 'begroting',
        ...page(
          () => import('../features/budget/ExecutionBudgetPage'),
          (m) => m.ExecutionBudgetPage,
        ),
      },
      {
        path: 'business-case',
        ...page(
          () => import('../features/business-case/BusinessCasePage'),
          (m) => m.BusinessCasePage,
        ),
      },
      {
        path: 'business-case/prijzen',
        ...page(
          () => import('../features/business-case/PriceListPage'),
          (m) => m.PriceListPage,
        ),
      },
      {
        path: 'sociale-kaart',
        ...page(
          () => import('../features/social-map/SocialMapPage'),
          (m) => m.SocialMapPage,
        ),
      },
      {
        path: 'groepen',
        ...page(
          () => import('../features/social-map/GroupsPage'),
          (m) => m.GroupsPage,
        ),
      },
      {
        path: 'groepen/:id',
        ...page(
          () => import('../features/social-map/GroupPage'),
          (m) => m.GroupPage,
        ),
      },
      {
        path: 'uitleenpool',
        ...page(
          () => import('../features/social-map/ItemPoolPage'),
          (m) => m.ItemPoolPage,
        ),
      },
      {
        path: 'vrijwilligers',
        ...page(
          () => import('../features/social-map/VolunteersPage'),
          (m) => m.VolunteersPage,
        ),
      },
      {
        path: 'vrijwilligers/koppelen',
        ...page(
          () => import('../features/social-map/MatchPage'),
          (m) => m.MatchPage,
        ),
      },
      {
        path: 'mijn-taken',
        ...page(
          () => import('../features/social-map/VolunteerTasksPage'),
          (m) => m.VolunteerTasksPage,
        ),
      },
      {
        path: 'trajecten/:id/wederkerigheid',
        ...page(
          () => import('../features/social-map/OffersPage'),
          (m) => m.OffersPage,
        ),
      },
      { path: 'privacy', element: <Navigate to="/privacy/meldingen" replace /> },
      {
        path: 'privacy/meldingen',
        ...page(
          () => import('../features/privacy/AlertsPage'),
          (m) => m.AlertsPage,
        ),
      },
      {
        path: 'privacy/logboek',
        ...page(
          () => import('../features/privacy/AuditLogPage'),
          (m) => m.AuditLogPage,
        ),
      },
      {
        path: 'privacy/bewaren',
        ...page(
          () => import('../features/privacy/RetentionPage'),
          (m) => m.RetentionPage,
        ),
      },
      {
        path: 'privacy/instellingen',
        ...page(
          () => import('../features/privacy/PrivacySettingsPage'),
          (m) => m.PrivacySettingsPage,
        ),
      },
      {
        path: 'account/wachtwoord',
        ...page(
          () => import('../features/auth/PasswordPage'),
          (m) => m.PasswordPage,
        ),
      },
      {
        path: 'account/tweestapsverificatie',
        ...page(
          () => import('../features/auth/SecondFactorPage'),
          (m) => m.SecondFactorPage,
        ),
      },
      {
        path: 'beheer/inloggen',
        ...page(
          () => import('../features/sign-in-settings/SignInSettingsPage'),
          (m) => m.SignInSettingsPage,
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
