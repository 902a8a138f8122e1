import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { expectAccessible, expectPage, signInAndWait } from './helpers';

const year = new Date().getFullYear();

/** The current year's cell of a row in a team's (or the city's) business-case table. */
function cell(page: Page, scope: string, row: RegExp) {
  return page
    .getByRole('region', { name: scope, exact: true })
    .getByRole('row', { name: row })
    .getByRole('cell')
    .last();
}

test.describe('business case', () => {
  test('the municipality sets a price and an assumption and sees the figures change', async ({
    page,
  }) => {
    // One long flow over two pages with four axe scans: more than the default minute on a busy machine.
    test.setTimeout(180_000);
    await signInAndWait(page, 'gemeente@maastricht.demo');
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Business case' })
      .click();
    await expectPage(page, 'Business case: kosten en besparingen');
    await expect(page.getByRole('heading', { name: 'Aannames (geen feiten)' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Methode' })).toBeVisible();
    const hours = cell(page, 'Sociaal Team Noordwest', /^Gedetacheerde uren/);
    await expect(hours).toContainText('€');
    const hoursBefore = await hours.textContent();
    const individual = cell(page, 'Sociaal Team Noordwest', /individuele begeleiding/);
    const individualBefore = await individual.textContent();
    // The demo leaves Thuiszorg De Mergel without an hourly price: reported, not counted as zero.
    const breakdown = page
      .getByRole('region', { name: 'Sociaal Team Noordwest', exact: true })
      .locator('details')
      .filter({ hasText: `Onderbouwing ${year}` });
    await breakdown.locator('summary').click();
    await expect(breakdown.getByText(/Thuiszorg De Mergel: geen uurprijs/)).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Prijslijst en aannames' }).click();
    await expectPage(page, 'Prijslijst en aannames');
    await expectAccessible(page);
    const priceForm = page.locator('form#price-new');
    await priceForm.getByLabel('Soort prijs').selectOption('organisation_hour');
    await priceForm.getByLabel('Partnerorganisatie').selectOption({ label: 'Thuiszorg De Mergel' });
    await priceForm.getByLabel("Bedrag in euro's").fill('70,00');
    await priceForm.getByLabel('Geldig vanaf').fill('2024-01-01');
    await priceForm.getByLabel('Bron').fill('Offerte De Mergel (test)');
    await priceForm.getByRole('button', { name: 'Prijs toevoegen' }).click();
    await expect(page.getByText('De prijs is opgeslagen.')).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Offerte De Mergel (test)' })).toBeVisible();

    // An overlapping price for the same organisation is refused, naming the field.
    await priceForm.getByLabel('Soort prijs').selectOption('organisation_hour');
    await priceForm.getByLabel('Partnerorganisatie').selectOption({ label: 'Thuiszorg De Mergel' });
    await priceForm.getByLabel("Bedrag in euro's").fill('75,00');
    await priceForm.getByLabel('Geldig vanaf').fill(`${year}-01-01`);
    await priceForm.getByLabel('Bron').fill('Dubbel');
    await priceForm.getByRole('button', { name: 'Prijs toevoegen' }).click();
    await expect(page.locator('.sk-error-summary')).toContainText('Geldig vanaf');
    await expectAccessible(page);

    await page
      .getByRole('button', {
        name: /^Wijzigen: Aanname: van de trajecten afgesloten zonder specialistische zorg had 30–50% anders 6–9 maanden individuele/,
      })
      .click();
    const assumptionForm = page.locator('form#assumption-edit');
    await assumptionForm.getByLabel('Aandeel, hoog (%)').fill('80');
    await assumptionForm.getByRole('button', { name: 'Opslaan' }).click();
    await expect(page.getByText('De aanname is opgeslagen.')).toBeVisible();
    await expect(page.getByText(/30–80% anders 6–9 maanden individuele begeleiding/)).toBeVisible();

    await page.getByRole('link', { name: 'Naar de business case' }).click();
    await expectPage(page, 'Business case: kosten en besparingen');
    await expect(hours).not.toHaveText(hoursBefore ?? '');
    const changed = cell(page, 'Sociaal Team Noordwest', /30–80% anders 6–9 maanden individuele/);
    await expect(changed).toContainText('€');
    expect(await changed.textContent()).not.toBe(individualBefore);
    await breakdown.locator('summary').click();
    await expect(breakdown.getByText(/€ 70,00 per uur/).first()).toBeVisible();
    await expect(breakdown.getByText(/Thuiszorg De Mergel: geen uurprijs/)).toHaveCount(0);
    await expectAccessible(page);
  });

  test('a worker has no business case in the menu and is refused on the page', async ({ page }) => {
    await signInAndWait(page, 'worker@maastricht.demo');
    await expect(
      page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Business case' }),
    ).toHaveCount(0);
    await page.goto('/business-case');
    await expect(page.getByText('Geen toegang', { exact: false }).first()).toBeVisible();
  });
});
