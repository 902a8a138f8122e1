import type { Browser, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  expectAccessible,
  expectPage,
  openTrajectoryViaApi,
  signInAndWait,
  uniqueSuffix,
} from './helpers';

/** JSON calls to the API as the user signed in on `page` (with the session's CSRF token). */
async function apiOf(page: Page) {
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': me.csrfToken };
  const expectOk = async (response: Awaited<ReturnType<Page['request']['get']>>) => {
    expect(response.ok(), `${response.url()}: ${response.status()} ${await response.text()}`).toBe(
      true,
    );
    const body: unknown = await response.json();
    return body;
  };
  return {
    get: async (path: string) => expectOk(await page.request.get(path)),
    post: async (path: string, data: unknown) =>
      expectOk(await page.request.post(path, { headers, data })),
    put: async (path: string, data: unknown) =>
      expectOk(await page.request.put(path, { headers, data })),
  };
}

/** Switches Positieve Gezondheid on or off for the demo municipality, as its admin. */
async function usePositiveHealth(browser: Browser, baseURL: string | undefined, on: boolean) {
  const context = await browser.newContext({ baseURL });
  const admin = await context.newPage();
  await signInAndWait(admin, 'admin@maastricht.demo');
  await (
    await apiOf(admin)
  ).put('/api/v1/instrument-settings', { zrmInstrument: 'zrm-2017', positiveHealthEnabled: on });
  await context.close();
}

const ZRM_2017 = [
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
];
const zrm = (finances: number) =>
  Object.fromEntries(ZRM_2017.map((domain) => [domain, domain === 'finances' ? finances : 3]));

// The worker scores a ZRM with the resident: by keyboard within each domain, sees the radar chart
// with its table and the table of changes, and the due list on "Vandaag" changes.

