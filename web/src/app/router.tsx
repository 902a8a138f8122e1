import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { Loading, LoadError } from '../components/QueryState';
import { LoginPage } from '../features/auth/LoginPage';
import { SecondFactorPage } from '../features/auth/SecondFactorPage';
import { SignInSettingsPage } from '../features/sign-in-settings/SignInSettingsPage';
import { HomePage } from '../features/entry-point/HomePage';
import { HouseholdPage } from '../features/entry-point/HouseholdPage';
import { HouseholdsPage } from '../features/entry-point/HouseholdsPage';
import { NewRegistrationPage } from '../features/entry-point/NewRegistrationPage';
import { RegistrationPage } from '../features/entry-point/RegistrationPage';
import { SignalsPage } from '../features/entry-point/SignalsPage';
import { NeighbourhoodsPage } from '../features/organisation/NeighbourhoodsPage';
import { OrganisationsPage } from '../features/organisation/OrganisationsPage';
import { StaffPage } from '../features/organisation/StaffPage';
import { TeamDetailPage } from '../features/organisation/TeamDetailPage';
import { TeamsPage } from '../features/organisation/TeamsPage';
import { PlanEditorPage } from '../features/trajectories/PlanEditorPage';
import { PlanVersionPage } from '../features/trajectories/PlanVersionPage';
import { PrintPlanPage } from '../features/trajectories/PrintPlanPage';
import { TrajectoriesPage } from '../features/trajectories/TrajectoriesPage';
import { TrajectoryPage } from '../features/trajectories/TrajectoryPage';
import { EvaluationPage } from '../features/budget/EvaluationPage';
import { ExecutionBudgetPage } from '../features/budget/ExecutionBudgetPage';
import { RequestPage } from '../features/budget/RequestPage';
import { SettingsPage } from '../features/budget/SettingsPage';
import { WorkBudgetPage } from '../features/budget/WorkBudgetPage';
import { MonitorPage } from '../features/monitor/MonitorPage';
import { PublicReportPage } from '../features/monitor/PublicReportPage';
import { BusinessCasePage } from '../features/business-case/BusinessCasePage';
import { PriceListPage } from '../features/business-case/PriceListPage';
import { MeasurementsPage } from '../features/measurements/MeasurementsPage';
import { GroupPage } from '../features/social-map/GroupPage';
import { GroupsPage } from '../features/social-map/GroupsPage';
import { ItemPoolPage } from '../features/social-map/ItemPoolPage';
import { MatchPage } from '../features/social-map/MatchPage';
import { OffersPage } from '../features/social-map/OffersPage';
import { SocialMapPage } from '../features/social-map/SocialMapPage';
import { VolunteersPage } from '../features/social-map/VolunteersPage';
import { VolunteerTasksPage } from '../features/social-map/VolunteerTasksPage';
import { InvitePage } from '../features/portal/InvitePage';
import { ActivatePage, PortalLoginPage } from '../features/portal/PortalAuthPages';
import { PortalHomePage } from '../features/portal/PortalHomePage';
import { PortalSecondFactorPage } from '../features/portal/PortalSecondFactorPage';
import { PortalPublicLayout, RequireResident } from '../features/portal/PortalLayout';
import { AlertsPage } from '../features/privacy/AlertsPage';
import { AuditLogPage } from '../features/privacy/AuditLogPage';
import { RetentionPage } from '../features/privacy/RetentionPage';
import { PrivacySettingsPage } from '../features/privacy/PrivacySettingsPage';
import { canWorkCases } from '../lib/access';
import { useSession } from '../lib/session';
import { Layout, PublicLayout } from './Layout';
import { NotFoundPage } from './NotFoundPage';

/** Signed-in pages: wait for the session, send strangers to the login page. */
function RequireSession() {
  const session = useSession();
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
  if (!session.data) return <Navigate to="/inloggen" replace state={{ from: location.pathname }} />;
  // A resident never sees the staff pages: their own portal has its own layout.
  if (session.data.user.role === 'resident') return <Navigate to="/portaal" replace />;
  // A volunteer account has one screen: its own tasks (never a resident's file).
  if (session.data.user.role === 'volunteer' && location.pathname !== '/mijn-taken')
    return <Navigate to="/mijn-taken" replace />;
  return <Layout user={session.data.user} />;
}

