import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { LoadError, Loading, NoAccess } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { PageTitle, Paragraph } from '../../components/Typography';
import { canAdminister, canListStaff } from '../../lib/access';
import { compareText, formatHours } from '../../lib/format';
import { StaffHistory } from './StaffHistory';
import { useLanguage } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useOrganisations, useStaff, useTeams } from './queries';
import { EditStaff, NewStaff } from './StaffForms';

export function StaffPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  useDocumentTitle(t('staff.title'));
  const role = useSession().data?.user.role;
  const allowed = canListStaff(role);
  const isAdmin = canAdminister(role);
  const staff = useStaff(undefined, allowed);
  const teams = useTeams();
  const organisations = useOrganisations(allowed);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [savedName, setSavedName] = useState<string | null>(null);

  const organisationName = (id: string | null) =>
    organisations.data?.find((organisation) => organisation.id === id)?.name ?? '—';
  const teamNames = (ids: string[]) =>
    ids.map((id) => teams.data?.find((team) => team.id === id)?.name ?? id).join(', ') || '—';
  const editing = staff.data?.find((member) => member.id === editingId);

  return (
    <>
      <PageTitle>{t('staff.title')}</PageTitle>
      {!allowed ? (
        <NoAccess />
      ) : (
        <>
          <Paragraph lead>{isAdmin ? t('staff.intro') : t('staff.introOwnTeam')}</Paragraph>
          {staff.isPending && <Loading />}
          {staff.isError && <LoadError error={staff.error} onRetry={() => void staff.refetch()} />}
          {savedName && !editing && (
            <Alert type="ok">
              <Paragraph>{t('staff.saved', { name: savedName })}</Paragraph>
            </Alert>
          )}
          {staff.data?.length === 0 && <Paragraph>{t('staff.empty')}</Paragraph>}
          {staff.data && staff.data.length > 0 && (
            <Table caption={t('staff.caption')} captionHidden>
              <TableHeader>
                <TableRow>
                  <HeaderCell>{t('staff.name')}</HeaderCell>
                  <HeaderCell>{t('staff.organisation')}</HeaderCell>
                  <HeaderCell>{t('staff.teams')}</HeaderCell>
                  <HeaderCell>{t('staff.role')}</HeaderCell>
                  <HeaderCell numeric>{t('staff.hoursPerWeek')}</HeaderCell>
                  <HeaderCell>{t('staff.expertise')}</HeaderCell>
                  {isAdmin && <HeaderCell>{t('staff.actions')}</HeaderCell>}
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
                      <Cell>{organisationName(member.organisationId)}</Cell>
                      <Cell>{teamNames(member.teamIds)}</Cell>
                      <Cell>{t(`roles.${member.role}`)}</Cell>
                      <Cell numeric>{formatHours(member.hoursPerWeek, language)}</Cell>
                      <Cell>{member.expertise.join(', ')}</Cell>
                      {isAdmin && (
                        <Cell>
                          <Button
                            appearance="subtle"
                            aria-label={t('staff.changeLabel', { name: member.name })}
                            onClick={() => {
                              setSavedName(null);
                              setEditingId(member.id);
                            }}
                          >
                            {t('staff.change')}
                          </Button>
                        </Cell>
                      )}
                    </TableRow>
                  ))}
              </TableBody>
            </Table>
          )}
          {isAdmin && editing && teams.data && (
            <EditStaff
              key={editing.id}
              member={editing}
              teams={teams.data}
              onDone={(name) => {
                setEditingId(null);
                setSavedName(name);
              }}
              onCancel={() => setEditingId(null)}
            />
          )}
          {isAdmin && editing && (
            <StaffHistory
              key={`history-${editing.id}`}
              memberId={editing.id}
              teamNames={teamNames}
              organisationName={organisationName}
            />
          )}
          {isAdmin && teams.data && organisations.data && (
            <NewStaff teams={teams.data} organisations={organisations.data} />
          )}
        </>
      )}
    </>
  );
}
