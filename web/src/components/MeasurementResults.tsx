// The measurements of one trajectory as the worker and the resident both see them, per person
// measured and under their name: the ZRM as a radar chart with one line per measurement, the
// Positieve Gezondheid web (this time against last time), and per domain what changed between the
// person's first and latest measurement. Shared by the measurements page and the resident portal;
// the domain order and names are public facts of the instruments (the resident cannot read
// GET /instruments).
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { paths } from '../lib/api-schema';
import { formatDate } from '../lib/format';
import type { Language } from '../lib/i18n';
import { useLanguage } from '../lib/i18n';
import './radar.css';
import type { RadarAxis, RadarSeries } from './RadarChart';
import { RadarWithTable } from './RadarChart';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from './Table';
import type { MeasuredPerson } from './measuredPeople';
import { measuredPeople } from './measuredPeople';
import { Heading, Paragraph } from './Typography';

// The measurements and progress, as both the team's read and the portal's answer them (the
// team's read also holds the scoring form's facts, which the portal's does not).
export type TrajectoryAssessments = Pick<
  paths['/api/v1/trajectories/{id}/assessments']['get']['responses'][200]['content']['application/json'],
  'items' | 'progress'
>;
export type Assessment = TrajectoryAssessments['items'][number];
export type InstrumentKey = Assessment['instrument'];
export type Moment = Assessment['moment'];

export const MOMENTS = [
  'start',
  'three_months',
  'closure',
  'interim',
] as const satisfies readonly Moment[];

/** The domains of each instrument, in the order of the instrument. */
export const INSTRUMENT_DOMAINS: Record<InstrumentKey, readonly string[]> = {
  'zrm-2013': [
    'finances',
    'daytime_activities',
    'housing',
    'domestic_relations',
    'mental_health',
    'physical_health',
    'substance_use',
    'adl',
    'social_network',
    'participation',
    'justice',
  ],
  'zrm-2017': [
    'finances',
    'work_and_education',
    'time_use',
    'housing',
    'domestic_relations',
    'mental_health',
    'physical_health',
    'substance_use',
    'basic_adl',
    'instrumental_adl',
    'social_network',
    'participation',
    'justice',
  ],
  'positive-health': [
    'bodily_functions',
    'mental_wellbeing',
    'meaning',
    'quality_of_life',
    'participation',
    'daily_functioning',
  ],
};

/** A domain's name in the user's language. */
export function domainName(instrument: InstrumentKey, domain: string, t: TFunction): string {
  if (instrument === 'positive-health') {
    return t(`measurements.phDomains.${domain}`, { defaultValue: domain });
  }
  const key =
    instrument === 'zrm-2013' && domain === 'substance_use' ? 'substance_use_2013' : domain;
  return t(`measurements.domains.${key}`, { defaultValue: domain });
}

/** "Start", or "Tussentijds (12-03-2026)" where one moment alone does not say which. */
function seriesLabel(item: Assessment, all: Assessment[], t: TFunction, language: Language) {
  const moment = t(`measurements.moments.${item.moment}`);
  const twice = all.filter((other) => other.moment === item.moment).length > 1;
  return twice
    ? t('measurements.momentWithDate', { moment, date: formatDate(item.takenAt, language) })
    : moment;
}

const byDate = (a: Assessment, b: Assessment) =>
  a.takenAt.localeCompare(b.takenAt) || MOMENTS.indexOf(a.moment) - MOMENTS.indexOf(b.moment);

function formatScore(language: Language) {
  const format = new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    maximumFractionDigits: 1,
  });
  return (value: number) => format.format(value);
}

