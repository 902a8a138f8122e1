import './entry-point.css';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Alert } from '../../components/Alert';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import {
  CheckboxField,
  CheckboxGroup,
  fieldId,
  Form,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from '../../components/FormFields';
import { LoadError, Loading } from '../../components/QueryState';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { ApiError } from '../../lib/api';
import type {
  ContactKind,
  LifeDomain,
  MatchRequest,
  RegistrationCreate,
  RegistrationSource,
  ResidentMatch,
} from '../../lib/api-types';
import { CONTACT_KINDS, LIFE_DOMAINS, REGISTRATION_SOURCES } from '../../lib/api-types';
import { amsterdamInputToIso, toAmsterdamInput } from '../../lib/datetime';
import { compareText, formatDate } from '../../lib/format';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import { fieldOf } from '../../lib/problem';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { formatAddress, fullName } from './format';
import { useCreateRegistration, useFindMatches, useNeighbourhoods, useTeams } from './queries';
import type { ResidentValues } from './ResidentFields';
import {
  checkResident,
  EMPTY_RESIDENT,
  hasAddress,
  hasPerson,
  residentLabels,
  ResidentFields,
  toResidentInput,
} from './ResidentFields';

const FORM_ID = 'new-registration';

/** The worker's choice after looking at the matches. */
type Decision = { kind: 'link'; match: ResidentMatch } | { kind: 'new' } | null;

/** A match on BSN or on name and birth date is the same person; on address only, a housemate. */
const isSamePerson = (match: ResidentMatch) =>
  match.residentId !== null &&
  (match.matchedOn.includes('bsn') || match.matchedOn.includes('name_birth_date'));

/** The match endpoint names fields without "resident."; show them at the resident's inputs. */
function asResidentError(error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.problem.invalidParams) return error;
  return new ApiError(error.status, {
    ...error.problem,
    invalidParams: error.problem.invalidParams.map((param) => {
      const field = fieldOf(param.name);
      return field === 'teamId' ? param : { ...param, name: `resident.${field}` };
    }),
  });
}

export function NewRegistrationPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('entry.newRegistration.title'));
  const user = useSession().data?.user;
  const teams = useTeams();
  const neighbourhoods = useNeighbourhoods();

  return (
    <>
      <PageTitle>{t('entry.newRegistration.title')}</PageTitle>
      <Paragraph lead>{t('entry.newRegistration.intro')}</Paragraph>
      {teams.isPending && <Loading />}
      {teams.isError && <LoadError error={teams.error} onRetry={() => void teams.refetch()} />}
      {teams.data && user && (
        <RegistrationForm
          teams={teams.data.filter((team) => user.teamIds.includes(team.id))}
          neighbourhoods={neighbourhoods.data ?? []}
        />
      )}
    </>
  );
}

