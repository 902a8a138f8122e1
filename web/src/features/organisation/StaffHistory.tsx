// A staff member's history of teams and hours, as the business case counts it (staff_periods):
// shown to the administrator under the edit form, so that a change dated back can be checked.
import { useTranslation } from 'react-i18next';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, Paragraph } from '../../components/Typography';
import { formatDate, formatHours } from '../../lib/format';
import { useLanguage } from '../../lib/i18n';
import { useStaffPeriods } from './queries';

export function StaffHistory({
  memberId,
  teamNames,
  organisationName,
}: {
  memberId: string;
  /** The staff list's own lookups, so both tables name teams and organisations alike. */
  teamNames: (ids: string[]) => string;
  organisationName: (id: string | null) => string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const periods = useStaffPeriods(memberId);

  return (
    <section aria-labelledby="staff-history-title" className="sk-section">
      <Heading level={3} id="staff-history-title">
        {t('staff.historyTitle')}
      </Heading>
      <Paragraph>{t('staff.historyIntro')}</Paragraph>
      {periods.isError && <Paragraph>{t('staff.historyError')}</Paragraph>}
      {periods.data && (
        <Table caption={t('staff.historyTitle')} captionHidden>
          <TableHeader>
            <TableRow>
              <HeaderCell>{t('staff.historyFrom')}</HeaderCell>
              <HeaderCell>{t('staff.historyTo')}</HeaderCell>
              <HeaderCell numeric>{t('staff.hoursPerWeek')}</HeaderCell>
              <HeaderCell>{t('staff.teams')}</HeaderCell>
              <HeaderCell>{t('staff.organisation')}</HeaderCell>
              <HeaderCell>{t('staff.role')}</HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {periods.data.map((period) => (
              <TableRow key={period.validFrom}>
                <Cell>{formatDate(period.validFrom, language)}</Cell>
                <Cell>
                  {period.validTo ? formatDate(period.validTo, language) : t('staff.historyNow')}
                </Cell>
                <Cell numeric>{formatHours(period.hoursPerWeek, language)}</Cell>
                <Cell>{teamNames(period.teamIds)}</Cell>
                <Cell>{organisationName(period.organisationId)}</Cell>
                <Cell>
                  {t(`roles.${period.role}`)}
                  {!period.active && <span className="sk-muted"> {t('staff.inactive')}</span>}
                </Cell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
