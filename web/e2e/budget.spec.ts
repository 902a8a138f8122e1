import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { expectAccessible, expectPage, signInAndWait, uniqueSuffix } from './helpers';

/** "€ 14.330,00" -> 1433000 */
function cents(text: string): number {
  const negative = /-/.test(text);
  const value = Number(text.replace(/[^\d]/g, ''));
  return negative ? -value : value;
}

async function remaining(page: Page): Promise<number> {
  return cents((await page.getByTestId('remaining').textContent()) ?? '');
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expectPage(page, 'Inloggen');
}

test.describe('werkbudget and execution budget', () => {
  // The demo's werkbudget holds a year of requests (its generated history): the pages, and axe on
  // them, take longer than a minute for these long scenarios on a busy machine.
  test.slow();

  test('a worker asks above the mandate, the team lead approves and pays', async ({ page }) => {
    const purpose = `Borg voor een kamer (${uniqueSuffix()})`;

    await signInAndWait(page, 'worker@maastricht.demo');
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as {
      user: { id: string };
    };
    const list = (await (
      await page.request.get(`/api/v1/trajectories?coordinatorId=${me.user.id}`)
    ).json()) as { items: { id: string; status: string }[] };
    const trajectory = list.items.find((item) => item.status !== 'closed');
    expect(trajectory, 'the demo worker coordinates an open trajectory').toBeTruthy();

    await page.goto(`/werkbudget/aanvragen?traject=${trajectory?.id ?? ''}`);
    await expectPage(page, 'Werkbudget aanvragen');
    await expect(page.getByText('Nog beschikbaar in', { exact: false })).toBeVisible();
    await expectAccessible(page);

    const form = page.locator('form#work-budget-request');
    await form.getByLabel('Waarvoor is het geld').fill(purpose);
    await form.getByLabel("Bedrag in euro's").fill('6OO');
    await form.getByRole('radio', { name: 'Vrijgesteld' }).check();
    await form
      .getByLabel('Waarom voorliggende voorzieningen en wetten dit niet dekken')
      .fill('De bijzondere bijstand komt pas over zes weken; de kamer is er nu.');
    await form
      .getByLabel('Wat is al geprobeerd (fondsen, netwerk)')
      .fill('Broer leent al de eerste huur; het fonds reageert niet binnen de termijn.');
    await form.getByRole('button', { name: 'Aanvraag indienen' }).click();
    await expect(
      form.getByText("Bedrag in euro's moet een bedrag in euro's zijn, zoals 490 of 490,00."),
    ).toBeVisible();
    await expectAccessible(page);

    await form.getByLabel("Bedrag in euro's").fill('600,00');
    await form.getByRole('button', { name: 'Aanvraag indienen' }).click();
    await expect(page.getByText('Ter beslissing bij de teamleider.')).toBeVisible();
    await expectAccessible(page);

    // The worker sees it among the year's requests, waiting.
    await page.getByRole('link', { name: 'Naar het werkbudget' }).click();
    await expectPage(page, 'Werkbudget');
    const mine = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: purpose }) });
    await expect(mine.getByText('Aangevraagd', { exact: true }).first()).toBeVisible();
    await expectAccessible(page);
    await signOut(page);

    // The team lead decides, seeing what is left first.
    await signInAndWait(page, 'teamlead@maastricht.demo');
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Werkbudget' })
      .click();
    await expectPage(page, 'Werkbudget');
    await expect(page.getByTestId('remaining')).toBeVisible();
    const before = await remaining(page);
    const decide = page
      .getByRole('region', { name: 'Te beslissen' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: purpose }) });
    await expect(decide.getByText(/^Nog beschikbaar in Sociaal Team Noordwest: €/)).toBeVisible();
    await expectAccessible(page);
    await decide
      .getByLabel(/Toelichting bij goedkeuren/)
      .fill('Akkoord, borg komt terug bij vertrek.');
    await decide.getByRole('button', { name: 'Goedkeuren' }).click();
    await expect(page.getByText(`Goedgekeurd: ${purpose}.`)).toBeVisible();
    await expect.poll(() => remaining(page)).toBe(before - 60_000);
    await expectAccessible(page);

    // The payment.
    const request = page
      .getByRole('region', { name: /^Alle aanvragen/ })
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: purpose }) });
    await request.getByRole('button', { name: 'Betaling vastleggen' }).click();
    await request.getByLabel('Betaald aan').fill('Kamerverhuur Maastricht');
    await request.getByLabel(/Kenmerk/).fill('BORG-1');
    await expectAccessible(page);
    await request.getByRole('button', { name: 'Betaling opslaan' }).click();
    await expect(page.getByText(`Betaling vastgelegd: ${purpose}.`)).toBeVisible();
    await expect(request.getByText('Betaald', { exact: true })).toBeVisible();
    await expect(request.getByText(/aan Kamerverhuur Maastricht, kenmerk BORG-1/)).toBeVisible();
    expect(await remaining(page)).toBe(before - 60_000);
    await expectAccessible(page);

    // A correction with bad input shows a field error.
    await request.getByRole('button', { name: 'Correctie' }).click();
    await request.getByLabel('Bedrag van de correctie').fill('tien');
    await request.getByLabel('Reden van de correctie').fill('Borg deels terug');
    await request.getByRole('button', { name: 'Correctie opslaan' }).click();
    await expect(
      request.locator('.sk-field-error', {
        hasText: /Bedrag van de correctie moet een bedrag in euro's zijn/,
      }),
    ).toBeVisible();
    await request.getByLabel('Bedrag van de correctie').fill('-50,00');
    await request.getByRole('button', { name: 'Correctie opslaan' }).click();
    await expect(page.getByText(`Correctie vastgelegd bij: ${purpose}.`)).toBeVisible();
    await expect.poll(() => remaining(page)).toBe(before - 60_000 + 5_000);
    await expectAccessible(page);
  });

  test('the municipality sees the execution budget in balance, the settings and the evaluation', async ({
    page,
  }) => {
    await signInAndWait(page, 'gemeente@maastricht.demo');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await nav.getByRole('link', { name: 'Begroting' }).click();
    await expectPage(page, 'Begroting');
    // The latest year with a budget opens first (the demo's last year, realised); 2018 holds
    // the college note's tables.
    const lastYear = String(new Date().getFullYear() - 1);
    await expect(page.getByLabel('Jaar')).toHaveValue(lastYear);
    await expect(page.getByText('In evenwicht.')).toBeVisible();
    await page.getByLabel('Jaar').selectOption('2018');
    await expect(page.getByLabel('Jaar')).toHaveValue('2018');
    await expect(page.getByText('In evenwicht.')).toBeVisible();
    await expect(page.getByText('Kosten en dekking zijn allebei € 524.788,00.')).toBeVisible();
    await expectAccessible(page);

    // The form opens with the saved lines, in euros.
    await page.getByRole('button', { name: 'Begroting bewerken' }).click();
    await expect(page.getByLabel('Bedrag kosten 1')).toHaveValue('332400,00');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Annuleren' }).click();

    await nav.getByRole('link', { name: 'Werkbudget' }).click();
    await expectPage(page, 'Werkbudget');
    await expect(page.getByRole('region', { name: 'Te beslissen' })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Budget instellen' }).click();
    await expectPage(page, 'Budget instellen');
    await expect(page.getByLabel('Basisbedrag')).toHaveValue('50000,00');
    await expect(page.getByLabel('Regisseur tot en met')).toHaveValue('250,00');
    await expectAccessible(page);

    await page.goto('/werkbudget/evaluatie');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      /^Jaarevaluatie werkbudget \d{4}$/,
    );
    await expect(page.getByRole('heading', { name: 'De casussen' })).toBeVisible();
    await expectAccessible(page);
  });
});
