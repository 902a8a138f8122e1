// Dutch and English names of the categories that the monitor counts.
export type Label = { nl: string; en: string };

export const LABELS: Record<string, Record<string, Label>> = {
  source: {
    self: { nl: 'Inwoner zelf', en: 'Resident' },
    network: { nl: 'Netwerk', en: 'Network' },
    gp: { nl: 'Huisarts', en: 'GP' },
    housing_corporation: { nl: 'Woningcorporatie', en: 'Housing corporation' },
    police: { nl: 'Politie', en: 'Police' },
    work_and_income: { nl: 'Werk & Inkomen', en: 'Work & Income' },
    school: { nl: 'School', en: 'School' },
    outreach: { nl: 'Outreach door het team', en: 'Team outreach' },
    other: { nl: 'Anders', en: 'Other' },
  },
  triage: {
    advice_only: { nl: 'Alleen advies', en: 'Advice only' },
    single_problem: { nl: 'Enkelvoudige vraag', en: 'Single problem' },
    multiple_problems: {
      nl: 'Meervoudige problematiek (traject)',
      en: 'Multiple problems (trajectory)',
    },
    youth_family: { nl: 'Jeugd & Gezin', en: 'Youth & family' },
    out_of_scope: { nl: 'Valt buiten het team', en: 'Out of scope' },
    pending: { nl: 'Nog niet getrieerd', en: 'Not yet triaged' },
  },
  domain: {
    finances: { nl: 'Financiën', en: 'Finances' },
    work_and_education: { nl: 'Werk en opleiding', en: 'Work and education' },
    daytime_activities: { nl: 'Dagbesteding', en: 'Daytime activities' },
    housing: { nl: 'Huisvesting', en: 'Housing' },
    domestic_relations: { nl: 'Huiselijke relaties', en: 'Domestic relations' },
    mental_health: { nl: 'Geestelijke gezondheid', en: 'Mental health' },
    physical_health: { nl: 'Lichamelijke gezondheid', en: 'Physical health' },
    substance_use: { nl: 'Middelengebruik', en: 'Substance use' },
    self_care: { nl: 'Zelfzorg', en: 'Self-care' },
    daily_activities: { nl: 'Dagelijkse activiteiten (ADL)', en: 'Daily activities' },
    social_network: { nl: 'Sociaal netwerk', en: 'Social network' },
    participation: { nl: 'Maatschappelijke participatie', en: 'Participation' },
    justice: { nl: 'Justitie', en: 'Justice' },
    parenting: { nl: 'Opvoeding', en: 'Parenting' },
  },
  ageBand: {
    '0-17': { nl: '0-17 jaar', en: '0-17 years' },
    '18-26': { nl: '18-26 jaar', en: '18-26 years' },
    '27-44': { nl: '27-44 jaar', en: '27-44 years' },
    '45-64': { nl: '45-64 jaar', en: '45-64 years' },
    '65-79': { nl: '65-79 jaar', en: '65-79 years' },
    '80+': { nl: '80 jaar en ouder', en: '80 and over' },
    unknown: { nl: 'Onbekend', en: 'Unknown' },
  },
  householdSize: {
    '1': { nl: '1 persoon', en: '1 person' },
    '2': { nl: '2 personen', en: '2 people' },
    '3-4': { nl: '3-4 personen', en: '3-4 people' },
    '5+': { nl: '5 of meer', en: '5 or more' },
  },
  durationBand: {
    under_3_months: { nl: 'Korter dan 3 maanden', en: 'Under 3 months' },
    '3_6_months': { nl: '3-6 maanden', en: '3-6 months' },
    '6_12_months': { nl: '6-12 maanden', en: '6-12 months' },
    '1_2_years': { nl: '1-2 jaar', en: '1-2 years' },
    over_2_years: { nl: 'Langer dan 2 jaar', en: 'Over 2 years' },
  },
  referralKind: {
    volunteer: { nl: 'Vrijwilliger', en: 'Volunteer' },
    collective: { nl: 'Collectieve voorziening', en: 'Collective provision' },
    specialist: { nl: 'Specialist', en: 'Specialist' },
    youth_family_team: { nl: 'Jeugd & Gezin', en: 'Youth & family team' },
    warm_referral: { nl: 'Warme overdracht (buiten het team)', en: 'Warm referral (out of scope)' },
    specialist_task: { nl: 'Specialist vliegt in voor een taak', en: 'Specialist for a task' },
    handover: { nl: 'Overdracht', en: 'Hand-over' },
    wmo_advice: { nl: 'Advies Wmo-voorziening', en: 'Wmo advice' },
  },
  ownerType: {
    resident: { nl: 'Inwoner zelf', en: 'Resident' },
    network: { nl: 'Netwerk', en: 'Network' },
    volunteer: { nl: 'Vrijwilliger', en: 'Volunteer' },
    collective: { nl: 'Collectieve voorziening', en: 'Collective provision' },
    team: { nl: 'Buurtteam', en: 'Team' },
    specialist: { nl: 'Specialist', en: 'Specialist' },
  },
  signal: {
    received: { nl: 'Ontvangen', en: 'Received' },
    matched: { nl: 'Gekoppeld aan een bekend huishouden', en: 'Matched to a known household' },
    reached: { nl: 'Bereikt', en: 'Reached' },
    support: { nl: 'Omgezet in hulp (aanmelding)', en: 'Turned into support' },
  },
};

export const label = (group: string, key: string): Label =>
  LABELS[group]?.[key] ?? { nl: key, en: key };
