// The resident's own page, in plain Dutch: my plan, my actions, my agreements, my network, my
// measurements, and who looked at my file. One column, big type, works on a phone.
import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button, ButtonGroup } from '../../components/Button';
import { DataList } from '../../components/DataList';
import { Link } from '../../components/Link';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldId, Form, TextAreaField, TextField } from '../../components/FormFields';
import { MeasurementResults } from '../../components/MeasurementResults';
import { LoadError, Loading } from '../../components/QueryState';
import { Heading, PageTitle, Paragraph } from '../../components/Typography';
import { isApiError } from '../../lib/api';
import type { paths } from '../../lib/api-schema';
import { formatDate, formatDateTime } from '../../lib/format';
import { useFormErrors } from '../../lib/forms';
import { problemText } from '../../lib/problem';
import { addMonths, dateInAmsterdam, todayInAmsterdam } from '../../lib/calendar';
import { useLanguage } from '../../lib/i18n';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { accessLogWho, isSelf } from './accessLogWho';
import {
  useAccessLog,
  useAgree,
  usePortalMe,
  usePortalMeasurements,
  usePortalPlan,
  useResidentSecondFactor,
  useUpdateAction,
  useWish,
} from './queries';

type PortalPlan =
  paths['/api/v1/portal/plan']['get']['responses'][200]['content']['application/json'];
type Plan = NonNullable<PortalPlan['plan']>;
type Action = Plan['actions'][number];

const QUESTIONS = [
  'own_strength',
  'network',
  'volunteer',
  'collective',
  'team',
  'specialist',
  'become_active',
  'contribute',
] as const;

const SECTIONS = [
  ['mijn-acties', 'portal.actions.title'],
  ['mijn-afspraken', 'portal.agreements.title'],
  ['mijn-netwerk', 'portal.network.title'],
  ['mijn-metingen', 'portal.measurements.title'],
  ['inzage', 'portal.log.title'],
  ['veilig-inloggen', 'portalSecondFactor.homeTitle'],
] as const;

