import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Link } from '../../components/Link';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { canAdminister } from '../../lib/access';
import { compareText } from '../../lib/format';
import { useLanguage } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useCreateTeam, useNeighbourhoods, useTeams } from './queries';
import { TeamForm } from './TeamForm';

export function TeamsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  useDocumentTitle(t('teams.title'));
  const role = useSession().data?.user.role;
  const teams = useTeams();
  const isAdmin = canAdminister(role);

  return (
    <>
      <PageTitle>{t('teams.title')}</PageTitle>
      <Paragraph lead>{t('teams.intro')}</Paragraph>
      {teams.isPending && <Loading />}
      {teams.isError && <LoadError error={teams.error} onRetry={() => void teams.refetch()} />}
      {teams.data?.length === 0 && <Paragraph>{t('teams.empty')}</Paragraph>}
      {teams.data && teams.data.length > 0 && (
        <Table caption={t('teams.caption')} captionHidden>
          <TableHeader>
            <TableRow>
              <HeaderCell>{t('teams.name')}</HeaderCell>
              <HeaderCell>{t('teams.type')}</HeaderCell>
              <HeaderCell>{t('teams.workingArea')}</HeaderCell>
              <HeaderCell numeric>{t('teams.neighbourhoodCount')}</HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {[...teams.data]
              .sort((a, b) => compareText(a.name, b.name, language))
              .map((team) => (
                <TableRow key={team.id}>
                  <Cell>
                    <Link to={`/organisatie/teams/${team.id}`}>{team.name}</Link>
                  </Cell>
                  <Cell>{t(`teamTypes.${team.type}`)}</Cell>
                  <Cell>{team.workingArea}</Cell>
                  <Cell numeric>{team.neighbourhoodCodes.length}</Cell>
                </TableRow>
              ))}
          </TableBody>
        </Table>
      )}
      {isAdmin && <NewTeam />}
    </>
  );
}

function NewTeam() {
  const { t } = useTranslation();
  const neighbourhoods = useNeighbourhoods();
  const create = useCreateTeam();
  const [created, setCreated] = useState<{ name: string; count: number } | null>(null);

  return (
    <section aria-labelledby="new-team-title" className="sk-section sk-panel">
      <Heading level={2} id="new-team-title">
        {t('teams.newTitle')}
      </Heading>
      {created && (
        <Alert type="ok">
          <Paragraph>{t('teams.created', { name: created.name })}</Paragraph>
        </Alert>
      )}
      {neighbourhoods.isPending && <Loading />}
      {neighbourhoods.isError && <LoadError error={neighbourhoods.error} />}
      {neighbourhoods.data && (
        <TeamForm
          // A fresh form after each team that was created.
          key={created?.count ?? 0}
          formId="new-team"
          neighbourhoods={neighbourhoods.data}
          submitLabel={t('teams.create')}
          pending={create.isPending}
          error={create.error}
          onSubmit={(values) =>
            create.mutate(values, {
              onSuccess: (team) =>
                setCreated((current) => ({ name: team.name, count: (current?.count ?? 0) + 1 })),
            })
          }
        />
      )}
    </section>
  );
}