/** "/": the team's day for workers and team leads; the organisation pages for everyone else. */
function HomeRoute() {
  const role = useSession().data?.user.role;
  return canWorkCases(role) ? <HomePage /> : <Navigate to="/organisatie/teams" replace />;
}

export const router = createBrowserRouter([
  {
    path: '/inloggen',
    element: <PublicLayout />,
    children: [{ index: true, element: <LoginPage /> }],
  },
  {
    path: '/portaal',
    element: <PortalPublicLayout />,
    children: [
      { path: 'activeren', element: <ActivatePage /> },
      { path: 'inloggen', element: <PortalLoginPage /> },
    ],
  },
  {
    path: '/portaal',
    element: <RequireResident />,
    children: [
      { index: true, element: <PortalHomePage /> },
      { path: 'extra-code', element: <PortalSecondFactorPage /> },
      { path: '*', element: <Navigate to="/portaal" replace /> },
    ],
  },
  {
    path: '/',
    element: <RequireSession />,
    children: [
      { index: true, element: <HomeRoute /> },
      { path: 'aanmeldingen', element: <Navigate to="/" replace /> },
      { path: 'aanmeldingen/nieuw', element: <NewRegistrationPage /> },
      { path: 'aanmeldingen/:id', element: <RegistrationPage /> },
      { path: 'huishoudens', element: <HouseholdsPage /> },
      { path: 'huishoudens/:id', element: <HouseholdPage /> },
      { path: 'signalen', element: <SignalsPage /> },
      { path: 'trajecten', element: <TrajectoriesPage /> },
      { path: 'trajecten/:id', element: <TrajectoryPage /> },
      { path: 'trajecten/:id/krachtplan', element: <PlanEditorPage /> },
      { path: 'trajecten/:id/krachtplan/versies/:version', element: <PlanVersionPage /> },
      { path: 'trajecten/:id/krachtplan/afdrukken', element: <PrintPlanPage /> },
      { path: 'trajecten/:id/metingen', element: <MeasurementsPage /> },
      { path: 'trajecten/:id/portaal-uitnodiging', element: <InvitePage /> },
      { path: 'organisatie', element: <Navigate to="/organisatie/teams" replace /> },
      { path: 'organisatie/teams', element: <TeamsPage /> },
      { path: 'organisatie/teams/:id', element: <TeamDetailPage /> },
      { path: 'organisatie/buurten', element: <NeighbourhoodsPage /> },
      { path: 'organisatie/organisaties', element: <OrganisationsPage /> },
      { path: 'organisatie/medewerkers', element: <StaffPage /> },
      { path: 'monitor', element: <MonitorPage /> },
      { path: 'monitor/publiek', element: <PublicReportPage /> },
      { path: 'werkbudget', element: <WorkBudgetPage /> },
      { path: 'werkbudget/aanvragen', element: <RequestPage /> },
      { path: 'werkbudget/instellen', element: <SettingsPage /> },
      { path: 'werkbudget/evaluatie', element: <EvaluationPage /> },
      { path: 'begroting', element: <ExecutionBudgetPage /> },
      { path: 'business-case', element: <BusinessCasePage /> },
      { path: 'business-case/prijzen', element: <PriceListPage /> },
      { path: 'sociale-kaart', element: <SocialMapPage /> },
      { path: 'groepen', element: <GroupsPage /> },
      { path: 'groepen/:id', element: <GroupPage /> },
      { path: 'uitleenpool', element: <ItemPoolPage /> },
      { path: 'vrijwilligers', element: <VolunteersPage /> },
      { path: 'vrijwilligers/koppelen', element: <MatchPage /> },
      { path: 'mijn-taken', element: <VolunteerTasksPage /> },
      { path: 'trajecten/:id/wederkerigheid', element: <OffersPage /> },
      { path: 'privacy', element: <Navigate to="/privacy/meldingen" replace /> },
      { path: 'privacy/meldingen', element: <AlertsPage /> },
      { path: 'privacy/logboek', element: <AuditLogPage /> },
      { path: 'privacy/bewaren', element: <RetentionPage /> },
      { path: 'privacy/instellingen', element: <PrivacySettingsPage /> },
      { path: 'account/tweestapsverificatie', element: <SecondFactorPage /> },
      { path: 'beheer/inloggen', element: <SignInSettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
