// The business case as a spreadsheet: the comparison, the drill-down (every part with its
// arithmetic) and the assumptions and method written out, in Dutch with English beside it.
import ExcelJS from 'exceljs';
import type { BusinessCase, Column } from './business-case.schemas.js';

const euros = (cents: number | null) => (cents === null ? null : cents / 100);

/** The method in plain words; the same text stands on the page (web i18n) and in docs. */
export const METHOD: [string, string][] = [
  [
    'Kosten: de gerealiseerde kosten van de uitvoeringsbegroting, verdeeld over de teams naar hun aandeel in de uren per week, plus de gedetacheerde uren van partnerorganisaties × hun uurprijs (uren die al via de uitvoeringsbegroting betaald worden, tellen niet dubbel).',
    "Costs: the realised costs of the execution budget, shared over the teams by their share of the hours per week, plus partner organisations' seconded hours × their hourly price (hours already paid through the execution budget are not counted twice).",
  ],
  [
    'Prijswijziging midden in het jaar: een gebeurtenis (verwijzing, afsluiting) krijgt de prijs die gold op de dag dat zij plaatsvond; uren worden per dag geprijsd (uren per week × dagen / 7 × de uurprijs van die dagen).',
    'A price change in the middle of a year: an event (referral, closure) is priced at the price valid on the day it happened; hours are priced per day (hours a week × days / 7 × the hourly price of those days).',
  ],
  [
    'Besparingen zijn een schatting. Het financieel rendement van het werkbudget is zoals het team het vastlegde (maandbedrag × maanden). Vermeden kosten volgen uit aannames van de gemeente, elk met een lage en een hoge variant; de aanname staat naast elk bedrag.',
    'Savings are an estimate. The financial return of the werkbudget is as the team recorded it (monthly amount × months). Avoided costs follow from assumptions of the municipality, each with a low and a high variant; the assumption stands next to every amount.',
  ],
  [
    'Verwijzingen naar maatwerk en specialistische zorg die wél gemaakt zijn, worden geteld en geprijsd op één jaar van de voorziening, ter vergelijking; zij tellen niet mee in de besparing.',
    'Referrals to individual provisions and specialist care that were made are counted and priced at one year of the provision, for comparison; they do not count in the savings.',
  ],
  [
    'Wat niet geprijsd kan worden (geen prijs, geen realisatie, geen inwonertal) staat als ontbrekend vermeld en telt nooit als nul. Kosten per inwoner alleen als alle buurten van het werkgebied een inwonertal hebben.',
    'What cannot be priced (no price, no realisation, no number of inhabitants) is listed as missing and never counted as zero. Cost per inhabitant only when every buurt of the working area has a number of inhabitants.',
  ],
  [
    'Uren per week zijn de huidige uren van de medewerkers (de geschiedenis van uren wordt niet bijgehouden); wie in meer teams werkt, telt in elk team voor een gelijk deel.',
    "Hours a week are the staff's current hours (the history of hours is not kept); someone in several teams counts in each for an equal part.",
  ],
];

const title = (col: Column) => `${col.year} ${col.teamName}`;

