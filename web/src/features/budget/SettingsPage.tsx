import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Alert';
import { Button, ButtonGroup } from '../../components/Button';
import { DataList } from '../../components/DataList';
import { ErrorSummary } from '../../components/ErrorSummary';
import { fieldId, Form, TextField } from '../../components/FormFields';
import { Link } from '../../components/Link';
import { LoadError, Loading, NoAccess } from '../../components/QueryState';
import { PageTitle, Paragraph } from '../../components/Typography';
import { currentYear } from '../../lib/calendar';
import { compareText, formatMoney } from '../../lib/format';
import type { FieldErrors } from '../../lib/forms';
import { useFormErrors } from '../../lib/forms';
import { useLanguage } from '../../lib/i18n';
import { pathReasons } from '../../lib/problem';
import { useSession } from '../../lib/session';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import {
  isVersionConflict,
  useBaseVersion,
  VersionConflict,
  withoutVersionConflict,
} from './conflict';
import { centsToInput, parseEuros } from './money';
import { MoneyField } from './MoneyField';
import type { WorkBudget } from './queries';
import { useSaveWorkBudget, useTeams, useWorkBudget } from './queries';
import { YearSelect } from './shared';
import './budget.css';

const FORM_ID = 'work-budget-settings';
const CITY = 'city';

/** The municipality sets the year's werkbudget: total, top-ups, allocation and mandate. */
export function SettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('budget.settingsTitle'));
  const role = useSession().data?.user.role;
  const [year, setYear] = useState(currentYear);
  const budget = useWorkBudget(year, role === 'municipality');
  const teams = useTeams();

  return (
    <>
      <Paragraph className="sk-back">
        <Link to="/werkbudget">{t('budget.backToWorkBudget')}</Link>
      </Paragraph>
      <PageTitle>{t('budget.settingsTitle')}</PageTitle>
      <Paragraph lead>{t('budget.settingsIntro')}</Paragraph>
      {role !== 'municipality' ? (
        <NoAccess />
      ) : (
        <>
          <YearSelect id="settings-year" value={year} onChange={setYear} />
          {(budget.isPending || teams.isPending) && <Loading />}
          {budget.isError && <LoadError error={budget.error} />}
          {teams.isError && <LoadError error={teams.error} />}
          {budget.data !== undefined && teams.data && (
            // One form per year: a newer version of the year's budget (read after a conflict)
            // must not replace what was typed.
            <SettingsForm
              key={year}
              year={year}
              budget={budget.data}
              teams={teams.data}
              reload={async () => (await budget.refetch()).data ?? null}
            />
          )}
        </>
      )}
    </>
  );
}

interface Row {
  key: number;
  source: string;
  amount: string;
}

/**
 * The year's werkbudget as the form was opened with it (`budget`: the saved one, null for a year
 * without one), or, after someone else saved in between and the newer one was loaded (`reload`),
 * as it is now saved. The form sends the version it is based on.
 */
