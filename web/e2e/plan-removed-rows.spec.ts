import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  expectAccessible,
  expectPage,
  openTrajectoryViaApi,
  signInAndWait,
  uniqueSuffix,
} from './helpers';

// The krachtplan editor after a conflict: rows a colleague removed in the newer version, and
// server messages about a row (not about one of its fields).

const group = (page: Page, name: string) => page.getByRole('group', { name, exact: true });

interface PlanJson {
  version: number;
  actions: { id: string; description: string; ownerType: string; ownerName: string }[];
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
