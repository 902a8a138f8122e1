import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  expectAccessible,
  expectPage,
  openTrajectoryViaApi,
  signInAndWait,
  uniqueSuffix,
} from './helpers';

// The krachtplan editor after a conflict: what a colleague changed meanwhile reaches the save
// (a three-way merge), rows a colleague removed in the newer version, and server messages about a
// row (not about one of its fields).

const group = (page: Page, name: string) => page.getByRole('group', { name, exact: true });

interface PlanJson {
  version: number;
  answers: Record<string, string>;
  crisisPlan: { signs: string; whatToDo: string; whoToCall: string } | null;
  actions: {
    id: string;
    description: string;
    ownerType: string;
    ownerName: string;
    status: string;
  }[];
  network: { id: string; name: string; relation: string; closeness: number }[];
}

async function api(page: Page) {
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
  return {
    getPlan: async (id: string) =>
      (await (await page.request.get(`/api/v1/trajectories/${id}/plan`)).json()) as PlanJson,
    putPlan: async (id: string, data: unknown) => {
      const response = await page.request.put(`/api/v1/trajectories/${id}/plan`, {
        headers: { 'x-csrf-token': me.csrfToken },
        data,
      });
      expect(response.ok(), await response.text()).toBe(true);
    },
  };
}

test.describe('the krachtplan editor and rows removed meanwhile', () => {
  test('an edited action and network member a colleague removed are kept as new rows and save; an untouched one stays removed', async ({
    page,
  }) => {
    const suffix = uniqueSuffix();
    const familyName = `Janssen-${suffix}`;
    const kept = `Samen naar de bank (${suffix})`;
    const removed = `Formulieren invullen (${suffix})`;
    const edited = `Formulieren invullen met de dochter (${suffix})`;
    const untouched = `Post samen openen (${suffix})`;
    await signInAndWait(page, 'worker@maastricht.demo');
    const id = await openTrajectoryViaApi(page, { givenName: 'Els', familyName });
    const { getPlan, putPlan } = await api(page);
    const action = (description: string) => ({
      description,
      ownerType: 'resident',
      ownerName: 'Els',
    });
    await putPlan(id, {
      version: 0,
      actions: [action(kept), action(removed), action(untouched)],
      network: [
        { name: `Buurman ${suffix}`, relation: 'neighbour', closeness: 2 },
        { name: `Nicht ${suffix}`, relation: 'family', closeness: 1 },
      ],
    });

    // The worker edits the second action and the second network member on version 1 ...
    await page.goto(`/trajecten/${id}/krachtplan`);
    await expectPage(page, `Krachtplan ${familyName}`);
    const form = page.locator('form#plan');
    await group(page, 'Actie 2').getByLabel('Wat gaat er gebeuren?').fill(edited);
    await group(page, 'Netwerklid 2').getByLabel('Rol in het plan').fill('Helpt met de post');

    // ... while a colleague removes both, and the third action, which the worker left as it was
    // (version 2).
    const v1 = await getPlan(id);
    await putPlan(id, {
      version: 1,
      actions: v1.actions.slice(0, 1),
      network: v1.network.slice(0, 1),
    });

    await form.getByRole('button', { name: 'Krachtplan opslaan' }).click();
    await page.getByRole('button', { name: 'Laad de nieuwe versie' }).click();
    await expect(page.getByText('U bewerkt versie 2.')).toBeVisible();
    await expect(
      group(page, 'Actie 2').getByText(
        /Deze actie staat niet meer in versie 2: iemand anders heeft haar intussen verwijderd\./,
      ),
    ).toBeVisible();
    await expect(
      group(page, 'Netwerklid 2').getByText(/Dit netwerklid staat niet meer in versie 2/),
    ).toBeVisible();
    await expect(group(page, 'Actie 2').getByLabel('Wat gaat er gebeuren?')).toHaveValue(edited);
    // The untouched action is not brought back: the colleague's removal stands.
    await expect(group(page, 'Actie 3')).toHaveCount(0);
    await expectAccessible(page);
    await group(page, 'Actie 2').screenshot({ path: '/tmp/shots-web/plan-removed-action.png' });

    await form.getByRole('button', { name: 'Krachtplan opslaan' }).click();
    await expect(page.getByText('Het krachtplan is opgeslagen als versie 3.')).toBeVisible();
    await expect(group(page, 'Actie 2').getByText(/staat niet meer in versie/)).toHaveCount(0);
    const v3 = await getPlan(id);
    expect(v3.actions.map((a) => a.description)).toEqual([kept, edited]);
    expect(v3.actions[1]?.id).not.toBe(v1.actions[1]?.id);
    expect(v3.network.map((n) => n.name)).toEqual([`Buurman ${suffix}`, `Nicht ${suffix}`]);
  });

  test("a colleague's changes the worker did not touch are kept after the conflict; where both changed, the colleague's value is shown beside the field", async ({
    page,
    browser,
  }) => {
    const suffix = uniqueSuffix();
    const familyName = `Willems-${suffix}`;
    const bank = `Samen naar de bank (${suffix})`;
    const forms = `Formulieren invullen (${suffix})`;
    await signInAndWait(page, 'worker@maastricht.demo');
    const id = await openTrajectoryViaApi(page, { givenName: 'Lies', familyName });
    const { getPlan, putPlan } = await api(page);
    await putPlan(id, {
      version: 0,
      answers: { own_strength: 'Koken', team: 'De post' },
      actions: [
        { description: bank, ownerType: 'resident', ownerName: 'Lies' },
        { description: forms, ownerType: 'team', ownerName: 'Sanne' },
      ],
      crisisPlan: { signs: 'Niet opendoen', whatToDo: 'Bellen', whoToCall: 'Dochter' },
    });

    // The worker opens version 1 and starts editing ...
    await page.goto(`/trajecten/${id}/krachtplan`);
    await expectPage(page, `Krachtplan ${familyName}`);
    const form = page.locator('form#plan');
    await form
      .getByLabel('Wat kan het buurtteam doen?', { exact: true })
      .fill('De post en de bank');
    await group(page, 'Actie 2')
      .getByLabel('Wat gaat er gebeuren?')
      .fill(`${forms}, met de dochter`);
    await group(page, 'Actie 2').getByLabel('Status', { exact: true }).selectOption('dropped');
    await form.getByLabel('Signalen', { exact: true }).fill('Niet opendoen, geen post');

    // ... while the team lead, in another session, saves version 2 in the same editor: the first
    // action is done, another answer, and three fields the worker changes as well.
    const colleagueContext = await browser.newContext();
    const colleague = await colleagueContext.newPage();
    await signInAndWait(colleague, 'teamlead@maastricht.demo');
    await colleague.goto(`/trajecten/${id}/krachtplan`);
    await expectPage(colleague, `Krachtplan ${familyName}`);
    const theirForm = colleague.locator('form#plan');
    await theirForm.getByLabel('Wat kan ik zelf?').fill('Koken en boodschappen doen');
    await theirForm
      .getByLabel('Wat kan het buurtteam doen?', { exact: true })
      .fill('De post en formulieren');
    await group(colleague, 'Actie 1').getByLabel('Status').selectOption({ label: 'Gedaan' });
    await group(colleague, 'Actie 2').getByLabel('Status').selectOption({ label: 'Gedaan' });
    await theirForm.getByLabel('Signalen', { exact: true }).fill('Niet opendoen, niet opnemen');
    // A third action the worker has not seen yet.
    await theirForm.getByRole('button', { name: 'Actie toevoegen' }).click();
    await group(colleague, 'Actie 3').getByLabel('Wat gaat er gebeuren?').fill('Huisarts bellen');
    await group(colleague, 'Actie 3').getByLabel('Wie (soort)').selectOption('team');
    await group(colleague, 'Actie 3').getByLabel('Naam van wie het doet').fill('Sanne');
    await theirForm.getByRole('button', { name: 'Krachtplan opslaan' }).click();
    await expect(colleague.getByText('Het krachtplan is opgeslagen als versie 2.')).toBeVisible();
    await colleagueContext.close();

    await form.getByRole('button', { name: 'Krachtplan opslaan' }).click();
    await page.getByRole('button', { name: 'Laad de nieuwe versie' }).click();
    await expect(page.getByText('U bewerkt versie 2.')).toBeVisible();

    // What only the colleague changed is in the form now; what only the worker changed stays.
    await expect(form.getByLabel('Wat kan ik zelf?')).toHaveValue('Koken en boodschappen doen');
    await expect(group(page, 'Actie 1').getByLabel('Status')).toHaveValue('done');
    await expect(group(page, 'Actie 2').getByLabel('Wat gaat er gebeuren?')).toHaveValue(
      `${forms}, met de dochter`,
    );
    // Where both changed: the worker's value in the field, the colleague's beside it (and read
    // with the field), and a list of those places at the top.
    const team = form.getByLabel('Wat kan het buurtteam doen?', { exact: true });
    await expect(team).toHaveValue('De post en de bank');
    await expect(team).toHaveAccessibleDescription(
      /Een collega wijzigde dit ook in versie 2: «De post en formulieren»/,
    );
    const places = page.locator('section.sk-traj-newer');
    await expect(places.getByRole('link', { name: 'Wat kan het buurtteam doen?' })).toBeVisible();
    await expect(places.getByRole('link', { name: 'Signalen' })).toBeVisible();
    const status = group(page, 'Actie 2').getByLabel('Status', { exact: true });
    await expect(status).toHaveValue('dropped');
    await expect(status).toHaveAccessibleDescription(/wijzigde dit ook in versie 2: «Gedaan»/);
    await expect(places.getByRole('link', { name: 'Actie 2: Status' })).toBeVisible();
    // The action the colleague added says so.
    await expect(group(page, 'Actie 3')).toContainText(
      'Een collega heeft deze actie in versie 2 toegevoegd.',
    );
    await expectAccessible(page);
    await group(page, 'Actie 3').screenshot({
      path: '/tmp/shots-web/plan-merge-added-action.png',
    });
    await group(page, 'Actie 2').screenshot({
      path: '/tmp/shots-web/plan-merge-conflict-action.png',
    });
    await form
      .getByRole('group', { name: 'De keukentafelvragen' })
      .screenshot({ path: '/tmp/shots-web/plan-merge-conflict.png' });

    // The worker takes the colleague's crisis signs over; the note goes, the field has the focus.
    await form.getByRole('button', { name: 'Neem die van uw collega over: Signalen' }).click();
    const signs = form.getByLabel('Signalen', { exact: true });
    await expect(signs).toHaveValue('Niet opendoen, niet opnemen');
    await expect(signs).toBeFocused();
    await expect(places.getByRole('link', { name: 'Signalen' })).toHaveCount(0);

    await form.getByRole('button', { name: 'Krachtplan opslaan' }).click();
    await expect(page.getByText('Het krachtplan is opgeslagen als versie 3.')).toBeVisible();
    await expect(page.getByText(/Een collega wijzigde dit ook/)).toHaveCount(0);
    const v3 = await getPlan(id);
    expect(v3.answers).toEqual({
      own_strength: 'Koken en boodschappen doen',
      team: 'De post en de bank',
    });
    expect(v3.actions.map((a) => [a.description, a.status])).toEqual([
      [bank, 'done'],
      [`${forms}, met de dochter`, 'dropped'],
      ['Huisarts bellen', 'open'],
    ]);
    await expect(page.getByText(/in versie 2 toegevoegd/)).toHaveCount(0);
    expect(v3.crisisPlan?.signs).toBe('Niet opendoen, niet opnemen');
  });

  test("the server's message about a row is shown at that row", async ({ page }) => {
    const suffix = uniqueSuffix();
    const familyName = `Peters-${suffix}`;
    await signInAndWait(page, 'worker@maastricht.demo');
    const id = await openTrajectoryViaApi(page, { givenName: 'Ton', familyName });
    const { putPlan } = await api(page);
    await putPlan(id, {
      version: 0,
      actions: [
        { description: `Eerste (${suffix})`, ownerType: 'resident', ownerName: 'Ton' },
        { description: `Tweede (${suffix})`, ownerType: 'resident', ownerName: 'Ton' },
      ],
    });
    await page.goto(`/trajecten/${id}/krachtplan`);
    await expectPage(page, `Krachtplan ${familyName}`);

    // The server's answer when an action's id is not (or no longer) one of this plan.
    await page.route(`**/api/v1/trajectories/${id}/plan`, (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({
            status: 400,
            contentType: 'application/problem+json',
            json: {
              type: 'about:blank',
              title: 'Invalid input',
              status: 400,
              code: 'invalid_input',
              invalidParams: [
                {
                  name: 'actions.1.id',
                  reason: 'is not an action of this plan',
                  reasonNl: 'is geen actie van dit plan',
                },
              ],
            },
          })
        : route.fallback(),
    );
    await page.locator('form#plan').getByRole('button', { name: 'Krachtplan opslaan' }).click();

    const message = 'Actie 2 is geen actie van dit plan';
    await expect(group(page, 'Actie 2').getByText(message)).toBeVisible();
    const link = page.locator('.sk-error-summary').getByRole('link', { name: message });
    await expect(link).toBeVisible();
    await expect(page.getByText('actions.1.id')).toHaveCount(0);
    await group(page, 'Actie 2').screenshot({ path: '/tmp/shots-web/plan-row-error.png' });
    await link.click();
    await expect(group(page, 'Actie 2').getByLabel('Wat gaat er gebeuren?')).toBeFocused();
    await expectAccessible(page);
  });
});
