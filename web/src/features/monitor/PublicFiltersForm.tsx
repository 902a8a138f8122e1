import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { fieldId, Form, SelectField } from '../../components/FormFields';
import { todayInAmsterdam } from '../../lib/calendar';
import { compareText } from '../../lib/format';
import { useLanguage, type Language } from '../../lib/i18n';
import type { TFunction } from 'i18next';
import type { ReportFilters } from './queries';
import { useNeighbourhoods } from './queries';
import type { PeriodKind, WholePeriod } from './periods';
import { endedPeriods, lastEndedMonth, wholePeriodOf } from './periods';

const KINDS: PeriodKind[] = ['month', 'quarter', 'year'];

/** The last month that is over, all buurten. */
export function defaultPublicFilters(): ReportFilters {
  const { from, to } = lastEndedMonth(todayInAmsterdam());
  return { from, to, teamId: '', neighbourhoodCode: '' };
}

function periodLabel(period: WholePeriod, language: Language, t: TFunction): string {
  if (period.kind === 'month')
    return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${period.from}T00:00:00Z`));
  if (period.kind === 'quarter')
    return t('monitor.quarterOption', { quarter: period.index, year: period.year });
  return String(period.year);
}

const value = (period: { from: string; to: string }) => `${period.from}/${period.to}`;

/**
 * The public report's filters: a whole month, quarter or year that is over (the only periods the
 * server gives it for) and the buurt. The report follows when the form is sent.
 */
export function PublicFiltersForm({
  formId,
  initial,
  onApply,
  busy,
}: {
  formId: string;
  initial: ReportFilters;
  onApply: (filters: ReportFilters) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const neighbourhoods = useNeighbourhoods();
  const [kind, setKind] = useState<PeriodKind>(
    wholePeriodOf(initial.from, initial.to)?.kind ?? 'month',
  );
  const [period, setPeriod] = useState(value(initial));
  const [neighbourhoodCode, setNeighbourhoodCode] = useState(initial.neighbourhoodCode);
  const periods = endedPeriods(kind, todayInAmsterdam());

  const chooseKind = (next: string) => {
    const chosen = KINDS.find((k) => k === next) ?? 'month';
    setKind(chosen);
    const [newest] = endedPeriods(chosen, todayInAmsterdam(), 1);
    if (newest) setPeriod(value(newest));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const [from = '', to = ''] = period.split('/');
    onApply({ from, to, teamId: '', neighbourhoodCode });
  };

  return (
    <Form id={formId} onSubmit={submit} aria-label={t('monitor.filters')}>
      <div className="sk-field-row sk-field-row--end">
        <SelectField
          id={fieldId(formId, 'kind')}
          label={t('monitor.periodKind')}
          value={kind}
          onChange={chooseKind}
          options={KINDS.map((k) => ({ value: k, label: t(`monitor.periodKinds.${k}`) }))}
        />
        <SelectField
          id={fieldId(formId, 'period')}
          label={t('monitor.period')}
          description={t('monitor.periodHint')}
          value={period}
          onChange={setPeriod}
          options={periods.map((p) => ({ value: value(p), label: periodLabel(p, language, t) }))}
        />
        <SelectField
          id={fieldId(formId, 'neighbourhoodCode')}
          label={t('monitor.neighbourhood')}
          value={neighbourhoodCode}
          onChange={setNeighbourhoodCode}
          placeholder={t('monitor.allNeighbourhoods')}
          options={[...(neighbourhoods.data ?? [])]
            .sort((a, b) => compareText(a.name, b.name, language))
            .map((item) => ({ value: item.code, label: item.name }))}
        />
        <div className="sk-field">
          <Button appearance="primary" type="submit" busy={busy}>
            {t('monitor.apply')}
          </Button>
        </div>
      </div>
    </Form>
  );
}
