import './entry-point.css';
import { TableCell } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Notice } from '../../components/Alert';
import { BreakGlass, GlassBanner } from '../../components/BreakGlass';
import { Button } from '../../components/Button';
import { InzageLink } from '../../components/InzageLink';
import { DataList } from '../../components/DataList';
import { Link } from '../../components/Link';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { canWorkCases } from '../../lib/access';
import { isApiError } from '../../lib/api';
import type { Household } from '../../lib/api-types';
import { formatDate } from '../../lib/format';
import { useLanguage } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { formatAddress, fullName } from './format';
import { HouseholdAddressForm } from './HouseholdAddressForm';
import type { HouseholdEditing } from './HouseholdEditing';
import { AddMemberForm, correctFormId, CorrectMemberForm } from './MemberForm';
import { useHousehold } from './queries';

/** Where a change was made: its confirmation is shown there. */
type Section = 'details' | 'members';

const ADDRESS_KEY = 'address';
const ADD_MEMBER_KEY = 'add-member';
const correctKey = (memberId: string) => `correct-${memberId}`;
/** The id of the button that opens a form: the focus returns there when it is cancelled. */
const openerId = (key: string) => `household-open-${key}`;

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
  // Changing the household is for the team's caseworkers, as the API allows.
  const canEdit = ownTeam && canWorkCases(session.data?.user.role);
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  // The versions this page's own changes went from and to (one version for the household and its
  // members): another form still open started before them, but the worker sees those changes here.
  const [ownSaves, setOwnSaves] = useState<Readonly<Record<number, number>>>({});
  const [notice, setNotice] = useState<{
    key: number;
    section: Section;
    text: string;
    warning?: string;
  } | null>(null);

  const without = (key: string) => (current: ReadonlySet<string>) => {
    const next = new Set(current);
    next.delete(key);
    return next;
  };
  const toggle = (key: string) =>
    setOpen((current) => (current.has(key) ? without(key)(current) : new Set(current).add(key)));
  const cancel = (key: string) => {
    setOpen(without(key));
    // Back where the worker opened the form (the button stays on the page).
    document.getElementById(openerId(key))?.focus();
  };
  const editingFor = (key: string, section: Section): HouseholdEditing => ({
    household,
    versionFrom: (start) => {
      let version = start;
      for (let next = ownSaves[version]; next !== undefined; next = ownSaves[version]) {
        version = next;
      }
      return version;
    },
    saved: (sent, changed, text, warning) => {
      setOwnSaves((current) => ({ ...current, [sent]: changed.version }));
      setOpen(without(key));
      setNotice((current) => ({ key: (current?.key ?? 0) + 1, section, text, warning }));
    },
  });
  const opener = (key: string, label: string, describedBy?: string) => (
    <Button
      id={openerId(key)}
      appearance="secondary"
      aria-expanded={open.has(key)}
      aria-controls={open.has(key) ? `household-form-${key}` : undefined}
      aria-describedby={describedBy}
      onClick={() => toggle(key)}
    >
      {label}
    </Button>
  );
  // The confirmation of the last change takes the focus (a new key: a new notice).
  const noticeIn = (section: Section) =>
    notice?.section === section && (
      <Notice key={notice.key} type={notice.warning ? 'warning' : 'ok'}>
        <Paragraph>{notice.text}</Paragraph>
        {notice.warning && <Paragraph>{notice.warning}</Paragraph>}
      </Notice>
    );
  const columns = 3 + (ownTeam ? 1 : 0) + (canEdit ? 1 : 0);

  return (
    <>
      <section aria-labelledby="household-details" className="sk-section">
        <Heading level={2} id="household-details">
          {t('entry.household.details')}
        </Heading>
        {noticeIn('details')}
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
        {canEdit && (
          <div className="sk-household-change">
            {opener(ADDRESS_KEY, t('entry.householdChanges.changeAddress'))}
            {open.has(ADDRESS_KEY) && (
              <div id={`household-form-${ADDRESS_KEY}`} className="sk-household-change__panel">
                <HouseholdAddressForm
                  editing={editingFor(ADDRESS_KEY, 'details')}
                  onClose={() => cancel(ADDRESS_KEY)}
                />
              </div>
            )}
          </div>
        )}
      </section>
      <section aria-labelledby="household-members" className="sk-section">
        <Heading level={2} id="household-members">
          {t('entry.household.membersTitle')}
        </Heading>
        {noticeIn('members')}
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
                {canEdit && <HeaderCell>{t('entry.householdChanges.changeColumn')}</HeaderCell>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {household.members.flatMap((member) => {
                const key = correctKey(member.id);
                const row = (
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
                    {canEdit && (
                      <Cell>
                        {opener(key, t('entry.householdChanges.correct'), `member-${member.id}`)}
                      </Cell>
                    )}
                  </TableRow>
                );
                if (!canEdit || !open.has(key)) return [row];
                // The form opens in a row of its own under the member, over the whole width.
                return [
                  row,
                  <TableRow key={correctFormId(member)}>
                    <TableCell colSpan={columns} id={`household-form-${key}`}>
                      <CorrectMemberForm
                        editing={editingFor(key, 'members')}
                        member={member}
                        onClose={() => cancel(key)}
                      />
                    </TableCell>
                  </TableRow>,
                ];
              })}
            </TableBody>
          </Table>
        )}
        {canEdit && (
          <div className="sk-household-change">
            {opener(ADD_MEMBER_KEY, t('entry.householdChanges.addMember'))}
            {open.has(ADD_MEMBER_KEY) && (
              <div id={`household-form-${ADD_MEMBER_KEY}`} className="sk-household-change__panel">
                <AddMemberForm
                  editing={editingFor(ADD_MEMBER_KEY, 'members')}
                  onClose={() => cancel(ADD_MEMBER_KEY)}
                />
              </div>
            )}
          </div>
        )}
      </section>
    </>
  );
}
