import './trajectories.css';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { RadioGroup, SelectField } from '../../components/FormFields';
import { Link } from '../../components/Link';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { formatAddress } from '../../lib/address';
import type { Trajectory, TrajectoryStatus } from '../../lib/api-types';
import { TRAJECTORY_STATUSES } from '../../lib/api-types';
import { compareText, formatDate, formatDateTime } from '../../lib/format';
import { useLanguage } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { householdName } from './format';
import { useTrajectories } from './queries';
import { LoadMore } from '../../components/LoadMore';

type StatusFilter = 'active' | 'all' | TrajectoryStatus;

/** "Mijn trajecten": the coordinator's list with what is due; the team lead can see the team. */
export function TrajectoriesPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useSession().data?.user;
  const [params, setParams] = useSearchParams();
  const isLead = user?.role === 'team_lead';
  const team = isLead && params.get('weergave') === 'team';
  const status = (params.get('status') ?? 'active') as StatusFilter;
  const coordinator = team ? (params.get('regisseur') ?? '') : '';
  const serverStatus = status === 'all' ? undefined : status;
  // The server filters too, so that years of closed trajectories are not sent for the default
  // view; the filter below still applies the same rule to what came back. The list comes a page
  // at a time (newest opened first), so the coordinator chosen in the team view is asked of the
  // server as well: filtering only what was loaded would hide that coordinator's older ones.
  const trajectories = useTrajectories(
    team ? coordinator || undefined : user?.id,
    Boolean(user),
    serverStatus,
  );
  // The whole team's list, for the caseload and the choice of coordinator: the same query as
  // the one above (so no second request) until a coordinator is chosen.
  const teamList = useTrajectories(undefined, Boolean(user) && team, serverStatus);
  useDocumentTitle(t('traj.list.title'));

  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null || value === '') next.delete(name);
    else next.set(name, value);
    if (name === 'weergave') next.delete('regisseur');
    setParams(next, { replace: true });
  };

  const all = trajectories.data?.pages.flatMap((page) => page.items) ?? [];
  const teamLoaded = teamList.data?.pages.flatMap((page) => page.items) ?? [];
  const shown = all
    .filter((item) =>
      status === 'all'
        ? true
        : status === 'active'
          ? item.status !== 'closed'
          : item.status === status,
    )
    .filter((item) => !coordinator || item.coordinatorId === coordinator)
    .sort(
      (a, b) =>
        b.due.length - a.due.length ||
        compareText(a.household.members ?? '', b.household.members ?? '', language),
    );
  // Those on the team's loaded pages, and the one chosen (who may not be among them yet).
  const coordinators = [
    ...new Map(
      [...teamLoaded, ...all].map((item) => [item.coordinatorId, item.coordinatorName]),
    ).entries(),
  ].sort((a, b) => compareText(a[1], b[1], language));

  return (
    <>
      <PageTitle>{t('traj.list.title')}</PageTitle>
      <Paragraph lead>{team ? t('traj.list.introTeam') : t('traj.list.intro')}</Paragraph>
      <div className="sk-traj-filters">
        {isLead && (
          <RadioGroup
            id="trajectory-scope"
            legend={t('traj.list.scope')}
            inline
            value={team ? 'team' : 'mine'}
            onChange={(value) => setParam('weergave', value === 'team' ? 'team' : null)}
            options={[
              { value: 'mine', label: t('traj.list.scopeMine') },
              { value: 'team', label: t('traj.list.scopeTeam') },
            ]}
          />
        )}
        <div className="sk-field-row">
          <SelectField
            id="trajectory-status"
            label={t('traj.list.statusFilter')}
            value={status}
            onChange={(value) => setParam('status', value === 'active' ? null : value)}
            options={[
              { value: 'active', label: t('traj.list.statusActive') },
              ...TRAJECTORY_STATUSES.map((value) => ({
                value,
                label: t(`trajectoryStatuses.${value}`),
              })),
              { value: 'all', label: t('traj.list.statusAll') },
            ]}
          />
          {team && (
            <SelectField
              id="trajectory-coordinator"
              label={t('traj.list.coordinatorFilter')}
              value={coordinator}
              onChange={(value) => setParam('regisseur', value)}
              options={[
                { value: '', label: t('traj.list.allCoordinators') },
                ...coordinators.map(([value, label]) => ({ value, label })),
              ]}
            />
          )}
        </div>
      </div>

      {trajectories.isPending && <Loading />}
      {trajectories.isError && (
        <LoadError error={trajectories.error} onRetry={() => void trajectories.refetch()} />
      )}
      {trajectories.data && (
        <>
          {team && teamList.data && (
            <Caseload trajectories={teamLoaded} partial={teamList.hasNextPage} />
          )}
          <section aria-labelledby="trajectory-list" className="sk-section">
            <Heading level={2} id="trajectory-list">
              {team ? t('traj.list.titleTeam') : t('traj.list.title')}{' '}
              <span className="sk-heading-note sk-muted">
                ({t('traj.list.count', { count: shown.length })})
              </span>
            </Heading>
            {shown.length === 0 ? (
              <Paragraph>{t('traj.list.empty')}</Paragraph>
            ) : (
              <Table caption={t('traj.list.caption')} captionHidden>
                <TableHeader>
                  <TableRow>
                    <HeaderCell>{t('traj.list.household')}</HeaderCell>
                    {team && <HeaderCell>{t('traj.list.coordinator')}</HeaderCell>}
                    <HeaderCell>{t('traj.list.status')}</HeaderCell>
                    <HeaderCell>{t('traj.list.scaleLevel')}</HeaderCell>
                    <HeaderCell>{t('traj.list.due')}</HeaderCell>
                    <HeaderCell>{t('traj.list.lastContact')}</HeaderCell>
                    <HeaderCell>{t('traj.list.nextAction')}</HeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {shown.map((item) => (
                    <TrajectoryRow key={item.id} trajectory={item} showCoordinator={team} />
                  ))}
                </TableBody>
              </Table>
            )}
            {all.length > 0 && (
              <LoadMore
                id="trajectories-loaded"
                textKey="trajectoriesPaging"
                className="sk-section"
                hintClassName="sk-traj-hint"
                loaded={all.length}
                hasMore={trajectories.hasNextPage}
                busy={trajectories.isFetchingNextPage}
                onMore={() => trajectories.fetchNextPage()}
              />
            )}
          </section>
        </>
      )}
    </>
  );
}

