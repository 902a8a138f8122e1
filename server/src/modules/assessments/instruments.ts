// The instruments the product knows: domain names and level labels are public facts; the
// per-level description texts are licensed and loaded per municipality (instrument_texts).
import type { InstrumentKey } from '../../db/schema.js';

export interface InstrumentDefinition {
  key: InstrumentKey;
  name: string;
  kind: 'zrm' | 'positive_health';
  domains: { key: string; name: string; nameEn: string }[];
  scale: { min: number; max: number; step: number };
  levels: { value: number; label: string; labelEn: string }[];
}

/**
 * The versions of the Zelfredzaamheidsmatrix: a municipality uses one at a time, but measurements
 * of both count as one series (shared domains) after a switch, so queries ask for either.
 */
export const ZRM_INSTRUMENTS = ['zrm-2013', 'zrm-2017'] as const;

const ZRM_LEVELS = [
  { value: 1, label: 'Acute problematiek', labelEn: 'Acute problems' },
  { value: 2, label: 'Niet zelfredzaam', labelEn: 'Not self-sufficient' },
  { value: 3, label: 'Beperkt zelfredzaam', labelEn: 'Limited self-sufficiency' },
  { value: 4, label: 'Voldoende zelfredzaam', labelEn: 'Sufficiently self-sufficient' },
  { value: 5, label: 'Volledig zelfredzaam', labelEn: 'Fully self-sufficient' },
];

const d = (key: string, name: string, nameEn: string) => ({ key, name, nameEn });

export const INSTRUMENTS: Record<InstrumentKey, InstrumentDefinition> = {
  'zrm-2013': {
    key: 'zrm-2013',
    name: 'Zelfredzaamheid-Matrix (2010/2013, 11 domeinen)',
    kind: 'zrm',
    domains: [
      d('finances', 'Financiën', 'Finances'),
      d('daytime_activities', 'Dagbesteding', 'Daytime activities'),
      d('housing', 'Huisvesting', 'Housing'),
      d('domestic_relations', 'Huiselijke relaties', 'Domestic relations'),
      d('mental_health', 'Geestelijke gezondheid', 'Mental health'),
      d('physical_health', 'Lichamelijke gezondheid', 'Physical health'),
      d('substance_use', 'Verslaving', 'Addiction'),
      d('adl', 'Activiteiten Dagelijks Leven (ADL)', 'Activities of daily living'),
      d('social_network', 'Sociaal netwerk', 'Social network'),
      d('participation', 'Maatschappelijke participatie', 'Community participation'),
      d('justice', 'Justitie', 'Justice'),
    ],
    scale: { min: 1, max: 5, step: 1 },
    levels: ZRM_LEVELS,
  },
  'zrm-2017': {
    key: 'zrm-2017',
    name: 'Zelfredzaamheid-Matrix (2017, 13 domeinen)',
    kind: 'zrm',
    domains: [
      d('finances', 'Financiën', 'Finances'),
      d('work_and_education', 'Werk & Opleiding', 'Work & education'),
      d('time_use', 'Tijdsbesteding', 'Time use'),
      d('housing', 'Huisvesting', 'Housing'),
      d('domestic_relations', 'Huiselijke relaties', 'Domestic relations'),
      d('mental_health', 'Geestelijke gezondheid', 'Mental health'),
      d('physical_health', 'Lichamelijke gezondheid', 'Physical health'),
      d('substance_use', 'Middelengebruik', 'Substance use'),
      d('basic_adl', 'Basale ADL', 'Basic ADL'),
      d('instrumental_adl', 'Instrumentele ADL', 'Instrumental ADL'),
      d('social_network', 'Sociaal netwerk', 'Social network'),
      d('participation', 'Maatschappelijke participatie', 'Community participation'),
      d('justice', 'Justitie', 'Justice'),
    ],
    scale: { min: 1, max: 5, step: 1 },
    levels: ZRM_LEVELS,
  },
  'positive-health': {
    key: 'positive-health',
    name: 'Positieve Gezondheid (6 dimensies)',
    kind: 'positive_health',
    domains: [
      d('bodily_functions', 'Lichaamsfuncties', 'Bodily functions'),
      d('mental_wellbeing', 'Mentaal welbevinden', 'Mental well-being'),
      d('meaning', 'Zingeving', 'Meaningfulness'),
      d('quality_of_life', 'Kwaliteit van leven', 'Quality of life'),
      d('participation', 'Meedoen', 'Participation'),
      d('daily_functioning', 'Dagelijks functioneren', 'Daily functioning'),
    ],
    scale: { min: 0, max: 10, step: 0.1 },
    levels: [],
  },
};

export function isZrm(key: InstrumentKey): boolean {
  return INSTRUMENTS[key].kind === 'zrm';
}

/** Which ZRM domains two versions share, so old measurements stay comparable after a switch. */
export function sharedDomains(a: InstrumentKey, b: InstrumentKey): string[] {
  const other = new Set(INSTRUMENTS[b].domains.map((x) => x.key));
  return INSTRUMENTS[a].domains.map((x) => x.key).filter((k) => other.has(k));
}
