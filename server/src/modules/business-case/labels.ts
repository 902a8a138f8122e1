// Names of the priced things and the assumption written out as a sentence, in Dutch and English.
import type { ProvisionCategory } from '../../db/schema.js';

export interface Label {
  nl: string;
  en: string;
}

export const PROVISION_LABELS: Record<ProvisionCategory, Label> = {
  individual_support: { nl: 'individuele begeleiding (Wmo)', en: 'individual support (Wmo)' },
  day_activities: { nl: 'dagbesteding', en: 'day activities' },
  supported_housing: { nl: 'beschermd of begeleid wonen', en: 'supported housing' },
  household_help: { nl: 'hulp bij het huishouden', en: 'household help' },
  specialist_youth_care: { nl: 'specialistische jeugdhulp', en: 'specialist youth care' },
  specialist_care: { nl: 'specialistische zorg (tweede lijn)', en: 'specialist care' },
  wmo_provision: {
    nl: 'Wmo-voorziening (vervoer, hulpmiddel, woningaanpassing)',
    en: 'Wmo provision (transport, aid, home adaptation)',
  },
};

export const BENEFIT_LABEL: Label = {
  nl: 'uitkering (bijstand)',
  en: 'benefit (social assistance)',
};

export const BASIS_LABELS: Record<'closed_without_specialist_care' | 'closed_trajectories', Label> =
  {
    closed_without_specialist_care: {
      nl: 'trajecten afgesloten zonder specialistische zorg',
      en: 'trajectories closed without specialist care',
    },
    closed_trajectories: { nl: 'afgesloten trajecten', en: 'closed trajectories' },
  };

export interface AssumptionFields {
  basis: 'closed_without_specialist_care' | 'closed_trajectories';
  priceKind: 'provision' | 'benefit';
  provision: ProvisionCategory | null;
  shareLowPercent: number;
  shareHighPercent: number;
  monthsLow: number;
  monthsHigh: number;
}

const range = (low: number, high: number) => (low === high ? `${low}` : `${low}–${high}`);

/** "Van de trajecten afgesloten zonder specialistische zorg had 30–50% anders 9–12 maanden ..." */
export function assumptionSentence(a: AssumptionFields): Label {
  const what =
    a.priceKind === 'benefit' ? BENEFIT_LABEL : PROVISION_LABELS[a.provision ?? 'specialist_care'];
  const basis = BASIS_LABELS[a.basis];
  return {
    nl: `Aanname: van de ${basis.nl} had ${range(a.shareLowPercent, a.shareHighPercent)}% anders ${range(a.monthsLow, a.monthsHigh)} maanden ${what.nl} nodig gehad (laag–hoog).`,
    en: `Assumption: of the ${basis.en}, ${range(a.shareLowPercent, a.shareHighPercent)}% would otherwise have needed ${what.en} for ${range(a.monthsLow, a.monthsHigh)} months (low–high).`,
  };
}