export function MeasurementResults({
  data,
  headingLevel,
  idPrefix,
}: {
  data: TrajectoryAssessments;
  headingLevel: 2 | 3;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  // One block per person measured, under their name: each one's radar and changes are theirs.
  return (
    <>
      {measuredPeople(data).map((person) => (
        <PersonResults
          key={person.key}
          person={person}
          name={personName(person, t)}
          headingLevel={headingLevel}
          idPrefix={`${idPrefix}-${person.key}`}
        />
      ))}
    </>
  );
}

/** The member's name, or "het huishouden" for a measurement of the household as a whole. */
function personName(person: MeasuredPerson, t: TFunction): string {
  if (person.name) return person.name;
  return person.residentId === null
    ? t('measurements.measuredHousehold')
    : t('measurements.measuredMemberUnknown');
}

function PersonResults({
  person,
  name,
  headingLevel,
  idPrefix,
}: {
  person: MeasuredPerson;
  name: string;
  headingLevel: 2 | 3;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const zrmKeys = (['zrm-2017', 'zrm-2013'] as const).filter((key) =>
    person.items.some((item) => item.instrument === key),
  );
  const health = person.items.filter((item) => item.instrument === 'positive-health').sort(byDate);
  const sub = headingLevel === 2 ? 3 : 4;
  const empty = (
    <span title={t('measurements.notDiscussed')}>
      <span aria-hidden="true">{t('measurements.notDiscussedShort')}</span>
      <span className="sk-visually-hidden">{t('measurements.notDiscussed')}</span>
    </span>
  );

  return (
    <>
      {zrmKeys.map((instrument) => {
        const items = person.items.filter((item) => item.instrument === instrument).sort(byDate);
        const axes: RadarAxis[] = INSTRUMENT_DOMAINS[instrument].map((key) => ({
          key,
          label: domainName(instrument, key, t),
        }));
        const series: RadarSeries[] = items.map((item) => ({
          key: item.id,
          label: seriesLabel(item, items, t, language),
          values: item.scores,
        }));
        const titleId = `${idPrefix}-${instrument}`;
        return (
          <section key={instrument} aria-labelledby={titleId} className="sk-measure-result">
            <Heading level={headingLevel} id={titleId}>
              {t('measurements.zrmTitleOf', { name })}
              {zrmKeys.length > 1 && (
                <span className="sk-heading-note"> ({instrument.toUpperCase()})</span>
              )}
            </Heading>
            <RadarWithTable
              ariaLabel={t('measurements.zrmRadarLabel', {
                name,
                series: series.map((item) => item.label).join(', '),
              })}
              caption={t('measurements.zrmTableCaption', { name })}
              axisHeader={t('measurements.domain')}
              axes={axes}
              series={series}
              min={1}
              max={5}
              emptyValue={empty}
            />
            <Changes
              progress={person.progress.find((item) => item.instrument === instrument)}
              name={name}
              headingLevel={sub}
              idPrefix={titleId}
              format={formatScore(language)}
            />
          </section>
        );
      })}
      {health.length > 0 && (
        <section aria-labelledby={`${idPrefix}-ph`} className="sk-measure-result">
          <Heading level={headingLevel} id={`${idPrefix}-ph`}>
            {t('measurements.phTitleOf', { name })}
          </Heading>
          <Paragraph>{t('measurements.phIntro')}</Paragraph>
          <HealthWeb items={health} name={name} />
        </section>
      )}
    </>
  );
}

function HealthWeb({ items, name }: { items: Assessment[]; name: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const latest = items.slice(-2);
  const axes: RadarAxis[] = INSTRUMENT_DOMAINS['positive-health'].map((key) => ({
    key,
    label: domainName('positive-health', key, t),
  }));
  const series: RadarSeries[] = latest.map((item, index) => ({
    key: item.id,
    label: `${index === latest.length - 1 ? t('measurements.thisTime') : t('measurements.lastTime')} (${formatDate(item.takenAt, language)})`,
    values: item.scores,
  }));
  return (
    <RadarWithTable
      ariaLabel={t('measurements.phRadarLabel', {
        name,
        series: series.map((item) => item.label).join(', '),
      })}
      caption={t('measurements.phTableCaption', { name })}
      axisHeader={t('measurements.dimension')}
      axes={axes}
      series={series}
      min={0}
      max={10}
      formatValue={formatScore(language)}
      emptyValue={
        <span title={t('measurements.notDiscussed')}>
          <span aria-hidden="true">{t('measurements.notDiscussedShort')}</span>
          <span className="sk-visually-hidden">{t('measurements.notDiscussed')}</span>
        </span>
      }
    />
  );
}

/** What changed for one person between their first and latest measurement in one series. */
function Changes({
  progress,
  name,
  headingLevel,
  idPrefix,
  format,
}: {
  progress: TrajectoryAssessments['progress'][number] | undefined;
  name: string;
  headingLevel: 3 | 4;
  idPrefix: string;
  format: (value: number) => string;
}) {
  const { t } = useTranslation();
  if (!progress) return null;
  const { instrument } = progress;
  const count = (direction: 'improved' | 'stable' | 'declined') =>
    progress.domains.filter((domain) => domain.direction === direction).length;
  const from = t(`measurements.moments.${progress.fromMoment}`);
  const to = t(`measurements.moments.${progress.toMoment}`);
  const order = INSTRUMENT_DOMAINS[instrument];
  const domains = [...progress.domains].sort(
    (a, b) => order.indexOf(a.domain) - order.indexOf(b.domain),
  );
  const signed = (value: number) => (value > 0 ? `+${format(value)}` : format(value));
  return (
    <>
      <Heading level={headingLevel} id={`${idPrefix}-changes`}>
        {t('measurements.changesTitle')}
      </Heading>
      <Paragraph>
        {t('measurements.summary', {
          improved: count('improved'),
          stable: count('stable'),
          declined: count('declined'),
        })}
      </Paragraph>
      {progress.fromInstrument !== instrument && (
        <Paragraph>
          {t('measurements.acrossVersions', { version: progress.fromInstrument.toUpperCase() })}
        </Paragraph>
      )}
      <Table caption={t('measurements.changesCaption', { name, from, to })} compact>
        <TableHeader>
          <TableRow>
            <HeaderCell>{t('measurements.domain')}</HeaderCell>
            <HeaderCell numeric>{t('measurements.first')}</HeaderCell>
            <HeaderCell numeric>{t('measurements.last')}</HeaderCell>
            <HeaderCell>{t('measurements.change')}</HeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {domains.map((domain) => (
            <TableRow key={domain.domain}>
              <HeaderCell scope="row">{domainName(instrument, domain.domain, t)}</HeaderCell>
              <Cell numeric>{domain.first === null ? '–' : format(domain.first)}</Cell>
              <Cell numeric>{domain.last === null ? '–' : format(domain.last)}</Cell>
              <Cell>
                {domain.direction ? (
                  <span className={`sk-direction sk-direction--${domain.direction}`}>
                    {t(`measurements.directions.${domain.direction}`)}
                    {domain.change !== null && domain.change !== 0 && ` (${signed(domain.change)})`}
                  </span>
                ) : (
                  <span className="sk-muted">{t('measurements.noComparison')}</span>
                )}
              </Cell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
