import './entry-point.css';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { BreakGlass, GlassBanner } from '../../components/BreakGlass';
import { InzageLink } from '../../components/InzageLink';
import { DataList } from '../../components/DataList';
import { Link } from '../../components/Link';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { isApiError } from '../../lib/api';
import type { Household } from '../../lib/api-types';
import { formatDate } from '../../lib/format';
import { useLanguage } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { formatAddress, fullName } from './format';
import { useHousehold } from './queries';

export function HouseholdPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const household = useHousehold(id);
  const families = [...new Set(household.data?.members.map((member) => member.familyName) ?? [])];
  const title =
    families.length > 0
      ? t('entry.household.titleWithName', { name: families.join(' / ') })
      : t('entry.household.title');
  useDocumentTitle(title);

  return (
    <>
      <p className="sk-back">
        <Link to="/huishoudens">← {t('entry.household.back')}</Link>
      </p>
      <PageTitle>{title}</PageTitle>
      {household.isPending && <Loading />}
      {household.isError &&
        (isApiError(household.error, 404) ? (
          <BreakGlass target={{ householdId: id }} />
        ) : (
          <LoadError error={household.error} onRetry={() => void household.refetch()} />
        ))}
      {household.data && (
        <>
          <GlassBanner householdId={household.data.id} teamId={household.data.teamId} />
          <HouseholdDetails household={household.data} />
        </>
      )}
    </>
  );
}

function HouseholdDetails({ household }: { household: Household }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const session = useSession();
  // The readable export is for the household's own team (not for a break-the-glass reader).
  const ownTeam = session.data?.user.teamIds.includes(household.teamId) ?? false;
  return (
    <>
      <section aria-labelledby="household-details" className="sk-section">
        <Heading level={2} id="household-details">
          {t('entry.household.details')}
        </Heading>
        <DataList
          items={[
            {
              key: 'address',
              label: t('entry.household.address'),
              value: formatAddress(household.address) ?? t('entry.noAddress'),
            },
            {
              key: 'neighbourhood',
              label: t('entry.household.neighbourhood'),
              value: household.neighbourhoodName ?? household.neighbourhoodCode ?? '—',
            },
            {
              key: 'trajectory',
              label: t('entry.household.trajectory'),
              value: household.openTrajectoryId ? (
                <span>
                  {t('entry.household.trajectoryOpen')}{' '}
                  <Link to={`/trajecten/${household.openTrajectoryId}`}>
                    {t('entry.household.toTrajectory')}
                  </Link>
                </span>
              ) : (
                t('entry.household.noTrajectory')
              ),
            },
          ]}
        />
      </section>
      <section aria-labelledby="household-members" className="sk-section">
        <Heading level={2} id="household-members">
          {t('entry.household.membersTitle')}
        </Heading>
        {household.members.length === 0 ? (
          <Paragraph>{t('entry.household.noMembers')}</Paragraph>
        ) : (
          <Table caption={t('entry.household.membersCaption')} captionHidden compact>
            <TableHeader>
              <TableRow>
                <HeaderCell>{t('entry.household.name')}</HeaderCell>
                <HeaderCell>{t('entry.household.birthDate')}</HeaderCell>
                <HeaderCell>{t('entry.household.bsn')}</HeaderCell>
                {ownTeam && <HeaderCell>{t('inzage.column')}</HeaderCell>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {household.members.map((member) => (
                <TableRow key={member.id}>
                  <Cell>
                    <span id={`member-${member.id}`}>{fullName(member)}</span>
                  </Cell>
                  <Cell>{member.birthDate ? formatDate(member.birthDate, language) : '—'}</Cell>
                  <Cell>
                    {member.bsnKnown
                      ? member.bsnMasked
                        ? t('entry.household.bsnKnown', { masked: member.bsnMasked })
                        : t('entry.household.bsnKnownNoMask')
                      : t('entry.household.bsnUnknown')}
                  </Cell>
                  {ownTeam && (
                    <Cell>
                      <InzageLink residentId={member.id} describedBy={`member-${member.id}`} />
                    </Cell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
    </>
  );
}
