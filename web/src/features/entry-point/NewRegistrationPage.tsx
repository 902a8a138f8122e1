import './entry-point.css';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
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
import { PageTitle, Paragraph } from '../../components/Typography';
import type {
  ContactKind,
  LifeDomain,
  RegistrationCreate,
  RegistrationSource,
} from '../../lib/api-types';
import { CONTACT_KINDS, LIFE_DOMAINS, REGISTRATION_SOURCES } from '../../lib/api-types';
import { amsterdamInputToIso, toAmsterdamInput } from '../../lib/datetime';
import { compareText } from '../../lib/format';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { useCreateRegistration, useFindMatches, useNeighbourhoods, useTeams } from './queries';
import type { ResidentValues } from './ResidentFields';
import {
  checkResident,
  EMPTY_RESIDENT,
  hasAddress,
  hasPerson,
  residentLabels,
  ResidentFields,
} from './ResidentFields';
import type { Decision } from './ResidentMatches';
import {
  asResidentError,
  matchRequestFor,
  residentPartOf,
  ResidentMatches,
} from './ResidentMatches';

const FORM_ID = 'new-registration';

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
    const request = matchRequestFor(teamId, resident);
    const found = checkResident(resident, t);
    if (!request) {
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
    if (adviceOnly) body.adviceOnly = { contactKind };
    else Object.assign(body, residentPartOf(resident, decision));
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
            <ResidentMatches
              formId={FORM_ID}
              values={resident}
              matches={matches}
              decision={decision}
              onDecide={setDecision}
              onLookUp={lookForMatches}
              busy={findMatches.isPending}
              disabled={!hasPerson(resident) && !hasAddress(resident)}
              needsData={matchHint}
            />
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