function RegistrationForm({
  teams,
  neighbourhoods,
}: {
  teams: { id: string; name: string; neighbourhoodCodes: string[] }[];
  neighbourhoods: { code: string; name: string }[];
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const create = useCreateRegistration();
  const findMatches = useFindMatches();

  const [teamId, setTeamId] = useState(teams[0]?.id ?? '');
  const [source, setSource] = useState<RegistrationSource>('self');
  const [receivedAt, setReceivedAt] = useState(() => toAmsterdamInput());
  const [question, setQuestion] = useState('');
  const [lifeDomains, setLifeDomains] = useState<LifeDomain[]>([]);
  const [adviceOnly, setAdviceOnly] = useState(false);
  const [contactKind, setContactKind] = useState<ContactKind>('phone');
  const [resident, setResident] = useState<ResidentValues>(EMPTY_RESIDENT);
  const [decision, setDecision] = useState<Decision>(null);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [lastCall, setLastCall] = useState<'create' | 'matches'>('create');
  const [matchHint, setMatchHint] = useState(false);

  const team = teams.find((item) => item.id === teamId);
  const teamNeighbourhoods = neighbourhoods
    .filter((item) => team?.neighbourhoodCodes.includes(item.code))
    .sort((a, b) => compareText(a.name, b.name, language));

  const labels: Record<string, string> = {
    teamId: t('entry.newRegistration.team'),
    source: t('entry.newRegistration.source'),
    receivedAt: t('entry.newRegistration.receivedAt'),
    question: t('entry.newRegistration.question'),
    lifeDomains: t('entry.newRegistration.lifeDomains'),
    'adviceOnly.contactKind': t('entry.newRegistration.contactKind'),
    ...residentLabels(t, true),
  };
  const serverError = lastCall === 'matches' ? asResidentError(findMatches.error) : create.error;
  const errors = useFormErrors(
    labels,
    (field) => fieldId(FORM_ID, field),
    clientErrors,
    serverError,
  );

  const lookForMatches = () => {
    create.reset();
    setLastCall('matches');
    setDecision(null);
    const person = toResidentInput(resident);
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
    const found = checkResident(resident, t);
    if (!enough) {
      setClientErrors({});
      findMatches.reset();
      setMatchHint(true);
      return;
    }
    setMatchHint(false);
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      findMatches.reset();
      return;
    }
    findMatches.mutate(request);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setLastCall('create');
    findMatches.reset();
    const found: FieldErrors = {};
    if (!question.trim()) found.question = t('form.required', { label: labels.question });
    const receivedIso = amsterdamInputToIso(receivedAt);
    if (!receivedIso) {
      found.receivedAt = t('entry.newRegistration.invalidTime', { label: labels.receivedAt });
    }
    if (!adviceOnly) Object.assign(found, checkResident(resident, t));
    setClientErrors(found);
    if (Object.keys(found).length > 0 || !receivedIso) {
      create.reset();
      return;
    }
    const body: RegistrationCreate = {
      teamId,
      source,
      receivedAt: receivedIso,
      question: question.trim(),
      lifeDomains,
    };
    if (adviceOnly) {
      body.adviceOnly = { contactKind };
    } else {
      const person = toResidentInput(resident);
      if (decision?.kind === 'link') {
        body.householdId = decision.match.householdId;
        // The same person: only the link. A housemate: a new member of that household.
        if (person && !isSamePerson(decision.match)) {
          body.resident = person;
          body.confirmedNew = true;
        }
      } else if (person) {
        body.resident = person;
        if (decision?.kind === 'new') body.confirmedNew = true;
      }
    }
    create.mutate(body, {
      // The answer is a worker's (with matchedExisting) or a partner's (id and status only):
      // this screen is the team's, but the type of the answer is both.
      onSuccess: (created) =>
        void navigate(`/aanmeldingen/${created.id}`, {
          state: {
            created: true,
            matchedExisting: 'matchedExisting' in created && created.matchedExisting,
          },
        }),
    });
  };

  const matches = lastCall === 'matches' ? findMatches.data : undefined;
  const personLabel = (match: ResidentMatch) =>
    fullName(match) || formatAddress(match.address) || t('entry.noAddress');

  return (
    <>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={FORM_ID} onSubmit={submit}>
        <div className="sk-field-row">
          <SelectField
            id={fieldId(FORM_ID, 'teamId')}
            label={labels.teamId ?? ''}
            options={teams.map((item) => ({ value: item.id, label: item.name }))}
            value={teamId}
            onChange={(value) => {
              setTeamId(value);
              setResident((current) => ({ ...current, neighbourhoodCode: '' }));
            }}
            error={errors.byField.teamId}
          />
          <SelectField
            id={fieldId(FORM_ID, 'source')}
            label={labels.source ?? ''}
            options={REGISTRATION_SOURCES.map((value) => ({
              value,
              label: t(`sources.${value}`),
            }))}
            value={source}
            onChange={(value) => setSource(value as RegistrationSource)}
            error={errors.byField.source}
          />
          <TextField
            id={fieldId(FORM_ID, 'receivedAt')}
            label={labels.receivedAt ?? ''}
            type="datetime-local"
            size="md"
            required
            value={receivedAt}
            onChange={setReceivedAt}
            error={errors.byField.receivedAt}
          />
        </div>
        <TextAreaField
          id={fieldId(FORM_ID, 'question')}
          label={labels.question ?? ''}
          required
          rows={4}
          maxLength={4000}
          value={question}
          onChange={setQuestion}
          error={errors.byField.question}
        />
        <div className="sk-domains">
          <CheckboxGroup
            id={fieldId(FORM_ID, 'lifeDomains')}
            legend={labels.lifeDomains ?? ''}
            description={t('entry.newRegistration.lifeDomainsHint')}
            selected={lifeDomains}
            onChange={(selected) => setLifeDomains(selected as LifeDomain[])}
            error={errors.byField.lifeDomains}
            groups={[
              {
                key: 'all',
                options: LIFE_DOMAINS.map((value) => ({
                  value,
                  label: t(`lifeDomains.${value}`),
                })),
              },
            ]}
          />
        </div>
        <div className="sk-group sk-group--quiet">
          <CheckboxField
            id={fieldId(FORM_ID, 'adviceOnly')}
            label={t('entry.newRegistration.adviceOnly')}
            description={t('entry.newRegistration.adviceOnlyHint')}
            checked={adviceOnly}
            onChange={setAdviceOnly}
          />
          {adviceOnly && (
            <RadioGroup
              id={fieldId(FORM_ID, 'adviceOnly.contactKind')}
              legend={labels['adviceOnly.contactKind'] ?? ''}
              inline
              value={contactKind}
              onChange={(value) => setContactKind(value as ContactKind)}
              error={errors.byField['adviceOnly.contactKind']}
              options={CONTACT_KINDS.map((value) => ({
                value,
                label: t(`contactKinds.${value}`),
              }))}
            />
          )}
        </div>
        {!adviceOnly && (
          <>
            <ResidentFields
              formId={FORM_ID}
              values={resident}
              onChange={(values) => {
                setResident(values);
                if (decision?.kind === 'new') setDecision(null);
              }}
              errors={errors.byField}
              neighbourhoods={teamNeighbourhoods}
            />
            <section aria-labelledby={`${FORM_ID}-matches-title`} className="sk-group sk-matches">
              <Heading level={2} id={`${FORM_ID}-matches-title`} className="sk-group__title">
                {t('entry.newRegistration.matchesTitle')}
              </Heading>
              <Button
                appearance="secondary"
                busy={findMatches.isPending}
                disabled={!hasPerson(resident) && !hasAddress(resident)}
                onClick={lookForMatches}
              >
                {t('entry.newRegistration.findMatches')}
              </Button>
              {matchHint && (
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
                            onClick={() => setDecision({ kind: 'link', match })}
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
                <Button appearance="secondary" onClick={() => setDecision({ kind: 'new' })}>
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
                              [resident.givenName, resident.familyName]
                                .filter((part) => part.trim())
                                .join(' ') || t('entry.anonymous'),
                            address: formatAddress(decision.match.address) ?? t('entry.noAddress'),
                          })}
                  </Paragraph>
                  <Button appearance="subtle" onClick={() => setDecision(null)}>
                    {t('entry.newRegistration.undo')}
                  </Button>
                </Alert>
              )}
            </section>
          </>
        )}
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={create.isPending}>
            {t('entry.newRegistration.save')}
          </Button>
        </ButtonGroup>
      </Form>
    </>
  );
}
