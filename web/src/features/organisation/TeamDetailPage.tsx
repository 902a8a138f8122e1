import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { DataList } from '../../components/DataList';
import { Link } from '../../components/Link';
import { LoadError, Loading } from '../../components/QueryState';
import {
  Cell,
  HeaderCell,
  Table,
  TableBody,
  TableFooter,
  TableHeader,
  TableRow,
} from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { canAdminister, canListStaff } from '../../lib/access';
import { isApiError } from '../../lib/api';
import type { Composition, Neighbourhood, Team } from '../../lib/api-types';
import { compareText, formatFte, formatHours } from '../../lib/format';
import { useLanguage } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { groupByDistrict } from './districts';
import {
  useComposition,
  useNeighbourhoods,
  useOrganisations,
  useStaff,
  useTeam,
  useUpdateTeam,
} from './queries';
import { TeamForm } from './TeamForm';

export function TeamDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const team = useTeam(id);
  useDocumentTitle(team.data ? team.data.name : t('teams.detailTitle'));

  return (
    <>
      <p className="sk-back">
        <Link to="/organisatie/teams">← {t('teams.back')}</Link>
      </p>
      <PageTitle>{team.data?.name ?? t('teams.detailTitle')}</PageTitle>
      {team.isPending && <Loading />}
      {team.isError &&
        (isApiError(team.error, 404) ? (
          <Alert type="warning">
            <Paragraph>{t('teams.notFound')}</Paragraph>
          </Alert>
        ) : (
          <LoadError error={team.error} onRetry={() => void team.refetch()} />
        ))}
      {team.data && <TeamDetails team={team.data} />}
    </>
  );
}