export function PortalHomePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  useDocumentTitle(t('portal.home.title'));
  const me = usePortalMe();
  const plan = usePortalPlan();
  // A closed trajectory's plan is shown as it was; the server refuses changes to it (409).
  const closed = me.data?.trajectory?.status === 'closed';

  return (
    <>
      <PageTitle>{t('portal.home.title')}</PageTitle>
      {me.isPending && <Loading />}
      {me.isError && <LoadError error={me.error} onRetry={() => void me.refetch()} />}
      {me.data && (
        <div className="sk-portal-intro">
          <Paragraph lead>
            {t('portal.home.welcome', { name: me.data.resident.givenName })}
          </Paragraph>
          {me.data.trajectory ? (
            <>
              <Paragraph>
                {t('portal.home.coordinator', { name: me.data.trajectory.coordinator.name })}
                {me.data.trajectory.coordinator.phone && (
                  <>
                    <br />
                    {t('portal.home.coordinatorPhone', {
                      phone: me.data.trajectory.coordinator.phone,
                    })}
                  </>
                )}
              </Paragraph>
            </>
          ) : (
            <Paragraph>{t('portal.home.noTrajectory')}</Paragraph>
          )}
        </div>
      )}
      <nav aria-label={t('portal.home.contents')} className="sk-portal-toc">
        <ul>
          {SECTIONS.map(([anchor, label]) => (
            <li key={anchor}>
              <a className="utrecht-link utrecht-link--html-a" href={`#${anchor}`}>
                {t(label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {plan.isPending && <Loading />}
      {plan.isError && <LoadError error={plan.error} onRetry={() => void plan.refetch()} />}
      {plan.data &&
        (plan.data.plan ? (
          <PlanParts data={plan.data} plan={plan.data.plan} closed={closed} />
        ) : (
          <Paragraph>{t('portal.plan.none')}</Paragraph>
        ))}
      {plan.data && !plan.data.plan && (
        <Agreements
          plan={null}
          nextFollowUpOn={me.data?.trajectory?.nextFollowUpOn ?? null}
          language={language}
        />
      )}
      {plan.data?.plan && (
        <>
          <Agreements
            plan={plan.data.plan}
            nextFollowUpOn={me.data?.trajectory?.nextFollowUpOn ?? null}
            language={language}
          />
          <Network plan={plan.data.plan} />
        </>
      )}
      <Measurements />
      <AccessLog />
      <SignInSafely />
    </>
  );
}

/** Where the resident turns the optional extra code on or off. */
function SignInSafely() {
  const { t } = useTranslation();
  const status = useResidentSecondFactor();
  return (
    <section aria-labelledby="veilig-inloggen" className="sk-portal-section">
      <Heading level={2} id="veilig-inloggen" tabIndex={-1}>
        {t('portalSecondFactor.homeTitle')}
      </Heading>
      {status.data && (
        <Paragraph>
          {status.data.enrolled ? t('portalSecondFactor.homeOn') : t('portalSecondFactor.homeOff')}
        </Paragraph>
      )}
      <Paragraph>
        <Link to="/portaal/extra-code">{t('portalSecondFactor.homeLink')}</Link>
      </Paragraph>
    </section>
  );
}

function PlanParts({ data, plan, closed }: { data: PortalPlan; plan: Plan; closed: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const agree = useAgree();
  const current = data.versions.find((v) => v.version === plan.version);
  const agreedOn = current?.agreedOn ?? null;
  // The version the agreement was given to: an earlier one when only actions were ticked off (or
  // reopened) since, which keeps it, because the agreement is to what the plan says.
  const agreedVersion = current?.agreedVersion ?? plan.version;
  // Without an agreement on this version: the last one given, to a plan that has changed since.
  const before = agreedOn ? undefined : data.versions.find((v) => v.agreedOn !== null);
  const answers = QUESTIONS.filter((question) => plan.answers[question]?.trim());

  return (
    <>
      <section aria-labelledby="mijn-plan-versie" className="sk-portal-section">
        <Heading level={2} id="mijn-plan-versie" className="sk-visually-hidden">
          {t('portal.plan.title')}
        </Heading>
        <Paragraph className="sk-portal-meta">
          {t('portal.plan.version', {
            version: plan.version,
            date: plan.savedAt ? formatDate(dateInAmsterdam(plan.savedAt), language) : '—',
          })}
        </Paragraph>
        {closed && (
          <Alert type="info">
            <Paragraph>{t('portal.plan.closed')}</Paragraph>
          </Alert>
        )}
        <div aria-live="polite">
          {agreedOn ? (
            <Alert type="ok">
              <Paragraph>
                {agree.data?.version === plan.version
                  ? `${t('portal.plan.agreedNow', { version: plan.version })} `
                  : ''}
                {agreedVersion === plan.version
                  ? t('portal.plan.agreed', { date: formatDate(agreedOn, language) })
                  : t('portal.plan.agreedKept', {
                      version: agreedVersion,
                      date: formatDate(agreedOn, language),
                    })}
              </Paragraph>
            </Alert>
          ) : (
            <>
              {before?.agreedOn && (
                <Paragraph>
                  {t('portal.plan.agreedBefore', {
                    version: before.agreedVersion ?? before.version,
                    date: formatDate(before.agreedOn, language),
                  })}
                </Paragraph>
              )}
              {!closed && (
                <>
                  <Paragraph>{t('portal.plan.notAgreed')}</Paragraph>
                  {agree.isError && <AgreeError error={agree.error} />}
                  <ButtonGroup>
                    <Button
                      appearance="primary"
                      className="sk-portal-big-button"
                      busy={agree.isPending}
                      onClick={() => agree.mutate(plan.version)}
                    >
                      {t('portal.plan.agree')}
                    </Button>
                  </ButtonGroup>
                </>
              )}
            </>
          )}
        </div>
      </section>

      {answers.length > 0 && (
        <section aria-labelledby="keukentafel" className="sk-portal-section">
          <Heading level={2} id="keukentafel">
            {t('portal.plan.answersTitle')}
          </Heading>
          <dl className="sk-portal-qa">
            {answers.map((question) => (
              <div key={question}>
                <dt>{t(`planQuestions.${question}`)}</dt>
                <dd className="sk-pre-line">{plan.answers[question]}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      {plan.domains.length > 0 && (
        <section aria-labelledby="mijn-doelen" className="sk-portal-section">
          <Heading level={2} id="mijn-doelen">
            {t('portal.plan.goalsTitle')}
          </Heading>
          {plan.domains.map((domain) => (
            <div key={domain.domain} className="sk-portal-card">
              <Heading level={3}>{t(`lifeDomains.${domain.domain}`)}</Heading>
              <DataList
                items={[
                  { key: 'goal', label: t('portal.plan.goal'), value: domain.goal || '—' },
                  {
                    key: 'situation',
                    label: t('portal.plan.situation'),
                    value: domain.situation || '—',
                  },
                  {
                    key: 'strengths',
                    label: t('portal.plan.strengths'),
                    value: domain.strengths || '—',
                  },
                ]}
              />
            </div>
          ))}
        </section>
      )}

      <Actions plan={plan} closed={closed} />
      {!closed && <Wish />}
    </>
  );
}

/**
 * Why an agreement was not recorded, in words: the plan changed in the meantime (the page then
 * shows the new version), or there was already an agreement. Other failures as any failed load.
 */
function AgreeError({ error }: { error: unknown }) {
  const language = useLanguage();
  if (!isApiError(error, 409)) return <LoadError error={error} />;
  return (
    <Alert type="warning">
      <Paragraph>{problemText(error.problem, language)}</Paragraph>
    </Alert>
  );
}

function Actions({ plan, closed }: { plan: Plan; closed: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateAction();
  const [message, setMessage] = useState('');
  const own = plan.actions.filter((action) => action.ownerType === 'resident');
  const others = plan.actions.filter((action) => action.ownerType !== 'resident');

  const toggle = (action: Action) => {
    const status = action.status === 'done' ? 'open' : 'done';
    setMessage('');
    update.mutate(
      { id: action.id, status },
      {
        onSuccess: () =>
          setMessage(
            t(status === 'done' ? 'portal.actions.ticked' : 'portal.actions.reopened', {
              action: action.description,
            }),
          ),
      },
    );
  };

  return (
    <section aria-labelledby="mijn-acties" className="sk-portal-section">
      <Heading level={2} id="mijn-acties" tabIndex={-1}>
        {t('portal.actions.title')}
      </Heading>
      <Paragraph>{t(closed ? 'portal.actions.introClosed' : 'portal.actions.intro')}</Paragraph>
      <p role="status" className="sk-portal-status">
        {message}
      </p>
      {update.isError && <LoadError error={update.error} />}
      {plan.actions.length === 0 ? (
        <Paragraph>{t('portal.actions.none')}</Paragraph>
      ) : (
        <>
          <Heading level={3}>{t('portal.actions.own')}</Heading>
          {own.length === 0 ? (
            <Paragraph>{t('portal.actions.noneOwn')}</Paragraph>
          ) : (
            <ul className="sk-portal-actions">
              {own.map((action) => (
                <li key={action.id} className="sk-portal-card">
                  {closed ? (
                    <p className="sk-portal-action-title">{action.description}</p>
                  ) : (
                    <button
                      type="button"
                      className="sk-portal-tick"
                      aria-pressed={action.status === 'done'}
                      disabled={action.status === 'dropped' || update.isPending}
                      onClick={() => toggle(action)}
                    >
                      <span className="sk-portal-tick__box" aria-hidden="true">
                        {action.status === 'done' ? '✓' : ''}
                      </span>
                      <span className="sk-portal-tick__text">{action.description}</span>
                    </button>
                  )}
                  <ActionMeta action={action} />
                  {!closed && <ActionComment action={action} />}
                </li>
              ))}
            </ul>
          )}
          {others.length > 0 && (
            <>
              <Heading level={3}>{t('portal.actions.others')}</Heading>
              <ul className="sk-portal-actions">
                {others.map((action) => (
                  <li key={action.id} className="sk-portal-card">
                    <p className="sk-portal-action-title">{action.description}</p>
                    <ActionMeta action={action} withOwner />
                    {!closed && <ActionComment action={action} />}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

function ActionMeta({ action, withOwner }: { action: Action; withOwner?: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <p className="sk-portal-action-meta">
      <span className={`sk-portal-badge sk-portal-badge--${action.status}`}>
        {t(`portal.actions.${action.status}`)}
      </span>
      {withOwner && (
        <span>
          {t('portal.actions.who', {
            name: `${action.ownerName} (${t(`ownerTypes.${action.ownerType}`).toLowerCase()})`,
          })}
        </span>
      )}
      {action.dueDate && (
        <span>{t('portal.actions.due', { date: formatDate(action.dueDate, language) })}</span>
      )}
    </p>
  );
}

function ActionComment({ action }: { action: Action }) {
  const { t } = useTranslation();
  const update = useUpdateAction();
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const id = `comment-${action.id}`;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    update.mutate(
      { id: action.id, comment: text.trim() },
      {
        onSuccess: () => {
          setText('');
          setSent(true);
        },
      },
    );
  };
  return (
    <details className="sk-portal-comment">
      <summary>{t('portal.actions.comment')}</summary>
      <form noValidate onSubmit={onSubmit} aria-label={t('portal.actions.comment')}>
        <TextAreaField
          id={id}
          label={t('portal.actions.commentLabel', { action: action.description })}
          value={text}
          rows={3}
          maxLength={2000}
          onChange={(value) => {
            setText(value);
            setSent(false);
          }}
        />
        {update.isError && <LoadError error={update.error} />}
        <p role="status" className="sk-portal-status">
          {sent ? t('portal.actions.commentSent') : ''}
        </p>
        <Button type="submit" busy={update.isPending} disabled={!text.trim()}>
          {t('portal.actions.commentSend')}
        </Button>
      </form>
    </details>
  );
}

function Wish() {
  const { t } = useTranslation();
  const wish = useWish();
  const [text, setText] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const form = 'wish';
  const labels = { text: t('portal.plan.wishLabel') };
  const errors = useFormErrors(labels, (f) => fieldId(form, f), clientErrors, wish.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!text.trim()) found.text = t('form.required', { label: labels.text });
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      wish.reset();
      return;
    }
    wish.mutate(text.trim(), { onSuccess: () => setText('') });
  };
  return (
    <section aria-labelledby="veranderen" className="sk-portal-section">
      <Heading level={2} id="veranderen">
        {t('portal.plan.wishTitle')}
      </Heading>
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Form id={form} onSubmit={onSubmit} aria-labelledby="veranderen">
        <TextAreaField
          id={fieldId(form, 'text')}
          label={labels.text}
          description={t('portal.plan.wishHint')}
          value={text}
          rows={4}
          maxLength={2000}
          onChange={(value) => {
            setText(value);
            if (wish.isSuccess) wish.reset();
          }}
          error={errors.byField.text}
        />
        <p role="status" className="sk-portal-status">
          {wish.isSuccess ? t('portal.plan.wishSent') : ''}
        </p>
        <ButtonGroup>
          <Button type="submit" appearance="primary" busy={wish.isPending}>
            {t('portal.plan.wishSend')}
          </Button>
        </ButtonGroup>
      </Form>
    </section>
  );
}

function Agreements({
  plan,
  nextFollowUpOn,
  language,
}: {
  plan: Plan | null;
  nextFollowUpOn: string | null;
  language: 'nl' | 'en';
}) {
  const { t } = useTranslation();
  const crisis = plan?.crisisPlan;
  return (
    <section aria-labelledby="mijn-afspraken" className="sk-portal-section">
      <Heading level={2} id="mijn-afspraken" tabIndex={-1}>
        {t('portal.agreements.title')}
      </Heading>
      {nextFollowUpOn && (
        <Paragraph className="sk-portal-highlight">
          {t('portal.home.nextFollowUp', { date: formatDate(nextFollowUpOn, language) })}
        </Paragraph>
      )}
      {!plan || plan.agreements.length === 0 ? (
        <Paragraph>{t('portal.agreements.none')}</Paragraph>
      ) : (
        <ul className="sk-portal-list">
          {plan.agreements.map((agreement, index) => (
            <li key={index}>{agreement}</li>
          ))}
        </ul>
      )}
      {crisis && (crisis.signs || crisis.whatToDo || crisis.whoToCall) && (
        <div className="sk-portal-card">
          <Heading level={3}>{t('portal.agreements.crisisTitle')}</Heading>
          <DataList
            items={[
              { key: 'signs', label: t('portal.agreements.signs'), value: crisis.signs || '—' },
              {
                key: 'whatToDo',
                label: t('portal.agreements.whatToDo'),
                value: crisis.whatToDo || '—',
              },
              {
                key: 'whoToCall',
                label: t('portal.agreements.whoToCall'),
                value: crisis.whoToCall || '—',
              },
            ]}
          />
        </div>
      )}
    </section>
  );
}

function Network({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const members = [...plan.network].sort((a, b) => a.closeness - b.closeness);
  return (
    <section aria-labelledby="mijn-netwerk" className="sk-portal-section">
      <Heading level={2} id="mijn-netwerk" tabIndex={-1}>
        {t('portal.network.title')}
      </Heading>
      <Paragraph>{t('portal.network.intro')}</Paragraph>
      {members.length === 0 ? (
        <Paragraph>{t('portal.network.none')}</Paragraph>
      ) : (
        <ul className="sk-portal-network">
          {members.map((member, index) => (
            <li key={member.id ?? index}>
              <strong>{member.name}</strong>{' '}
              <span className="sk-muted">
                ({t(`relations.${member.relation}`).toLowerCase()},{' '}
                {t(`portal.network.closeness.${member.closeness}`)})
              </span>
              {member.roleInPlan && (
                <span className="sk-portal-network__role">{member.roleInPlan}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Measurements() {
  const { t } = useTranslation();
  const measurements = usePortalMeasurements();
  return (
    <section aria-labelledby="mijn-metingen" className="sk-portal-section">
      <Heading level={2} id="mijn-metingen" tabIndex={-1}>
        {t('portal.measurements.title')}
      </Heading>
      <Paragraph>{t('portal.measurements.intro')}</Paragraph>
      {measurements.isPending && <Loading />}
      {measurements.isError && (
        <LoadError error={measurements.error} onRetry={() => void measurements.refetch()} />
      )}
      {measurements.data &&
        (measurements.data.items.length === 0 ? (
          <Paragraph>{t('portal.measurements.none')}</Paragraph>
        ) : (
          <MeasurementResults data={measurements.data} headingLevel={3} idPrefix="portal" />
        ))}
    </section>
  );
}

function AccessLog() {
  const { t } = useTranslation();
  const language = useLanguage();
  const formId = useId().replace(/:/g, '');
  const [initial] = useState(() => {
    const today = todayInAmsterdam();
    return { from: addMonths(today, -3), to: today };
  });
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [period, setPeriod] = useState(initial);
  const log = useAccessLog(period.from, period.to);
  const who = (value: string) => accessLogWho(value, t);
  // The texts come with the log, in both languages (server: portal/access-log-texts.ts), so that
  // no action shows as its code because one of two lists forgot it.
  const what = (entry: { what: string; whatEn: string }) =>
    language === 'en' ? entry.whatEn : entry.what;

  return (
    <section aria-labelledby="inzage" className="sk-portal-section">
      <Heading level={2} id="inzage" tabIndex={-1}>
        {t('portal.log.title')}
      </Heading>
      <Paragraph>{t('portal.log.intro')}</Paragraph>
      <Form
        id={`log-${formId}`}
        className="sk-form sk-portal-period"
        aria-label={t('portal.log.title')}
        onSubmit={(event) => {
          event.preventDefault();
          setPeriod({ from, to });
        }}
      >
        <TextField
          id="log-from"
          type="date"
          size="md"
          label={t('portal.log.from')}
          value={from}
          onChange={setFrom}
        />
        <TextField
          id="log-to"
          type="date"
          size="md"
          label={t('portal.log.to')}
          value={to}
          onChange={setTo}
        />
        <ButtonGroup>
          <Button type="submit">{t('portal.log.show')}</Button>
        </ButtonGroup>
      </Form>
      {log.isPending && <Loading />}
      {log.isError && <LoadError error={log.error} onRetry={() => void log.refetch()} />}
      {log.data &&
        (log.data.length === 0 ? (
          <Paragraph>{t('portal.log.none')}</Paragraph>
        ) : (
          <>
            <Paragraph className="sk-muted">
              {t('portal.log.count', { count: log.data.length })}
            </Paragraph>
            <ol className="sk-portal-log">
              {log.data.map((entry, index) => (
                <li key={`${entry.at}-${index}`}>
                  <span className="sk-portal-log__what">
                    {isSelf(entry.who)
                      ? `${who(entry.who)} ${what(entry)}`
                      : t('portal.log.entry', {
                          who: who(entry.who),
                          role: t(`roles.${entry.role}`, {
                            defaultValue: entry.role,
                          }).toLowerCase(),
                          what: what(entry),
                        })}
                  </span>{' '}
                  <span aria-hidden="true">— </span>
                  <time dateTime={entry.at} className="sk-portal-log__when">
                    {formatDateTime(entry.at, language)}
                  </time>
                  {entry.reason && (
                    <span className="sk-portal-log__reason">
                      {t('portal.log.reason', { reason: entry.reason })}
                    </span>
                  )}
                </li>
              ))}
            </ol>
          </>
        ))}
    </section>
  );
}
