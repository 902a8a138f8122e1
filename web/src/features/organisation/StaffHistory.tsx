// A staff member's history of teams and hours, as the business case counts it (staff_periods):
// shown to the administrator under the edit form, so that a change dated back can be checked, and
// corrected where it is wrong (StaffPeriodCorrection).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, Paragraph } from '../../components/Typography';
import { formatDate, formatHours } from '../../lib/format';
import { useLanguage } from '../../lib/i18n';
import { useStaffPeriods } from './queries';
import { StaffPeriodCorrection } from './StaffPeriodCorrection';

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
  // The stretch being corrected, by its first day; and whether a correction was just saved.
  const [correcting, setCorrecting] = useState<string | null>(null);
  const [corrected, setCorrected] = useState(false);
  const period = periods.data?.find((p) => p.validFrom === correcting);

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
              <HeaderCell>{t('staff.actions')}</HeaderCell>
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
                <Cell>
                  <Button
                    appearance="subtle"
                    aria-label={t('staff.correctLabel', {
                      from: formatDate(period.validFrom, language),
                    })}
                    onClick={() => {
                      setCorrected(false);
                      setCorrecting(period.validFrom);
                    }}
                  >
                    {t('staff.correct')}
                  </Button>
                </Cell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {corrected && (
        <Notice type="ok">
          <Paragraph>{t('staff.corrected')}</Paragraph>
        </Notice>
      )}
      {period && (
        <StaffPeriodCorrection
          key={period.validFrom}
          memberId={memberId}
          period={period}
          onDone={() => {
            setCorrecting(null);
            setCorrected(true);
          }}
          onCancel={() => setCorrecting(null)}
        />
      )}
    </section>
  );
}
