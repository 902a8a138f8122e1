import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { expectAccessible, expectPage, signInAndWait } from './helpers';

// The demo seed grows while other specs run: these tests assert on the structure of the report
// and on the filters, not on exact counts.

test.describe('monitor and public report', () => {
  test('the municipality filters the monitor, sees a chart and downloads the xlsx', async ({
    page,
  }) => {
    await signInAndWait(page, 'gemeente@maastricht.demo');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await nav.getByRole('link', { name: 'Monitor', exact: true }).click();
    await expectPage(page, 'Monitor');
    await expect(
      page.getByRole('heading', { level: 2, name: 'Bereik', exact: true }),
    ).toBeVisible();
    await expect(page.getByText(/Cijfers over 01-01-\d{4} tot en met/)).toBeVisible();
    await expectAccessible(page);

    const year = Number(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(
        new Date(),
      ),
    );
    const form = page.locator('form#monitor-filters');
    await form.getByLabel('Periode van').fill(`${year - 1}-07-01`);
    await form.getByLabel('Periode tot en met').fill(`${year}-12-31`);
    await form.getByLabel('Team').selectOption({ label: 'Sociaal Team Noordwest' });
    await form.getByRole('button', { name: 'Toon cijfers' }).click();
    await expect(
      page.getByText(
        `Cijfers over 01-07-${year - 1} tot en met 31-12-${year}, Sociaal Team Noordwest.`,
      ),
    ).toBeVisible();

    const chart = page.getByRole('img', { name: /Staafdiagram: Aanmeldingen per bron/ });
    await expect(chart).toBeVisible();
    await expect(chart.locator('svg')).toBeVisible();
    const table = page.getByRole('table', { name: 'Aanmeldingen per bron' });
    await expect(table.getByRole('rowheader', { name: 'Inwoner zelf' })).toBeVisible();
    await expect(table.getByRole('rowheader', { name: 'Totaal' })).toBeVisible();
    await expect(page.getByText('Werkdagen tot eerste contact (mediaan)')).toBeVisible();
    await expectAccessible(page);

    // The spreadsheet carries the same filters.
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Excel (xlsx)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`monitor-${year - 1}-07-01-${year}-12-31.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const filters = workbook.getWorksheet('Filters');
    expect(filters).toBeTruthy();
    const lines: string[] = [];
    filters?.eachRow((row) => {
      lines.push(
        [row.getCell(1).text, row.getCell(2).text].filter((text) => text !== '').join(': '),
      );
    });
    expect(lines).toContain(`Periode / Period: ${year - 1}-07-01 t/m ${year}-12-31`);
    expect(lines).toContain('Teams: Sociaal Team Noordwest');
    expect(workbook.getWorksheet('Bereik')).toBeTruthy();

    // The CSV link carries the same query.
    await expect(page.getByRole('link', { name: 'CSV' })).toHaveAttribute(
      'href',
      new RegExp(
        `^/api/v1/reports/monitor\\.csv\\?from=${year - 1}-07-01&to=${year}-12-31&teamId=`,
      ),
    );

    // The ZRM analysis: per domain the paired test, for the same team and period.
    const zrm = page.getByRole('table', { name: /ZRM-2017, start tegen drie maanden, per domein/ });
    await expect(zrm.getByRole('rowheader', { name: 'Financiën' })).toBeVisible();
    await expect(zrm.getByRole('columnheader', { name: 'p-waarde' })).toBeVisible();
    await page.getByLabel('Vergelijking').selectOption('start_closure');
    await expect(
      page.getByRole('table', { name: /ZRM-2017, start tegen afsluiting, per domein/ }),
    ).toBeVisible();
    await expectAccessible(page);

    // Teams side by side.
    await page.getByRole('checkbox', { name: 'Teams naast elkaar' }).check();
    const compare = page.getByRole('table', { name: 'Kerncijfers per team in de gekozen periode' });
    await expect(compare.getByRole('columnheader', { name: 'Sociaal Team Oost' })).toBeVisible();
    await expectAccessible(page);
  });

  test('the public report hides counts below five', async ({ page }) => {
    await signInAndWait(page, 'worker@maastricht.demo');
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Publieksrapportage' })
      .click();
    await expectPage(page, 'Publieksrapportage');
    await expect(page.getByText(/Aantallen onder de vijf staan er als "<5"/)).toBeVisible();
    // Only whole months, quarters and years that are over; last month is the default. One buurt
    // over one month: small counts whatever the demo's history holds.
    const form = page.locator('form#public-filters');
    await expect(form.getByLabel('Soort periode')).toHaveValue('month');
    await form.getByLabel('Buurt').selectOption({ label: 'Caberg' });
    await form.getByRole('button', { name: 'Toon cijfers' }).click();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
      new Date(),
    );
    const [year = 0, month = 1] = today.split('-').map(Number);
    const [y, m] = new Date(Date.UTC(year, month - 2, 1)).toISOString().slice(0, 7).split('-');
    await expect(page.getByText(new RegExp(`Cijfers over 01-${m}-${y} tot en met`))).toBeVisible();
    const table = page.getByRole('table', { name: 'Leeftijd van de aangemelde inwoner' });
    await expect(table.getByRole('cell', { name: '<5' }).first()).toBeVisible();
    await expect(
      page.getByText('<5: minder dan vijf (ook nul), niet getoond.').first(),
    ).toBeVisible();
    // A referral kind, a life domain and the buurt have their rows also when there were none
    // (then "<5" like 1-4: a missing row would say "none").
    await expect(
      page
        .getByRole('table', { name: 'Verwijzingen' })
        .getByRole('rowheader', { name: 'Overdracht', exact: true }),
    ).toBeVisible();
    await expect(
      page
        .getByRole('table', { name: 'Leefgebieden in de aanmeldingen' })
        .getByRole('rowheader', { name: 'Justitie' }),
    ).toBeVisible();
    await expect(
      page
        .getByRole('table', { name: 'Aanmeldingen per buurt' })
        .getByRole('rowheader', { name: 'Caberg' }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Afdrukken' })).toBeVisible();
    await expectAccessible(page);

    // The worker has no monitor of their own.
    await expect(
      page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Monitor' }),
    ).toHaveCount(0);
  });
});
