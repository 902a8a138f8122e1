// Known residents who may be the person being recorded: looked up on request, and the worker's
// choice (link to the known person or household, or confirm a new person). Used where a resident
// is recorded: a new registration, and later on a registration made without one.
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, Paragraph } from '../../components/Typography';
import { ApiError } from '../../lib/api';
import type { MatchRequest, RegistrationCreate, ResidentMatch } from '../../lib/api-types';
import { formatDate } from '../../lib/format';
import { useLanguage } from '../../lib/i18n';
import { fieldOf } from '../../lib/problem';
import { formatAddress, fullName } from './format';
import type { ResidentValues } from './ResidentFields';
import { toResidentInput } from './ResidentFields';

/** The worker's choice after looking at the matches. */
export type Decision = { kind: 'link'; match: ResidentMatch } | { kind: 'new' } | null;

/** A match on BSN or on name and birth date is the same person; on address only, a housemate. */
export const isSamePerson = (match: ResidentMatch) =>
  match.residentId !== null &&
  (match.matchedOn.includes('bsn') || match.matchedOn.includes('name_birth_date'));

/** The match endpoint names fields without "resident."; show them at the resident's inputs. */
export function asResidentError(error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.problem.invalidParams) return error;
  return new ApiError(error.status, {
    ...error.problem,
    invalidParams: error.problem.invalidParams.map((param) => {
      const field = fieldOf(param.name);
      return field === 'teamId' ? param : { ...param, name: `resident.${field}` };
    }),
  });
}

/** What to look for; null when too little is filled in to match on. */
export function matchRequestFor(teamId: string, values: ResidentValues): MatchRequest | null {
  const person = toResidentInput(values);
  const request: MatchRequest = { teamId };
  if (person?.givenName) request.givenName = person.givenName;
  if (person?.familyName) request.familyName = person.familyName;
  if (person?.birthDate) request.birthDate = person.birthDate;
  if (person?.bsn) request.bsn = person.bsn;
  if (person?.address) request.address = person.address;
  const enough =
    Boolean(request.bsn) ||
    Boolean(request.address) ||
    Boolean(request.givenName && request.familyName && request.birthDate);
  return enough ? request : null;
}

/**
 * The resident part of a registration as the API takes it (new, or recorded later), after the
 * worker's choice. A housemate is a new member of that household (confirmedNew). The same person
 * goes with the details that matched, without confirmedNew: the server links the known resident
 * (by BSN, or name and birth date), so the registration names them.
 */
export function residentPartOf(
  values: ResidentValues,
  decision: Decision,
): Pick<RegistrationCreate, 'householdId' | 'resident' | 'confirmedNew'> {
  const person = toResidentInput(values);
  if (decision?.kind === 'link') {
    const householdId = decision.match.householdId;
    if (!person) return { householdId };
    return isSamePerson(decision.match)
      ? { householdId, resident: person }
      : { householdId, resident: person, confirmedNew: true };
  }
  if (!person) return {};
  return decision?.kind === 'new' ? { resident: person, confirmedNew: true } : { resident: person };
}

export function ResidentMatches({
  formId,
  values,
  matches,
  decision,
  onDecide,
  onLookUp,
  busy,
  disabled,
  needsData,
  headingLevel = 2,
}: {
  formId: string;
  /** the resident as filled in, for the name of a new housemate */
  values: ResidentValues;
  /** the matches of the last look-up; undefined before one */
  matches: ResidentMatch[] | undefined;
  decision: Decision;
  onDecide: (decision: Decision) => void;
  onLookUp: () => void;
  busy: boolean;
  disabled: boolean;
  /** the last look-up had too little to match on */
  needsData: boolean;
  /** 3 inside a section of its own */
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const personLabel = (match: ResidentMatch) =>
    fullName(match) || formatAddress(match.address) || t('entry.noAddress');

  return (
    <section aria-labelledby={`${formId}-matches-title`} className="sk-group sk-matches">
      <Heading level={headingLevel} id={`${formId}-matches-title`} className="sk-group__title">
        {t('entry.newRegistration.matchesTitle')}
      </Heading>
      <Button appearance="secondary" busy={busy} disabled={disabled} onClick={onLookUp}>
        {t('entry.newRegistration.findMatches')}
      </Button>
      {needsData && (
        <Alert type="info">
          <Paragraph>{t('entry.newRegistration.matchNeedsData')}</Paragraph>
        </Alert>
      )}
      {matches && matches.length === 0 && (
        <Alert type="info">
          <Paragraph>{t('entry.newRegistration.matchesNone')}</Paragraph>
        </Alert>
      )}
      {matches && matches.length > 0 && !decision && (
        <Table caption={t('entry.newRegistration.matchesCaption')}>
          <TableHeader>
            <TableRow>
              <HeaderCell>{t('entry.newRegistration.name')}</HeaderCell>
              <HeaderCell>{t('entry.newRegistration.birthDate')}</HeaderCell>
              <HeaderCell>{t('entry.newRegistration.addressLegend')}</HeaderCell>
              <HeaderCell>{t('entry.newRegistration.matchedOn')}</HeaderCell>
              <HeaderCell>
                <span className="sk-visually-hidden">{t('entry.outreach.actions')}</span>
              </HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {matches.map((match) => (
              <TableRow key={`${match.householdId}-${match.residentId ?? ''}`}>
                <Cell>{fullName(match) || t('entry.newRegistration.noMembers')}</Cell>
                <Cell>{match.birthDate ? formatDate(match.birthDate, language) : '—'}</Cell>
                <Cell>{formatAddress(match.address) ?? t('entry.noAddress')}</Cell>
                <Cell>
                  {match.matchedOn
                    .map((on) => t(`entry.newRegistration.matchedOnValues.${on}`))
                    .join(', ')}
                </Cell>
                <Cell>
                  <Button
                    appearance="secondary"
                    aria-label={t('entry.newRegistration.linkLabel', {
                      name: personLabel(match),
                    })}
                    onClick={() => onDecide({ kind: 'link', match })}
                  >
                    {t('entry.newRegistration.link')}
                  </Button>
                </Cell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {matches && matches.length > 0 && !decision && (
        <Button appearance="secondary" onClick={() => onDecide({ kind: 'new' })}>
          {t('entry.newRegistration.isNew')}
        </Button>
      )}
      {decision && (
        <Alert type="ok">
          <Paragraph>
            {decision.kind === 'new'
              ? t('entry.newRegistration.confirmedNew')
              : isSamePerson(decision.match)
                ? t('entry.newRegistration.linkedPerson', {
                    name: fullName(decision.match),
                    address: formatAddress(decision.match.address) ?? t('entry.noAddress'),
                  })
                : t('entry.newRegistration.linkedHousehold', {
                    name:
                      [values.givenName, values.familyName]
                        .filter((part) => part.trim())
                        .join(' ') || t('entry.anonymous'),
                    address: formatAddress(decision.match.address) ?? t('entry.noAddress'),
                  })}
          </Paragraph>
          <Button appearance="subtle" onClick={() => onDecide(null)}>
            {t('entry.newRegistration.undo')}
          </Button>
        </Alert>
      )}
    </section>
  );
}
