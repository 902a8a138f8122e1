import { expect, test } from '@playwright/test';
import {
  expectAccessible,
  expectPage,
  openTrajectoryViaApi,
  signInAndWait,
  uniqueSuffix,
} from './helpers';

// The demo's Brouwers household: Jolanda sent three messages from the portal, one of them read.
test.describe("the residents' messages on a trajectory", () => {
  test('the coordinator sees what Jolanda sent and marks it read by keyboard', async ({ page }) => {
    await signInAndWait(page, 'worker@maastricht.demo');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await nav.getByRole('link', { name: 'Mijn trajecten' }).click();
    await expectPage(page, 'Mijn trajecten');
    await page.getByRole('row').filter({ hasText: 'Brouwers' }).getByRole('link').first().click();
    await expectPage(page, /Traject Brouwers/);
    // The page's own table of contents leads to the messages.
    await page
      .getByRole('navigation', { name: /onderdelen/i })
      .getByRole('link', { name: 'Berichten van de inwoner' })
      .click();
    await expect(page).toHaveURL(/#berichten-inwoner$/);

    const section = page.getByRole('region', { name: /Berichten van de inwoner/ });
    await expect(section.getByRole('heading', { level: 2 })).toHaveText(
      'Berichten van de inwoner (2 ongelezen)',
    );
    const newest = section.getByRole('row').filter({ hasText: 'energierekening' });
    await expect(newest.getByRole('cell', { name: 'Wens voor het plan' })).toBeVisible();
    await expect(newest.getByRole('cell', { name: 'Jolanda Brouwers', exact: true })).toBeVisible();
    await expect(section.getByText(/^Gelezen op /)).toHaveCount(1);
    await expectAccessible(page);

    const mark = newest.getByRole('button', { name: /Markeer als gelezen/ });
    await mark.focus();
    await page.keyboard.press('Enter');
    await expect(section.getByRole('heading', { level: 2 })).toHaveText(
      'Berichten van de inwoner (1 ongelezen)',
    );
    await expect(newest.getByText(/^Gelezen op /)).toBeVisible();
    await section.screenshot({ path: 'test-results/resident-messages.png' });
  });
});

// A year of wishes and ticks runs past one page (100): the heading counts the unread messages on
// every page, and the older ones are one button away, by keyboard.
test.describe('more messages than one page', () => {
  test('the coordinator sees the true unread count and shows the older messages', async ({
    page,
    playwright,
  }) => {
    test.slow();
    const familyName = `Berichten-${uniqueSuffix()}`;
    await signInAndWait(page, 'worker@maastricht.demo');
    const id = await openTrajectoryViaApi(page, { givenName: 'Bea', familyName });
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
    const trajectory = (await (await page.request.get(`/api/v1/trajectories/${id}`)).json()) as {
      householdId: string;
    };
    const household = (await (
      await page.request.get(`/api/v1/households/${trajectory.householdId}`)
    ).json()) as { members: { id: string; familyName: string }[] };
    const residentId = household.members.find((m) => m.familyName === familyName)?.id;
    const invitation = await page.request.post('/api/v1/portal/invitations', {
      headers: { 'x-csrf-token': me.csrfToken },
      data: { residentId },
    });
    expect(invitation.ok(), await invitation.text()).toBe(true);
    const { code } = (await invitation.json()) as { code: string };

    // The resident, in a session of their own: 103 wishes, 'Wens 1' the oldest.
    const resident = await playwright.request.newContext({
      baseURL: test.info().project.use.baseURL,
    });
    const activated = await resident.post('/api/v1/portal/activate', {
      data: { code, loginName: `bea-${familyName}@example.nl`, password: 'mijn-eigen-wachtwoord' },
    });
    expect(activated.ok(), await activated.text()).toBe(true);
    const { csrfToken } = (await activated.json()) as { csrfToken: string };
    for (let i = 1; i <= 103; i++) {
      const wish = await resident.post('/api/v1/portal/plan/wishes', {
        headers: { 'x-csrf-token': csrfToken },
        data: { text: `Wens ${i}` },
      });
      expect(wish.status()).toBe(201);
    }
    await resident.dispose();

    await page.goto(`/trajecten/${id}`);
    await expectPage(page, `Traject ${familyName}`);
    const section = page.getByRole('region', { name: /Berichten van de inwoner/ });
    // All 103 are unread, though only 100 are on screen.
    await expect(section.getByRole('heading', { level: 2 })).toHaveText(
      'Berichten van de inwoner (103 ongelezen)',
    );
    const table = section.getByRole('table', { name: 'Berichten van de inwoner, nieuwste eerst' });
    const rows = table.getByRole('row');
    await expect(rows).toHaveCount(101);
    await expect(rows.nth(1)).toContainText('Wens 103');
    await expect(table.getByText('Wens 1', { exact: true })).toHaveCount(0);
    const count = section.getByRole('status').filter({ hasText: /berichten getoond/i });
    await expect(count).toHaveText('100 berichten getoond. Er zijn oudere berichten.');
    await expectAccessible(page);

    const older = section.getByRole('button', { name: 'Oudere berichten tonen' });
    await older.focus();
    await page.keyboard.press('Enter');
    await expect(count).toHaveText('Alle berichten getoond: 103.');
    await expect(rows).toHaveCount(104);
    await expect(rows.last()).toContainText('Wens 1');
    await expect(older).toHaveCount(0);
    // The button is gone: the focus is on the count, not back at the top of the page.
    await expect(count).toBeFocused();

    // The oldest, from the second page, marked read by keyboard: the count goes down by one.
    await rows
      .last()
      .getByRole('button', { name: /Markeer als gelezen/ })
      .focus();
    await page.keyboard.press('Enter');
    await expect(section.getByRole('heading', { level: 2 })).toHaveText(
      'Berichten van de inwoner (102 ongelezen)',
    );
    await expect(rows.last().getByText(/^Gelezen op /)).toBeVisible();
    await expectAccessible(page);
  });
});
