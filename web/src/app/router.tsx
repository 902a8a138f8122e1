import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { Loading, LoadError } from '../components/QueryState';
import { LoginPage } from '../features/auth/LoginPage';
import { NeighbourhoodsPage } from '../features/organisation/NeighbourhoodsPage';
import { OrganisationsPage } from '../features/organisation/OrganisationsPage';
import { StaffPage } from '../features/organisation/StaffPage';
import { TeamDetailPage } from '../features/organisation/TeamDetailPage';
import { TeamsPage } from '../features/organisation/TeamsPage';
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
  return <Layout user={session.data.user} />;
}

export const router = createBrowserRouter([
  {
    path: '/inloggen',
    element: <PublicLayout />,
    children: [{ index: true, element: <LoginPage /> }],
  },
  {
    path: '/',
    element: <RequireSession />,
    children: [
      { index: true, element: <Navigate to="/organisatie/teams" replace /> },
      { path: 'organisatie', element: <Navigate to="/organisatie/teams" replace /> },
      { path: 'organisatie/teams', element: <TeamsPage /> },
      { path: 'organisatie/teams/:id', element: <TeamDetailPage /> },
      { path: 'organisatie/buurten', element: <NeighbourhoodsPage /> },
      { path: 'organisatie/organisaties', element: <OrganisationsPage /> },
      { path: 'organisatie/medewerkers', element: <StaffPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