export async function businessCaseXlsx(bc: BusinessCase): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Samenkracht';
  const sheet = workbook.addWorksheet('Business case');
  sheet.columns = [{ width: 60 }, ...bc.columns.map(() => ({ width: 22 }))];
  sheet.addRow([
    'Business case sociale wijkteams (bedragen in EUR)',
    ...bc.columns.map(title),
  ]).font = { bold: true };
  const row = (label: string, pick: (c: Column) => number | null) =>
    sheet.addRow([label, ...bc.columns.map((c) => euros(pick(c)))]);
  const count = (label: string, pick: (c: Column) => number | null) =>
    sheet.addRow([label, ...bc.columns.map(pick)]);
  sheet.addRow(['Kosten / Costs']).font = { bold: true };
  for (const key of ['execution_budget', 'seconded_hours']) {
    const first = bc.columns[0]?.costs.lines.find((l) => l.key === key);
    row(
      `${first?.label.nl ?? key} / ${first?.label.en ?? key}`,
      (c) => c.costs.lines.find((l) => l.key === key)?.cents ?? 0,
    );
  }
  row('Totale kosten / Total costs', (c) => c.costs.totalCents).font = { bold: true };
  count('Trajecten / Trajectories', (c) => c.reach.trajectories);
  count('Bereikte inwoners / Residents reached', (c) => c.reach.residentsReached);
  count('Inwoners werkgebied / Inhabitants of the working area', (c) => c.reach.inhabitants);
  row('Kosten per traject / Cost per trajectory', (c) => c.perTrajectoryCents);
  row('Kosten per bereikte inwoner / Cost per resident reached', (c) => c.perResidentCents);
  row('Kosten per inwoner / Cost per inhabitant', (c) => c.perInhabitantCents);
  sheet.addRow([]);
  sheet.addRow(['Geschatte besparingen / Estimated savings (schatting / estimate)']).font = {
    bold: true,
  };
  count(
    'Afgesloten zonder specialistische zorg / Closed without specialist care',
    (c) => c.savings.closedWithoutSpecialistCare,
  );
  row(
    'Financieel rendement werkbudget / Werkbudget return',
    (c) => c.savings.workBudgetReturns.cents,
  );
  for (const a of bc.assumptions.filter((x) => x.active)) {
    const pick = (c: Column) => c.savings.avoided.find((x) => x.assumptionId === a.id);
    row(`LAAG / LOW: ${a.sentence.nl}`, (c) => pick(c)?.lowCents ?? 0);
    row(`HOOG / HIGH: ${a.sentence.nl}`, (c) => pick(c)?.highCents ?? 0);
  }
  row('Besparing laag / Savings low', (c) => c.savings.lowCents).font = { bold: true };
  row('Besparing hoog / Savings high', (c) => c.savings.highCents).font = { bold: true };
  row('Saldo laag / Balance low', (c) => c.balanceLowCents).font = { bold: true };
  row('Saldo hoog / Balance high', (c) => c.balanceHighCents).font = { bold: true };
  sheet.addRow([]);
  count(
    'Verwijzingen maatwerk/specialistisch (aantal) / Referrals (count)',
    (c) => c.referralsMade.count,
  );
  row(
    'Verwijzingen, geprijsd op één jaar / Referrals priced at one year',
    (c) => c.referralsMade.cents,
  );

  const parts = workbook.addWorksheet('Onderbouwing');
  parts.columns = [
    { width: 8 },
    { width: 28 },
    { width: 40 },
    { width: 44 },
    { width: 80 },
    { width: 16 },
    { width: 12 },
  ];
  parts.addRow(['Jaar', 'Team', 'Post', 'Onderdeel', 'Berekening', 'EUR', 'Schatting']).font = {
    bold: true,
  };
  for (const c of bc.columns) {
    const lines = [
      ...c.costs.lines,
      c.savings.workBudgetReturns,
      ...c.savings.avoided.flatMap((a) => [
        { label: { nl: `LAAG: ${a.sentence.nl}` }, parts: a.lowParts },
        { label: { nl: `HOOG: ${a.sentence.nl}` }, parts: a.highParts },
      ]),
      c.referralsMade,
    ];
    for (const l of lines)
      for (const p of l.parts)
        parts.addRow([
          c.year,
          c.teamName,
          l.label.nl,
          p.label.nl,
          p.formula.nl,
          euros(p.cents),
          p.estimate ? 'ja' : 'nee',
        ]);
    for (const m of c.missing) parts.addRow([c.year, c.teamName, 'Ontbreekt', m.nl]);
    for (const m of c.reach.missingInhabitants)
      parts.addRow([c.year, c.teamName, 'Ontbreekt', `Geen inwonertal: ${m.name} (${m.code})`]);
  }

  const method = workbook.addWorksheet('Aannames en methode');
  method.columns = [{ width: 100 }, { width: 100 }];
  method.addRow([
    'Aannames (door de gemeente gezet)',
    'Assumptions (set by the municipality)',
  ]).font = { bold: true };
  for (const a of bc.assumptions)
    method.addRow([
      `${a.sentence.nl}${a.active ? '' : ' (niet actief)'}${a.sourceNote ? ` Bron: ${a.sourceNote}` : ''}`,
      `${a.sentence.en}${a.active ? '' : ' (inactive)'}`,
    ]);
  method.addRow([]);
  method.addRow(['Methode', 'Method']).font = { bold: true };
  for (const [nl, en] of METHOD) method.addRow([nl, en]);
  for (const r of [method]) r.getColumn(1).alignment = { wrapText: true, vertical: 'top' };
  method.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