function SettingsForm({
  year,
  budget,
  teams,
  reload,
}: {
  year: number;
  budget: WorkBudget | null;
  teams: { id: string; name: string }[];
  reload: () => Promise<WorkBudget | null>;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const save = useSaveWorkBudget(year);
  const base = useBaseVersion(
    budget?.version ?? 0,
    async () => (await reload())?.version ?? 0,
    () => save.reset(),
  );
  const [saved, setSaved] = useState(0);
  const sortedTeams = [...teams].sort((a, b) => compareText(a.name, b.name, language));
  const allocationOf = (teamId: string | null) => {
    const found = budget?.allocations.find((item) => item.teamId === teamId);
    return found ? centsToInput(found.cents) : '';
  };
  const [total, setTotal] = useState(budget ? centsToInput(budget.totalCents) : '');
  const [topUps, setTopUps] = useState<Row[]>(
    (budget?.topUps ?? []).map((item, index) => ({
      key: index,
      source: item.source,
      amount: centsToInput(item.cents),
    })),
  );
  const [allocations, setAllocations] = useState<Record<string, string>>(() => {
    const result: Record<string, string> = { [CITY]: allocationOf(null) };
    for (const team of teams) result[team.id] = allocationOf(team.id);
    return result;
  });
  const [mandate, setMandate] = useState({
    worker: centsToInput(budget?.mandate.workerCents ?? 25_000),
    teamLead: centsToInput(budget?.mandate.teamLeadCents ?? 100_000),
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});

  const labels: Record<string, string> = {
    totalCents: t('budget.baseAmount'),
    ...Object.fromEntries(
      topUps.flatMap((row, index) => [
        [`topUps.${index}.source`, t('budget.topUpSource', { n: index + 1 })],
        [`topUps.${index}.cents`, t('budget.topUpAmount', { n: index + 1 })],
      ]),
    ),
    ...Object.fromEntries(sortedTeams.map((team) => [`allocations.${team.id}`, team.name])),
    [`allocations.${CITY}`]: t('budget.cityPot'),
    'mandate.workerCents': t('budget.mandateWorker'),
    'mandate.teamLeadCents': t('budget.mandateTeamLead'),
  };
  const serverError = withoutVersionConflict(save.error);
  const serverErrors = pathReasons(serverError, language);
  const errors = useFormErrors(
    labels,
    (field) => fieldId(FORM_ID, field),
    clientErrors,
    serverError,
  );
  const fieldError = (field: string) =>
    errors.byField[field] ??
    (serverErrors[field]
      ? t('form.fieldError', { label: labels[field] ?? field, reason: serverErrors[field] })
      : undefined);

  const totalCents = parseEuros(total);
  const topUpCents = topUps.reduce((sum, row) => sum + (parseEuros(row.amount) ?? 0), 0);
  const allocatedCents = Object.values(allocations).reduce(
    (sum, value) => sum + (parseEuros(value) ?? 0),
    0,
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    const money = (field: string, text: string, required: boolean) => {
      if (!text.trim() && !required) return 0;
      const cents = parseEuros(text);
      if (cents === null) found[field] = t('budget.invalidMoney', { label: labels[field] });
      return cents ?? 0;
    };
    const baseCents = money('totalCents', total, true);
    const rows = topUps.map((row, index) => {
      if (!row.source.trim())
        found[`topUps.${index}.source`] = t('form.required', {
          label: labels[`topUps.${index}.source`],
        });
      return {
        source: row.source.trim(),
        cents: money(`topUps.${index}.cents`, row.amount, true),
      };
    });
    const allocationRows: { teamId: string | null; cents: number }[] = [
      ...sortedTeams.map((team) => ({
        teamId: team.id,
        cents: money(`allocations.${team.id}`, allocations[team.id] ?? '', false),
      })),
      { teamId: null, cents: money(`allocations.${CITY}`, allocations[CITY] ?? '', false) },
    ].filter((row) => row.cents > 0);
    const workerCents = money('mandate.workerCents', mandate.worker, true);
    const teamLeadCents = money('mandate.teamLeadCents', mandate.teamLead, true);
    setClientErrors(found);
    if (Object.keys(found).length > 0) return;
    save.mutate(
      {
        version: base.version,
        totalCents: baseCents,
        topUps: rows,
        allocations: allocationRows,
        mandate: { workerCents, teamLeadCents },
      },
      {
        onSuccess: (result) => {
          base.saved(result.version);
          setSaved((count) => count + 1);
        },
      },
    );
  };

  return (
    <>
      {saved > 0 && !save.isError && (
        <Notice key={saved} type="ok">
          <Paragraph>{t('budget.settingsSaved', { year })}</Paragraph>
        </Notice>
      )}
      {isVersionConflict(save.error) && (
        <VersionConflict
          message={t('budget.settingsConflict', { year })}
          reloadLabel={t('budget.settingsReload')}
          onReload={base.reload}
          reloading={base.reloading}
        />
      )}
      {base.reloaded && budget && (
        <Notice type="info">
          <Paragraph>{t('budget.settingsReloaded', { year })}</Paragraph>
          <SavedFigures budget={budget} teams={sortedTeams} />
        </Notice>
      )}
      {!budget && !isVersionConflict(save.error) && (
        <Paragraph>{t('budget.notSet', { year })}</Paragraph>
      )}
      <ErrorSummary items={errors.summary} general={errors.general} />
      <Paragraph className="sk-muted">{t('budget.moneyHint')}</Paragraph>
      <Form id={FORM_ID} onSubmit={submit}>
        <MoneyField
          description=""
          id={fieldId(FORM_ID, 'totalCents')}
          label={labels.totalCents ?? ''}
          required
          value={total}
          onChange={setTotal}
          error={fieldError('totalCents')}
        />
        <fieldset className="sk-plain-fieldset">
          <legend className="sk-legend">{t('budget.topUps')}</legend>
          {topUps.length === 0 && <p className="sk-muted">{t('budget.noTopUps')}</p>}
          {topUps.map((row, index) => (
            <div key={row.key} className="sk-field-row sk-field-row--end">
              <TextField
                id={fieldId(FORM_ID, `topUps.${index}.source`)}
                label={labels[`topUps.${index}.source`] ?? ''}
                size="md"
                value={row.source}
                onChange={(source) =>
                  setTopUps((current) =>
                    current.map((item) => (item.key === row.key ? { ...item, source } : item)),
                  )
                }
                error={fieldError(`topUps.${index}.source`)}
              />
              <MoneyField
                description=""
                id={fieldId(FORM_ID, `topUps.${index}.cents`)}
                label={labels[`topUps.${index}.cents`] ?? ''}
                value={row.amount}
                onChange={(amount) =>
                  setTopUps((current) =>
                    current.map((item) => (item.key === row.key ? { ...item, amount } : item)),
                  )
                }
                error={fieldError(`topUps.${index}.cents`)}
              />
              <div className="sk-field">
                <Button
                  appearance="subtle"
                  onClick={() =>
                    setTopUps((current) => current.filter((item) => item.key !== row.key))
                  }
                >
                  {t('budget.removeTopUp', { n: index + 1 })}
                </Button>
              </div>
            </div>
          ))}
          <Button
            appearance="secondary"
            onClick={() =>
              setTopUps((current) => [
                ...current,
                {
                  key: Math.max(-1, ...current.map((item) => item.key)) + 1,
                  source: '',
                  amount: '',
                },
              ])
            }
          >
            {t('budget.addTopUp')}
          </Button>
        </fieldset>
        <Paragraph className="sk-budget-sum">
          {t('budget.available', {
            total: formatMoney((totalCents ?? 0) + topUpCents, language),
          })}
        </Paragraph>
        <fieldset className="sk-plain-fieldset">
          <legend className="sk-legend">{t('budget.allocations')}</legend>
          <p className="sk-muted">{t('budget.allocationsHint')}</p>
          <div className="sk-field-row">
            {sortedTeams.map((team) => (
              <MoneyField
                description=""
                key={team.id}
                id={fieldId(FORM_ID, `allocations.${team.id}`)}
                label={team.name}
                value={allocations[team.id] ?? ''}
                onChange={(value) =>
                  setAllocations((current) => ({ ...current, [team.id]: value }))
                }
                error={fieldError(`allocations.${team.id}`)}
              />
            ))}
            <MoneyField
              description=""
              id={fieldId(FORM_ID, `allocations.${CITY}`)}
              label={t('budget.cityPot')}
              value={allocations[CITY] ?? ''}
              onChange={(value) => setAllocations((current) => ({ ...current, [CITY]: value }))}
              error={fieldError(`allocations.${CITY}`)}
            />
          </div>
          <Paragraph className="sk-budget-sum">
            {t('budget.allocatedOf', {
              allocated: formatMoney(allocatedCents, language),
              total: formatMoney((totalCents ?? 0) + topUpCents, language),
            })}
          </Paragraph>
        </fieldset>
        <fieldset className="sk-plain-fieldset">
          <legend className="sk-legend">{t('budget.mandateTitle')}</legend>
          <p className="sk-muted">{t('budget.mandateHint')}</p>
          <div className="sk-field-row">
            <MoneyField
              description=""
              id={fieldId(FORM_ID, 'mandate.workerCents')}
              label={labels['mandate.workerCents'] ?? ''}
              value={mandate.worker}
              onChange={(worker) => setMandate((current) => ({ ...current, worker }))}
              error={fieldError('mandate.workerCents')}
            />
            <MoneyField
              description=""
              id={fieldId(FORM_ID, 'mandate.teamLeadCents')}
              label={labels['mandate.teamLeadCents'] ?? ''}
              value={mandate.teamLead}
              onChange={(teamLead) => setMandate((current) => ({ ...current, teamLead }))}
              error={fieldError('mandate.teamLeadCents')}
            />
          </div>
        </fieldset>
        <ButtonGroup>
          <Button appearance="primary" type="submit" busy={save.isPending}>
            {t('budget.settingsSave')}
          </Button>
        </ButtonGroup>
      </Form>
    </>
  );
}

/** What is saved for the year now, for comparing with the form after a conflict. */
function SavedFigures({
  budget,
  teams,
}: {
  budget: WorkBudget;
  teams: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = (cents: number) => formatMoney(cents, language);
  const teamName = (teamId: string | null) =>
    teamId === null
      ? t('budget.cityPot')
      : (teams.find((team) => team.id === teamId)?.name ?? teamId);
  const listed = (items: string[], none: string) => (items.length > 0 ? items.join('; ') : none);
  return (
    <DataList
      items={[
        { key: 'base', label: t('budget.baseAmount'), value: money(budget.totalCents) },
        {
          key: 'topUps',
          label: t('budget.topUps'),
          value: listed(
            budget.topUps.map((item) => `${item.source}: ${money(item.cents)}`),
            t('budget.noTopUps'),
          ),
        },
        {
          key: 'allocations',
          label: t('budget.allocations'),
          value: listed(
            budget.allocations.map((item) => `${teamName(item.teamId)}: ${money(item.cents)}`),
            t('budget.noAllocations'),
          ),
        },
        {
          key: 'mandate',
          label: t('budget.mandateTitle'),
          value: t('budget.mandateValue', {
            worker: money(budget.mandate.workerCents),
            teamLead: money(budget.mandate.teamLeadCents),
          }),
        },
      ]}
    />
  );
}