function TrajectoryRow({
  trajectory,
  showCoordinator,
}: {
  trajectory: Trajectory;
  showCoordinator: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const address = formatAddress(trajectory.household.address);
  return (
    <TableRow>
      <Cell>
        <Link to={`/trajecten/${trajectory.id}`}>{householdName(trajectory, t)}</Link>
        {(address || trajectory.household.neighbourhoodName) && (
          <span className="sk-traj-note">
            {[address, trajectory.household.neighbourhoodName].filter(Boolean).join(' · ')}
          </span>
        )}
      </Cell>
      {showCoordinator && <Cell>{trajectory.coordinatorName}</Cell>}
      <Cell>{t(`trajectoryStatuses.${trajectory.status}`)}</Cell>
      <Cell>{t(`scaleLevels.${trajectory.scaleLevel}`)}</Cell>
      <Cell>
        {trajectory.due.length === 0 ? (
          <span className="sk-muted">{t('traj.list.nothingDue')}</span>
        ) : (
          <ul className="sk-traj-due">
            {trajectory.due.map((flag) => (
              <li key={flag}>
                {flag === 'overdue_actions'
                  ? t('dueFlags.overdue_actions', { count: trajectory.overdueActions })
                  : t(`dueFlags.${flag}`)}
              </li>
            ))}
          </ul>
        )}
      </Cell>
      <Cell>
        {trajectory.lastContactAt ? (
          formatDateTime(trajectory.lastContactAt, language)
        ) : (
          <span className="sk-muted">{t('traj.list.noContact')}</span>
        )}
      </Cell>
      <Cell>{trajectory.nextActionDue ? formatDate(trajectory.nextActionDue, language) : '—'}</Cell>
    </TableRow>
  );
}

/**
 * The team lead's view of the caseload: open trajectories per coordinator. It counts the pages
 * loaded so far, and says so while more follow (`partial`).
 */
function Caseload({ trajectories, partial }: { trajectories: Trajectory[]; partial: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const rows = new Map<string, { name: string; open: number; aftercare: number; due: number }>();
  for (const item of trajectories) {
    const row = rows.get(item.coordinatorId) ?? {
      name: item.coordinatorName,
      open: 0,
      aftercare: 0,
      due: 0,
    };
    if (item.status === 'open' || item.status === 'follow_up') row.open += 1;
    if (item.status === 'aftercare') row.aftercare += 1;
    if (item.status !== 'closed' && item.due.length > 0) row.due += 1;
    rows.set(item.coordinatorId, row);
  }
  const sorted = [...rows.values()].sort((a, b) => compareText(a.name, b.name, language));
  return (
    <section aria-labelledby="trajectory-caseload" className="sk-section">
      <Heading level={2} id="trajectory-caseload">
        {t('traj.list.caseloadTitle')}
      </Heading>
      {partial && (
        <p className="sk-traj-hint">
          {t('trajectoriesPaging.caseloadPartial', { count: trajectories.length })}
        </p>
      )}
      <Table caption={t('traj.list.caseloadCaption')} captionHidden compact>
        <TableHeader>
          <TableRow>
            <HeaderCell>{t('traj.list.coordinator')}</HeaderCell>
            <HeaderCell numeric>{t('traj.list.open')}</HeaderCell>
            <HeaderCell numeric>{t('traj.list.aftercare')}</HeaderCell>
            <HeaderCell numeric>{t('traj.list.withDue')}</HeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {sorted.map((row) => (
            <TableRow key={row.name}>
              <HeaderCell scope="row">{row.name}</HeaderCell>
              <Cell numeric>{row.open}</Cell>
              <Cell numeric>{row.aftercare}</Cell>
              <Cell numeric>{row.due}</Cell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