function TeamDetails({ team }: { team: Team }) {
  const { t } = useTranslation();
  const role = useSession().data?.user.role;
  const neighbourhoods = useNeighbourhoods();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);

  return (
    <>
      {saved && !editing && (
        <Alert type="ok">
          <Paragraph>{t('teams.saved')}</Paragraph>
        </Alert>
      )}
      {editing && neighbourhoods.data ? (
        <EditTeam
          team={team}
          neighbourhoods={neighbourhoods.data}
          onDone={() => {
            setEditing(false);
            setSaved(true);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <section aria-labelledby="team-details" className="sk-section">
          <Heading level={2} id="team-details">
            {t('teams.details')}
          </Heading>
          <DataList
            items={[
              { key: 'type', label: t('teams.type'), value: t(`teamTypes.${team.type}`) },
              { key: 'area', label: t('teams.workingArea'), value: team.workingArea || '—' },
              {
                key: 'neighbourhoods',
                label: t('teams.neighbourhoods'),
                value: (
                  <TeamNeighbourhoods codes={team.neighbourhoodCodes} all={neighbourhoods.data} />
                ),
              },
            ]}
          />
          {canAdminister(role) && (
            <Button
              appearance="secondary"
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {t('teams.edit')}
            </Button>
          )}
        </section>
      )}
      <CompositionSection teamId={team.id} />
      {canListStaff(role) && <TeamStaffSection team={team} />}
    </>
  );
}

function TeamNeighbourhoods({ codes, all }: { codes: string[]; all?: Neighbourhood[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (codes.length === 0) return <>{t('teams.noNeighbourhoods')}</>;
  const known = (all ?? []).filter((item) => codes.includes(item.code));
  const unknown = codes.filter((code) => !known.some((item) => item.code === code));
  return (
    <ul className="sk-inline-list">
      {groupByDistrict(known, language).flatMap((district) =>
        district.items.map((item) => (
          <li key={item.code}>
            {item.name} <span className="sk-muted">({item.code})</span>
          </li>
        )),
      )}
      {unknown.map((code) => (
        <li key={code}>{code}</li>
      ))}
    </ul>
  );
}

function EditTeam({
  team,
  neighbourhoods,
  onDone,
  onCancel,
}: {
  team: Team;
  neighbourhoods: Neighbourhood[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateTeam(team.id);
  // The version this edit is based on: a change by someone else in between must give 409.
  const [baseVersion] = useState(team.version);
  const conflict = isApiError(update.error, 409);
  return (
    <section aria-labelledby="edit-team-title" className="sk-section sk-panel">
      <Heading level={2} id="edit-team-title">
        {t('teams.editTitle')}
      </Heading>
      <TeamForm
        formId="edit-team"
        initial={{
          name: team.name,
          type: team.type,
          workingArea: team.workingArea,
          neighbourhoodCodes: team.neighbourhoodCodes,
        }}
        neighbourhoods={neighbourhoods}
        submitLabel={t('teams.save')}
        pending={update.isPending}
        error={update.error}
        conflictMessage={t('teams.conflict')}
        extra={
          conflict && (
            <p>
              <Button onClick={() => window.location.reload()}>{t('teams.reload')}</Button>
            </p>
          )
        }
        onCancel={onCancel}
        onSubmit={(values) =>
          update.mutate({ version: baseVersion, ...values }, { onSuccess: onDone })
        }
      />
    </section>
  );
}

function CompositionSection({ teamId }: { teamId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const composition = useComposition(teamId);
  return (
    <section aria-labelledby="team-composition" className="sk-section">
      <Heading level={2} id="team-composition">
        {t('teams.compositionTitle')}
      </Heading>
      {composition.isPending && <Loading />}
      {composition.isError && (
        <LoadError error={composition.error} onRetry={() => void composition.refetch()} />
      )}
      {composition.data && composition.data.items.length === 0 && (
        <Paragraph>{t('teams.compositionEmpty')}</Paragraph>
      )}
      {composition.data && composition.data.items.length > 0 && (
        <Table caption={t('teams.compositionCaption')} compact>
          <TableHeader>
            <TableRow>
              <HeaderCell>{t('teams.organisation')}</HeaderCell>
              <HeaderCell numeric>{t('teams.staffCount')}</HeaderCell>
              <HeaderCell numeric>{t('teams.hoursPerWeek')}</HeaderCell>
              <HeaderCell numeric>{t('teams.fte')}</HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {[...composition.data.items]
              .sort((a, b) =>
                compareText(a.organisationName ?? '', b.organisationName ?? '', language),
              )
              .map((item) => (
                <TableRow key={item.organisationId ?? 'none'}>
                  <Cell>{item.organisationName ?? t('teams.noOrganisation')}</Cell>
                  <Cell numeric>{item.staffCount}</Cell>
                  <Cell numeric>{formatHours(item.hoursPerWeek, language)}</Cell>
                  <Cell numeric>{formatFte(item.fte, language)}</Cell>
                </TableRow>
              ))}
          </TableBody>
          <TableFooter>
            <TableRow>
              <HeaderCell scope="row">{t('teams.total')}</HeaderCell>
              <Cell numeric>
                <strong>
                  {composition.data.items.reduce((sum, item) => sum + item.staffCount, 0)}
                </strong>
              </Cell>
              <Cell numeric>
                <strong>{formatHours(composition.data.totalHoursPerWeek, language)}</strong>
              </Cell>
              <Cell numeric>
                <strong>{formatFte(composition.data.totalFte, language)}</strong>
              </Cell>
            </TableRow>
          </TableFooter>
        </Table>
      )}
      {composition.data && composition.data.items.length > 0 && (
        <SecondmentMinimum composition={composition.data} />
      )}
    </section>
  );
}

/**
 * How many of the team's seconded workers have fewer hours a week than a secondment's minimum,
 * and, for those who may see it, who: a signal to talk to the partner about, not an error.
 */
function SecondmentMinimum({ composition }: { composition: Composition }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const count = composition.secondedBelowMinimumCount;
  const minimum = composition.minimumSecondmentHoursPerWeek;
  if (count === 0) return <Paragraph>{t('secondment.noneBelowMinimum', { minimum })}</Paragraph>;
  const names = composition.secondedBelowMinimum ?? [];
  return (
    <Alert type="warning">
      <Paragraph>{t('secondment.belowMinimum', { count, minimum })}</Paragraph>
      {names.length > 0 && (
        <ul>
          {names.map((member) => (
            <li key={member.staffId}>
              {t('secondment.memberHours', {
                name: member.name,
                hours: formatHours(member.hoursPerWeek, language),
              })}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

function TeamStaffSection({ team }: { team: Team }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const staff = useStaff(team.id);
  const organisations = useOrganisations();
  // A role that may not see this team's staff gets 403/404: then the section is left out.
  if (staff.isError && (isApiError(staff.error, 403) || isApiError(staff.error, 404))) return null;
  const organisationName = (id: string | null) =>
    organisations.data?.find((organisation) => organisation.id === id)?.name ?? '—';

  return (
    <section aria-labelledby="team-staff" className="sk-section">
      <Heading level={2} id="team-staff">
        {t('teams.staffTitle')}
      </Heading>
      {staff.isPending && <Loading />}
      {staff.isError && <LoadError error={staff.error} onRetry={() => void staff.refetch()} />}
      {staff.data && staff.data.length === 0 && <Paragraph>{t('teams.staffEmpty')}</Paragraph>}
      {staff.data && staff.data.length > 0 && (
        <Table caption={t('teams.staffCaption', { team: team.name })} captionHidden>
          <TableHeader>
            <TableRow>
              <HeaderCell>{t('staff.name')}</HeaderCell>
              <HeaderCell>{t('staff.role')}</HeaderCell>
              <HeaderCell>{t('staff.organisation')}</HeaderCell>
              <HeaderCell numeric>{t('staff.hoursPerWeek')}</HeaderCell>
              <HeaderCell>{t('staff.expertise')}</HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {[...staff.data]
              .sort((a, b) => compareText(a.name, b.name, language))
              .map((member) => (
                <TableRow key={member.id}>
                  <Cell>
                    {member.name}
                    {!member.active && <span className="sk-muted"> {t('staff.inactive')}</span>}
                  </Cell>
                  <Cell>{t(`roles.${member.role}`)}</Cell>
                  <Cell>{organisationName(member.organisationId)}</Cell>
                  <Cell numeric>{formatHours(member.hoursPerWeek, language)}</Cell>
                  <Cell>{member.expertise.join(', ')}</Cell>
                </TableRow>
              ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
