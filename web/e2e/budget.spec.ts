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

/** The signed-in person's CSRF token: for what a colleague saves in between, through the API. */
async function csrfHeaders(page: Page): Promise<Record<string, string>> {
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
  return { 'x-csrf-token': me.csrfToken };
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

  test('a save in between makes the settings form say so, keeping what was typed', async ({
    page,
  }) => {
    // Next year has no werkbudget in the demo: two people set it up at the same time.
    const year = new Date().getFullYear() + 1;
    await signInAndWait(page, 'gemeente@maastricht.demo');
    await page.goto('/werkbudget/instellen');
    await expectPage(page, 'Budget instellen');
    await page.getByLabel('Jaar').selectOption(String(year));
    await expect(page.getByText(`Er is nog geen werkbudget voor ${year} ingesteld.`)).toBeVisible();
    const form = page.locator('form#work-budget-settings');
    await form.getByLabel('Basisbedrag').fill('40000');
    await form.getByRole('button', { name: 'Aanvulling toevoegen' }).click();
    await form.getByLabel('Bron aanvulling 1').fill('Armoedebudget jeugd');
    await form.getByLabel('Bedrag aanvulling 1').fill('5000');

    // Meanwhile a colleague sets up the year, with a top-up of their own.
    const colleague = await page.request.put(`/api/v1/work-budgets/${year}`, {
      headers: await csrfHeaders(page),
      data: {
        version: 0,
        totalCents: 3_000_000,
        topUps: [{ source: 'Schuldhulpgelden', cents: 1_000_000 }],
      },
    });
    expect(colleague.status()).toBe(200);

    await form.getByRole('button', { name: 'Werkbudget opslaan' }).click();
    const conflict = page
      .getByRole('alert')
      .filter({ hasText: `Iemand anders heeft het werkbudget voor ${year} intussen gewijzigd.` });
    await expect(conflict).toBeVisible();
    await expect(page.getByText(`Er is nog geen werkbudget voor ${year} ingesteld.`)).toBeHidden();
    // The message takes the focus, so that a screen reader user hears it.
    await expect(page.locator('.sk-notice', { has: conflict })).toBeFocused();
    await expect(form.getByLabel('Basisbedrag')).toHaveValue('40000');
    await expectAccessible(page);
    await page.screenshot({
      path: test.info().outputPath('werkbudget-settings-conflict.png'),
      fullPage: true,
    });
    // Nothing of this form was saved: the colleague's figures stand.
    const between = (await (await page.request.get(`/api/v1/work-budgets/${year}`)).json()) as {
      totalCents: number;
    };
    expect(between.totalCents).toBe(3_000_000);

    // Loading the newer figures shows them and keeps what was typed.
    await conflict.getByRole('button', { name: 'Laad de nieuwe bedragen' }).click();
    const reloaded = page
      .getByRole('status')
      .filter({ hasText: `Dit is nu opgeslagen voor ${year}.` });
    await expect(reloaded).toBeVisible();
    await expect(reloaded.getByText(/Schuldhulpgelden: €\s?10\.000,00/)).toBeVisible();
    await expect(conflict).toBeHidden();
    await expect(form.getByLabel('Basisbedrag')).toHaveValue('40000');
    await expect(form.getByLabel('Bron aanvulling 1')).toHaveValue('Armoedebudget jeugd');
    await expectAccessible(page);
    await page.screenshot({
      path: test.info().outputPath('werkbudget-settings-reloaded.png'),
      fullPage: true,
    });

    // Taking over the colleague's top-up, the form saves on the newer version.
    await form.getByRole('button', { name: 'Aanvulling toevoegen' }).click();
    await form.getByLabel('Bron aanvulling 2').fill('Schuldhulpgelden');
    await form.getByLabel('Bedrag aanvulling 2').fill('10000');
    await form.getByRole('button', { name: 'Werkbudget opslaan' }).click();
    await expect(page.getByText(`Het werkbudget voor ${year} is opgeslagen.`)).toBeVisible();
    const saved = (await (await page.request.get(`/api/v1/work-budgets/${year}`)).json()) as {
      totalCents: number;
      topUps: { source: string; cents: number }[];
      version: number;
    };
    expect(saved).toMatchObject({
      totalCents: 4_000_000,
      topUps: [
        { source: 'Armoedebudget jeugd', cents: 500_000 },
        { source: 'Schuldhulpgelden', cents: 1_000_000 },
      ],
      version: 2,
    });
  });

  test('a return recorded in between makes the return form say so, keeping what was typed', async ({
    page,
  }) => {
    const purpose = `Sportschoolabonnement (${uniqueSuffix()})`;
    await signInAndWait(page, 'worker@maastricht.demo');
    const headers = await csrfHeaders(page);
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as {
      user: { id: string };
    };
    const list = (await (
      await page.request.get(`/api/v1/trajectories?coordinatorId=${me.user.id}`)
    ).json()) as { items: { id: string; status: string }[] };
    const trajectory = list.items.find((item) => item.status !== 'closed');
    const asked = await page.request.post('/api/v1/work-budget-requests', {
      headers,
      data: {
        trajectoryId: trajectory?.id,
        purpose,
        amountCents: 10_000,
        vat: 'included',
        justification: 'Beweging helpt tegen de somberheid; geen regeling betaalt dit.',
        alternativesTried: 'Het fonds vergoedt alleen clubs voor kinderen.',
      },
    });
    expect(asked.status(), await asked.text()).toBe(201);
    const { id } = (await asked.json()) as { id: string };
    const paid = await page.request.post(`/api/v1/work-budget-requests/${id}/pay`, {
      headers,
      data: { paidOn: new Date().toISOString().slice(0, 10), payee: 'Sportschool Caberg' },
    });
    expect(paid.status()).toBe(200);

    await page.goto('/werkbudget');
    await expectPage(page, 'Werkbudget');
    const request = page
      .getByRole('region', { name: /^Alle aanvragen/ })
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: purpose }) });
    await request.getByRole('button', { name: 'Rendement vastleggen' }).click();
    await request.getByLabel('Maatschappelijk rendement').fill('Gaat weer de deur uit.');
    await request.getByLabel('Categorie').selectOption({ label: 'Meedoen' });

    // Meanwhile a colleague records the return.
    const colleague = await page.request.post(`/api/v1/work-budget-requests/${id}/return`, {
      headers,
      data: { social: 'Slaapt beter en sport twee keer per week.', category: 'health' },
    });
    expect(colleague.status()).toBe(200);

    await request.getByRole('button', { name: 'Rendement opslaan' }).click();
    const conflict = request.getByRole('alert').filter({
      hasText: 'Iemand anders heeft het rendement van deze aanvraag intussen vastgelegd.',
    });
    await expect(conflict).toBeVisible();
    await expectAccessible(page);
    await conflict.getByRole('button', { name: 'Laad het nieuwe rendement' }).click();
    await expect(request.getByText('Het nieuwe rendement staat nu bij de aanvraag.')).toBeVisible();
    await expect(
      request.getByText('Gezondheid: Slaapt beter en sport twee keer per week.'),
    ).toBeVisible();
    await expect(request.getByLabel('Maatschappelijk rendement')).toHaveValue(
      'Gaat weer de deur uit.',
    );
    await expectAccessible(page);

    await request.getByRole('button', { name: 'Rendement opslaan' }).click();
    await expect(page.getByText(`Rendement vastgelegd: ${purpose}.`)).toBeVisible();
    await expect(request.getByText('Meedoen: Gaat weer de deur uit.')).toBeVisible();
    const stored = (
      (await (await page.request.get('/api/v1/work-budget-requests')).json()) as {
        items: { id: string; return: { social: string; version: number } | null }[];
      }
    ).items.find((item) => item.id === id);
    expect(stored?.return).toMatchObject({ social: 'Gaat weer de deur uit.', version: 2 });
  });
});
