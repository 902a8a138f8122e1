// The werkbudget's year-end evaluation as a spreadsheet (issue 6: "exportable and printable").
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { EvaluationSchema } from './budget.schemas.js';

const euros = (cents: number | null) => (cents === null ? null : cents / 100);

export async function evaluationXlsx(
  evaluation: z.infer<typeof EvaluationSchema>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Samenkracht';
  const summary = workbook.addWorksheet('Samenvatting');
  summary.columns = [{ width: 44 }, { width: 18 }];
  summary.addRow([`Werkbudget ${evaluation.year}: evaluatie`]).font = { bold: true };
  summary.addRow(['Aantal keer ingezet', evaluation.uses]);
  summary.addRow(['Uitgegeven (EUR)', euros(evaluation.spentCents)]);
  summary.addRow([
    'Geschat financieel rendement (EUR)',
    euros(evaluation.estimatedFinancialReturnCents),
  ]);
  summary.addRow(['Rendement nog niet vastgelegd', evaluation.returnsMissing]);
  summary.addRow([]);
  summary.addRow(['Per categorie', 'Uitgegeven (EUR)']).font = { bold: true };
  for (const c of evaluation.byCategory)
    summary.addRow([`${c.category} (${c.uses}x)`, euros(c.spentCents)]);
  summary.addRow([]);
  summary.addRow(['Per team', 'Uitgegeven (EUR)']).font = { bold: true };
  for (const t of evaluation.byTeam)
    summary.addRow([`${t.teamName} (${t.uses}x)`, euros(t.spentCents)]);
  const cases = workbook.addWorksheet('Casussen');
  cases.columns = [
    { width: 50 },
    { width: 14 },
    { width: 18 },
    { width: 12 },
    { width: 12 },
    { width: 14 },
    { width: 60 },
    { width: 20 },
  ];
  cases.addRow([
    'Doel',
    'Netto bedrag (EUR)',
    'Waarvan correcties (EUR)',
    'Btw',
    'Betaald op',
    'Categorie',
    'Maatschappelijk rendement',
    'Financieel rendement (EUR)',
  ]).font = { bold: true };
  for (const c of evaluation.cases) {
    cases.addRow([
      c.purpose,
      euros(c.amountCents),
      euros(c.correctionsCents),
      c.vat,
      c.paidOn,
      c.category,
      c.socialReturn,
      euros(c.financialReturnCents),
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
