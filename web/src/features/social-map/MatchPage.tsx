// Matching a plan's request for a volunteer: the ranked pool (by skill, buurt and time, with the
// reasons, a VOG of at most three years when needed), recording the match with only what the
// volunteer needs (first name, what, where, when) and following it up.
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Notice } from '../../components/Alert';
import { Button, ButtonGroup } from '../../components/Button';
import { ErrorSummary } from '../../components/ErrorSummary';
import { CheckboxField, fieldId, Form, SelectField, TextField } from '../../components/FormFields';
import { Link } from '../../components/Link';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { formatDate } from '../../lib/format';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import type { Match, Scored } from './queries';
import { useMatches, useMatchMutations, usePlan, useSearchMatches } from './queries';
import { splitList, TrajectoryPicker } from './shared';

export function MatchPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('collective.match.title'));
  const [params, setParams] = useSearchParams();
  const trajectoryId = params.get('traject') ?? '';
  const plan = usePlan(trajectoryId || undefined);
  const search = useSearchMatches();
  const formId = 'match-search';
  const [actionId, setActionId] = useState('');
  const [skills, setSkills] = useState('');
  const [availability, setAvailability] = useState('');
  const [requiresVog, setRequiresVog] = useState(true);
  const [chosen, setChosen] = useState<Scored | null>(null);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const labels = {
    trajectoryId: t('collective.trajectory'),
    skills: t('collective.match.skills'),
    availability: t('collective.match.availability'),
  };
  const errors = useFormErrors(labels, (f) => fieldId(formId, f), clientErrors, search.error);
  const action = plan.data?.actions.find((a) => a.id === actionId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!trajectoryId) {
      setClientErrors({ trajectoryId: t('form.required', { label: labels.trajectoryId }) });
      return;
    }
    setClientErrors({});
    setChosen(null);
    search.mutate({
      trajectoryId,
      skills: splitList(skills),
      availability: splitList(availability),
      requiresVog,
    });
  };

  return (
    <>
      <Paragraph>
        <Link to="/vrijwilligers" className="sk-back">
          {t('collective.volunteers.back')}
        </Link>
      </Paragraph>
      <PageTitle>{t('collective.match.title')}</PageTitle>
      <Paragraph lead>{t('collective.match.intro')}</Paragraph>
      <section aria-labelledby="match-request" className="sk-section sk-panel">
        <Heading level={2} id="match-request">
          {t('collective.match.request')}
        </Heading>
        <ErrorSummary items={errors.summary} general={errors.general} />
        <Form id={formId} onSubmit={submit}>
          <TrajectoryPicker
            id={fieldId(formId, 'trajectoryId')}
            value={trajectoryId}
            onChange={(id) => {
              setParams(id ? { traject: id } : {}, { replace: true });
              setActionId('');
              search.reset();
            }}
            error={errors.byField.trajectoryId}
          />
          {plan.data && (
            <SelectField
              id={fieldId(formId, 'actionId')}
              label={t('collective.match.action')}
              description={t('collective.match.actionHint')}
              value={actionId}
              placeholder={t('collective.match.noAction')}
              onChange={setActionId}
              options={plan.data.actions
                .filter((a) => a.status === 'open')
                .map((a) => ({
                  value: a.id,
                  label: `${a.description} (${t(`collective.owners.${a.ownerType}`)})`,
                }))}
            />
          )}
          <TextField
            id={fieldId(formId, 'skills')}
            label={labels.skills}
            description={t('collective.commaHint')}
            value={skills}
            onChange={setSkills}
            error={errors.byField.skills}
          />
          <TextField
            id={fieldId(formId, 'availability')}
            label={labels.availability}
            description={t('collective.slotsHint')}
            value={availability}
            onChange={setAvailability}
            error={errors.byField.availability}
          />
          <CheckboxField
            id={fieldId(formId, 'requiresVog')}
            label={t('collective.match.requiresVog')}
            checked={requiresVog}
            onChange={setRequiresVog}
          />
          <Button appearance="primary" type="submit" busy={search.isPending}>
            {t('collective.match.search')}
          </Button>
        </Form>
      </section>
      {search.data && (
        <Candidates candidates={search.data} onChoose={setChosen} chosenId={chosen?.id ?? null} />
      )}
      {chosen && trajectoryId && (
        <RecordMatch
          key={chosen.id}
          trajectoryId={trajectoryId}
          volunteer={chosen}
          actionId={actionId || undefined}
          requiresVog={search.variables?.requiresVog ?? requiresVog}
          task={action?.description ?? ''}
          onDone={() => {
            setChosen(null);
            search.reset();
          }}
        />
      )}
      {trajectoryId && <Matches trajectoryId={trajectoryId} />}
    </>
  );
}