test.describe('measurements', () => {
  test('a worker scores the start ZRM by keyboard, sees the radar and the changes, and the due list changes', async ({
    page,
  }) => {
    // "Vandaag" holds the demo history's waiting list and outreach list: with axe on it three
    // times this long scenario needs more than a minute on a busy machine.
    test.slow();
    const familyName = `Vranken-${uniqueSuffix()}`;
    await signInAndWait(page, 'worker@maastricht.demo');
    const id = await openTrajectoryViaApi(page, { givenName: 'Ria', familyName });

    // "Vandaag" lists the missing start measurement.
    await page.goto('/');
    await expectPage(page, 'Vandaag');
    const due = page
      .locator('section[aria-labelledby="home-measurements"]')
      .getByRole('row')
      .filter({ hasText: familyName });
    await expect(due).toHaveCount(1);
    await expect(due.getByRole('cell', { name: 'Start', exact: true })).toBeVisible();
    await expectAccessible(page);

    // The trajectory page links to the measurements.
    await page.goto(`/trajecten/${id}`);
    await expectPage(page, `Traject ${familyName}`);
    await expect(page.getByRole('link', { name: 'Metingen bekijken en scoren' })).toBeVisible();

    // From the due list to the scoring form, with "Start" chosen.
    await page.goto('/');
    await due.getByRole('link', { name: `Ria ${familyName}` }).click();
    await expect(page).toHaveURL(new RegExp(`/trajecten/${id}/metingen\\?moment=start$`));
    await expectPage(page, `Metingen ${familyName}`);
    await expect(page.getByText('Er zijn nog geen metingen vastgelegd.')).toBeVisible();
    const form = page.locator('form#zrm');
    await expect(form.getByRole('radio', { name: 'Start', exact: true })).toBeChecked();
    await expectAccessible(page);

    // Financiën with the mouse, then the next domains by keyboard: Tab to the next domain, arrow
    // keys to choose within it.
    const finances = form.getByRole('group', { name: '1. Financiën' });
    await finances.getByText('Beperkt zelfredzaam').click();
    await expect(finances.getByRole('radio', { name: /^3/ })).toBeChecked();
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight'); // Werk & Opleiding: 2
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // Tijdsbesteding: 1
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight'); // Huisvesting: 4
    const work = form.getByRole('group', { name: '2. Werk & Opleiding' });
    await expect(work.getByRole('radio', { name: /^2/ })).toBeChecked();
    await expect(
      form.getByRole('group', { name: '3. Tijdsbesteding' }).getByRole('radio', { name: /^1/ }),
    ).toBeChecked();
    await expect(
      form.getByRole('group', { name: '4. Huisvesting' }).getByRole('radio', { name: /^4/ }),
    ).toBeChecked();
    await form
      .getByRole('group', { name: '5. Huiselijke relaties' })
      .getByRole('radio', { name: 'Niet besproken' })
      .check();
    await expect(form.getByText('4 van 13 domeinen gescoord')).toBeVisible();
    await form.getByRole('button', { name: 'Meting opslaan' }).click();
    await expect(page.getByText('De meting ‘Start’ is opgeslagen.')).toBeVisible();

    // The radar chart (an image with a text alternative) and its table.
    await expect(page.getByRole('img', { name: /Radargrafiek van de ZRM-scores/ })).toBeVisible();
    const scores = page.getByRole('table', {
      name: `ZRM-scores van Ria ${familyName} per domein en meting`,
    });
    await expect(scores.getByRole('row', { name: /Financiën/ }).getByRole('cell')).toHaveText([
      '3',
    ]);
    await expect(scores.getByRole('row', { name: /Huisvesting/ }).getByRole('cell')).toHaveText([
      '4',
    ]);
    await expectAccessible(page);

    // "Na drie maanden" is not offered first before its day: the form says from when it can be
    // taken, next to the choice, and again when it is chosen anyway (not only the server's 400).
    await expect(form.getByRole('radio', { name: 'Tussentijds' })).toBeChecked();
    const { threeMonthDay } = (await (
      await apiOf(page)
    ).get(`/api/v1/trajectories/${id}/assessments`)) as { threeMonthDay: string };
    const from = threeMonthDay.split('-').reverse().join('-');
    const threeMonths = form.getByRole('radio', { name: /^Na drie maanden/ });
    await expect(threeMonths).toHaveAccessibleName(`Na drie maanden (vanaf ${from})`);
    const moment = form.getByRole('group', { name: 'Moment' });
    await expect(moment).not.toHaveAccessibleDescription(/vanaf/);
    await threeMonths.check();
    await expect(moment).toHaveAccessibleDescription(
      `Een meting na drie maanden kan vanaf ${from} worden vastgelegd, drie maanden na de start van het traject.`,
    );
    await expectAccessible(page);

    // The same moment twice is refused at the moment field and in the error summary.
    await form.getByRole('radio', { name: 'Start', exact: true }).check();
    await expect(moment).not.toHaveAccessibleDescription(/vanaf/);
    await form
      .getByRole('group', { name: '1. Financiën' })
      .getByText('Voldoende zelfredzaam')
      .click();
    await form.getByRole('button', { name: 'Meting opslaan' }).click();
    const summary = page.locator('.sk-error-summary');
    await expect(
      summary.getByRole('link', { name: /^Moment:? dit moment is al gemeten/ }),
    ).toBeVisible();
    await expect(form.getByRole('group', { name: 'Moment' })).toContainText(
      'dit moment is al gemeten',
    );
    await expectAccessible(page);

    // An interim measurement: the table of changes compares it with the start.
    await form.getByRole('radio', { name: 'Tussentijds' }).check();
    await form.getByRole('button', { name: 'Meting opslaan' }).click();
    await expect(page.getByText('De meting ‘Tussentijds’ is opgeslagen.')).toBeVisible();
    const changes = page.getByRole('table', {
      name: `Veranderingen per domein van Ria ${familyName}: Start tegen Tussentijds`,
    });
    await expect(changes.getByRole('row', { name: /Financiën/ })).toContainText('Verbeterd');
    await expect(scores).toContainText('Tussentijds');
    await expectAccessible(page);

    // "Vandaag" no longer lists this trajectory's start.
    await page.goto('/');
    await expectPage(page, 'Vandaag');
    await expect(page.getByRole('heading', { name: 'Metingen die nu moeten' })).toBeVisible();
    await expect(
      page
        .locator('section[aria-labelledby="home-measurements"]')
        .getByRole('row')
        .filter({ hasText: familyName }),
    ).toHaveCount(0);
    await expectAccessible(page);
  });

  test("each person's progress under their name; saving one form keeps the other form's scores", async ({
    page,
    browser,
    baseURL,
  }) => {
    test.slow();
    await usePositiveHealth(browser, baseURL, true);
    try {
      const familyName = `Meulen-${uniqueSuffix()}`;
      await signInAndWait(page, 'worker@maastricht.demo');
      const id = await openTrajectoryViaApi(page, { givenName: 'Ria', familyName });
      const api = await apiOf(page);

      // Ria and her partner, each measured at the start and in between: Ria's finances from 2 to
      // 3, the partner's from 4 to 2. Each is compared with their own start.
      const { householdId } = (await api.get(`/api/v1/trajectories/${id}`)) as {
        householdId: string;
      };
      const { version } = (await api.get(`/api/v1/households/${householdId}`)) as {
        version: number;
      };
      const { members } = (await api.post(`/api/v1/households/${householdId}/members`, {
        version,
        givenName: 'Sjef',
        familyName,
        birthDate: '1968-04-04',
      })) as { members: { id: string; givenName: string }[] };
      const idOf = (name: string) => members.find((m) => m.givenName === name)?.id;
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
        new Date(),
      );
      for (const [who, moment, finances] of [
        ['Ria', 'start', 2],
        ['Sjef', 'start', 4],
        ['Ria', 'interim', 3],
        ['Sjef', 'interim', 2],
      ] as const) {
        await api.post(`/api/v1/trajectories/${id}/assessments`, {
          instrument: 'zrm-2017',
          moment,
          takenAt: today,
          residentId: idOf(who),
          scores: zrm(finances),
        });
      }

      await page.goto(`/trajecten/${id}/metingen`);
      await expectPage(page, `Metingen ${familyName}`);
      for (const [who, direction] of [
        [`Ria ${familyName}`, /Verbeterd \(\+1\)/],
        [`Sjef ${familyName}`, /Achteruit \(.2\)/],
      ] as const) {
        await expect(
          page.getByRole('heading', { name: `Zelfredzaamheid-Matrix van ${who}` }),
        ).toBeVisible();
        const changes = page.getByRole('table', {
          name: `Veranderingen per domein van ${who}: Start tegen Tussentijds`,
        });
        await expect(changes.getByRole('row', { name: /Financiën/ })).toContainText(direction);
      }
      await expectAccessible(page);
      const shot = process.env.MEASUREMENTS_SCREENSHOT;
      if (shot) await page.screenshot({ path: shot, fullPage: true });

      // Half-typed Positieve Gezondheid scores stay when the ZRM is saved...
      const health = page.locator('form#ph');
      await health.getByLabel('Lichaamsfuncties (0–10)').fill('6.5');
      await health.getByLabel('Zingeving (0–10)').fill('7');
      const form = page.locator('form#zrm');
      await form.getByRole('radio', { name: 'Tussentijds' }).check();
      await form
        .getByRole('group', { name: '1. Financiën' })
        .getByText('Voldoende zelfredzaam')
        .click();
      await form.getByRole('button', { name: 'Meting opslaan' }).click();
      await expect(
        page.getByText(`De meting ‘Tussentijds’ van Ria ${familyName} is opgeslagen.`),
      ).toBeVisible();
      // ... while the saved ZRM form starts afresh.
      await expect(form.getByText('0 van 13 domeinen gescoord')).toBeVisible();
      await expect(health.getByLabel('Lichaamsfuncties (0–10)')).toHaveValue('6.5');
      await expect(health.getByLabel('Zingeving (0–10)')).toHaveValue('7');

      // And a half-scored ZRM stays when Positieve Gezondheid is saved.
      await form
        .getByRole('group', { name: '1. Financiën' })
        .getByText('Volledig zelfredzaam')
        .click();
      await health.getByRole('button', { name: 'Positieve Gezondheid opslaan' }).click();
      await expect(
        page.getByText(`De meting ‘Start’ van Ria ${familyName} is opgeslagen.`),
      ).toBeVisible();
      await expect(health.getByLabel('Lichaamsfuncties (0–10)')).toHaveValue('');
      await expect(
        form.getByRole('group', { name: '1. Financiën' }).getByRole('radio', { name: /^5/ }),
      ).toBeChecked();
      await expect(form.getByText('1 van 13 domeinen gescoord')).toBeVisible();
      await expect(
        page.getByRole('heading', { name: `Positieve Gezondheid van Ria ${familyName}` }),
      ).toBeVisible();
      await expectAccessible(page);
    } finally {
      await usePositiveHealth(browser, baseURL, false);
    }
  });

  test('a worker measures another member of the household through the form, listed under that member', async ({
    page,
    browser,
    baseURL,
  }) => {
    test.slow();
    await usePositiveHealth(browser, baseURL, true);
    try {
      const familyName = `Dassen-${uniqueSuffix()}`;
      await signInAndWait(page, 'worker@maastricht.demo');
      const id = await openTrajectoryViaApi(page, { givenName: 'Anna', familyName });
      const api = await apiOf(page);
      // Her son of sixteen joins the household.
      const { householdId } = (await api.get(`/api/v1/trajectories/${id}`)) as {
        householdId: string;
      };
      const { version } = (await api.get(`/api/v1/households/${householdId}`)) as {
        version: number;
      };
      const sixteen = new Date();
      sixteen.setFullYear(sixteen.getFullYear() - 16, 0, 15);
      const { members } = (await api.post(`/api/v1/households/${householdId}/members`, {
        version,
        givenName: 'Daan',
        familyName,
        birthDate: sixteen.toISOString().slice(0, 10),
      })) as { members: { id: string; givenName: string }[] };
      const daanId = members.find((m) => m.givenName === 'Daan')?.id;

      await page.goto(`/trajecten/${id}/metingen`);
      await expectPage(page, `Metingen ${familyName}`);
      const form = page.locator('form#zrm');
      const health = page.locator('form#ph');
      // Both forms ask whom they measure; the registered resident is chosen to begin with.
      for (const each of [form, health]) {
        const who = each.getByRole('group', { name: 'Wie wordt er gemeten?' });
        await expect(who.getByRole('radio', { name: `Anna ${familyName}` })).toBeChecked();
        await expect(who.getByRole('radio', { name: `Daan ${familyName}` })).not.toBeChecked();
      }
      await expectAccessible(page);

      // Daan's start, through the form.
      await form
        .getByRole('group', { name: 'Wie wordt er gemeten?' })
        .getByRole('radio', { name: `Daan ${familyName}` })
        .check();
      await expect(form.getByRole('radio', { name: 'Start', exact: true })).toBeChecked();
      await form
        .getByRole('group', { name: '1. Financiën' })
        .getByText('Beperkt zelfredzaam')
        .click();
      await form
        .getByRole('group', { name: '2. Werk & Opleiding' })
        .getByText('Voldoende zelfredzaam')
        .click();
      await form.getByRole('button', { name: 'Meting opslaan' }).click();
      await expect(
        page.getByText(`De meting ‘Start’ van Daan ${familyName} is opgeslagen.`),
      ).toBeVisible();

      // Listed under Daan, not under his mother, and recorded as his.
      await expect(
        page.getByRole('heading', { name: `Zelfredzaamheid-Matrix van Daan ${familyName}` }),
      ).toBeVisible();
      await expect(
        page.getByRole('heading', { name: `Zelfredzaamheid-Matrix van Anna ${familyName}` }),
      ).toHaveCount(0);
      const scores = page.getByRole('table', {
        name: `ZRM-scores van Daan ${familyName} per domein en meting`,
      });
      await expect(scores.getByRole('row', { name: /Financiën/ }).getByRole('cell')).toHaveText([
        '3',
      ]);
      const { items } = (await api.get(`/api/v1/trajectories/${id}/assessments`)) as {
        items: { residentId: string; moment: string }[];
      };
      expect(items).toEqual([expect.objectContaining({ residentId: daanId, moment: 'start' })]);

      // The form starts afresh on Anna, whose start is still open; back on Daan, the start is
      // done and "Na drie maanden" is weeks away: in between, with its day shown.
      const who = form.getByRole('group', { name: 'Wie wordt er gemeten?' });
      await expect(who.getByRole('radio', { name: `Anna ${familyName}` })).toBeChecked();
      await expect(form.getByRole('radio', { name: 'Start', exact: true })).toBeChecked();
      await who.getByRole('radio', { name: `Daan ${familyName}` }).check();
      await expect(form.getByRole('radio', { name: 'Tussentijds' })).toBeChecked();
      await form.getByRole('radio', { name: /^Na drie maanden/ }).check();
      await expect(form.getByRole('group', { name: 'Moment' })).toHaveAccessibleDescription(
        /^Een meting na drie maanden kan vanaf \d{2}-\d{2}-\d{4} worden vastgelegd/,
      );
      await expectAccessible(page);
      const shot = process.env.MEASURE_MEMBER_SCREENSHOT;
      if (shot) {
        await page.locator('section[aria-labelledby="zrm-title"]').screenshot({ path: shot });
      }

      // Positieve Gezondheid for Daan too: under his name.
      await health
        .getByRole('group', { name: 'Wie wordt er gemeten?' })
        .getByRole('radio', { name: `Daan ${familyName}` })
        .check();
      await health.getByLabel('Zingeving (0–10)').fill('7');
      await health.getByRole('button', { name: 'Positieve Gezondheid opslaan' }).click();
      await expect(
        page.getByText(`De meting ‘Start’ van Daan ${familyName} is opgeslagen.`),
      ).toBeVisible();
      await expect(
        page.getByRole('heading', { name: `Positieve Gezondheid van Daan ${familyName}` }),
      ).toBeVisible();
      await expectAccessible(page);
    } finally {
      await usePositiveHealth(browser, baseURL, false);
    }
  });
});