function Candidates({
  candidates,
  onChoose,
  chosenId,
}: {
  candidates: Scored[];
  onChoose: (c: Scored) => void;
  chosenId: string | null;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="candidates" className="sk-section">
      <Heading level={2} id="candidates">
        {t('collective.match.candidates', { count: candidates.length })}
      </Heading>
      {candidates.length === 0 ? (
        <Paragraph>{t('collective.match.noCandidates')}</Paragraph>
      ) : (
        <Table caption={t('collective.match.candidatesCaption')} captionHidden>
          <TableHeader>
            <TableRow>
              <HeaderCell>{t('collective.volunteers.name')}</HeaderCell>
              <HeaderCell numeric>{t('collective.match.score')}</HeaderCell>
              <HeaderCell>{t('collective.match.why')}</HeaderCell>
              <HeaderCell>
                <span className="sk-visually-hidden">{t('collective.actions')}</span>
              </HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {candidates.map((c) => (
              <TableRow key={c.id}>
                <Cell>{c.name}</Cell>
                <Cell numeric>{c.score}</Cell>
                <Cell>
                  {[
                    c.matchedSkills.length > 0 &&
                      t('collective.match.whySkills', { skills: c.matchedSkills.join(', ') }),
                    c.sameNeighbourhood && t('collective.match.whyBuurt'),
                    c.sharedAvailability.length > 0 &&
                      t('collective.match.whyTime', { slots: c.sharedAvailability.join(', ') }),
                  ]
                    .filter(Boolean)
                    .join('; ') || '—'}
                </Cell>
                <Cell>
                  {c.kind === 'volunteer' ? (
                    <Button
                      appearance={chosenId === c.id ? 'primary' : 'secondary'}
                      onClick={() => onChoose(c)}
                    >
                      {t('collective.match.choose')}
                      <span className="sk-visually-hidden">: {c.name}</span>
                    </Button>
                  ) : (
                    <span className="sk-muted">{t('collective.match.residentOffer')}</span>
                  )}
                </Cell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

function RecordMatch({
  trajectoryId,
  volunteer,
  actionId,
  requiresVog,
  task: initialTask,
  onDone,
}: {
  trajectoryId: string;
  volunteer: Scored;
  actionId: string | undefined;
  /** As asked in the search that found the volunteer: the server checks the VOG again. */
  requiresVog: boolean;
  task: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { create } = useMatchMutations(trajectoryId);
  const formId = 'record-match';
  const [values, setValues] = useState({ task: initialTask, where: '', when: '', followUpOn: '' });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const labels = {
    task: t('collective.match.task'),
    where: t('collective.match.where'),
    when: t('collective.match.when'),
    followUpOn: t('collective.match.followUpOn'),
  };
  const errors = useFormErrors(labels, (f) => fieldId(formId, f), clientErrors, create.error);
  const set = (key: keyof typeof values) => (value: string) =>
    setValues((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    for (const key of ['task', 'where', 'when'] as const)
      if (!values[key].trim()) found[key] = t('form.required', { label: labels[key] });
    setClientErrors(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(
      {
        volunteerId: volunteer.id,
        ...(actionId ? { actionId } : {}),
        task: values.task.trim(),
        where: values.where.trim(),
        when: values.when.trim(),
        ...(values.followUpOn ? { followUpOn: values.followUpOn } : {}),
        requiresVog,
      },
      { onSuccess: onDone },
    );
  };
  return (
    <section aria-labelledby="record-match-title" className="sk-section sk-panel">
      <Heading level={2} id="record-match-title">
        {t('collective.match.recordTitle', { name: volunteer.name })}
      </Heading>
      <Paragraph>{t('collective.match.onlyMinimum')}</Paragraph>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={formId} onSubmit={submit}>
        <TextField
          id={fieldId(formId, 'task')}
          label={labels.task}
          value={values.task}
          onChange={set('task')}
          error={errors.byField.task}
          required
        />
        <TextField
          id={fieldId(formId, 'where')}
          label={labels.where}
          value={values.where}
          onChange={set('where')}
          error={errors.byField.where}
          required
        />
        <TextField
          id={fieldId(formId, 'when')}
          label={labels.when}
          value={values.when}
          onChange={set('when')}
          error={errors.byField.when}
          required
        />
        <TextField
          id={fieldId(formId, 'followUpOn')}
          label={labels.followUpOn}
          type="date"
          size="sm"
          value={values.followUpOn}
          onChange={set('followUpOn')}
          error={errors.byField.followUpOn}
        />
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={create.isPending}>
            {t('collective.match.record')}
          </Button>
          <Button onClick={onDone}>{t('collective.cancel')}</Button>
        </ButtonGroup>
      </Form>
    </section>
  );
}

function Matches({ trajectoryId }: { trajectoryId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const matches = useMatches(trajectoryId);
  const [ending, setEnding] = useState<Match | null>(null);
  return (
    <section aria-labelledby="matches-title" className="sk-section">
      <Heading level={2} id="matches-title">
        {t('collective.match.matches')}
      </Heading>
      {matches.data?.length === 0 && <Paragraph>{t('collective.match.noMatches')}</Paragraph>}
      {matches.data && matches.data.length > 0 && (
        <Table caption={t('collective.match.matches')} captionHidden>
          <TableHeader>
            <TableRow>
              <HeaderCell>{t('collective.match.volunteer')}</HeaderCell>
              <HeaderCell>{t('collective.match.task')}</HeaderCell>
              <HeaderCell>{t('collective.match.when')}</HeaderCell>
              <HeaderCell>{t('collective.match.followUpOn')}</HeaderCell>
              <HeaderCell>{t('collective.match.status')}</HeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {matches.data.map((m) => (
              <TableRow key={m.id}>
                <Cell>{m.volunteerName}</Cell>
                <Cell>{m.task}</Cell>
                <Cell>
                  {m.when}, {m.where}
                </Cell>
                <Cell>{m.followUpOn ? formatDate(m.followUpOn, language) : '—'}</Cell>
                <Cell>
                  {m.status === 'active' ? (
                    <Button onClick={() => setEnding(m)}>
                      {t('collective.match.end')}
                      <span className="sk-visually-hidden">: {m.volunteerName}</span>
                    </Button>
                  ) : (
                    `${t('collective.match.ended')}: ${m.outcome ?? ''}`
                  )}
                </Cell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {ending && (
        <EndMatch trajectoryId={trajectoryId} match={ending} onDone={() => setEnding(null)} />
      )}
    </section>
  );
}

function EndMatch({
  trajectoryId,
  match,
  onDone,
}: {
  trajectoryId: string;
  match: Match;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { end } = useMatchMutations(trajectoryId);
  const formId = 'end-match';
  const [outcome, setOutcome] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const labels = { outcome: t('collective.match.outcome') };
  const errors = useFormErrors(labels, (f) => fieldId(formId, f), clientErrors, end.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!outcome.trim()) {
      setClientErrors({ outcome: t('form.required', { label: labels.outcome }) });
      return;
    }
    setClientErrors({});
    end.mutate({ matchId: match.id, outcome: outcome.trim() }, { onSuccess: onDone });
  };
  return (
    <div className="sk-panel">
      {end.isSuccess && (
        <Notice type="ok">
          <Paragraph>{t('collective.match.endedSaved')}</Paragraph>
        </Notice>
      )}
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={formId} onSubmit={submit}>
        <TextField
          id={fieldId(formId, 'outcome')}
          label={t('collective.match.outcomeFor', { name: match.volunteerName })}
          value={outcome}
          onChange={setOutcome}
          error={errors.byField.outcome}
          required
        />
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={end.isPending}>
            {t('collective.match.end')}
          </Button>
          <Button onClick={onDone}>{t('collective.cancel')}</Button>
        </ButtonGroup>
      </Form>
    </div>
  );
}
