import { expect, test } from '@playwright/test';
import {
  expectAccessible,
  expectPage,
  openTrajectoryViaApi,
  signInAndWait,
  uniqueSuffix,
} from './helpers';

// A trajectory of years has more contacts than one page of the journal (100): the older ones are
// one button away, by keyboard, and none is lost.
test.describe('a journal longer than one page', () => {
  test('the worker shows the older contacts by keyboard and sees all 103', async ({ page }) => {
    test.slow();
    const familyName = `Journaal-${uniqueSuffix()}`;
    await signInAndWait(page, 'worker@maastricht.demo');
    const id = await openTrajectoryViaApi(page, { givenName: 'Joke', familyName });
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
    // Contact 1 is the oldest, contact 103 the newest.
    for (let i = 1; i <= 103; i++) {
      const response = await page.request.post(`/api/v1/trajectories/${id}/contacts`, {
        headers: { 'x-csrf-token': me.csrfToken },
        data: {
          at: new Date(Date.now() - (200 - i) * 3_600_000).toISOString(),
          kind: 'phone',
          note: `Contact ${i}`,
        },
      });
      expect(response.status()).toBe(201);
    }

    await page.goto(`/trajecten/${id}`);
    await expectPage(page, `Traject ${familyName}`);
    const journal = page.getByRole('table', { name: 'Contactmomenten, de nieuwste eerst' });
    const rows = journal.getByRole('row');
    // 100 contacts and the header row; the oldest three are not there yet.
    await expect(rows).toHaveCount(101);
    await expect(rows.nth(1)).toContainText('Contact 103');
    await expect(journal.getByText('Contact 3', { exact: true })).toHaveCount(0);
    const count = page.getByRole('status').filter({ hasText: /contactmomenten getoond/i });
    await expect(count).toHaveText('100 contactmomenten getoond. Er zijn oudere contactmomenten.');
    await expectAccessible(page);

    const older = page.getByRole('button', { name: 'Oudere contactmomenten tonen' });
    await older.focus();
    await page.keyboard.press('Enter');
    await expect(count).toHaveText('Alle contactmomenten getoond: 103.');
    await expect(rows).toHaveCount(104);
    await expect(rows.last()).toContainText('Contact 1');
    await expect(older).toHaveCount(0);
    // The button is gone: the focus is on the count, not back at the top of the page.
    await expect(count).toBeFocused();
    await expectAccessible(page);
  });
});

test.describe('a case conference', () => {
  test('dated after today is refused in the form, named in the error summary, and not saved', async ({
    page,
  }) => {
    const familyName = `Bespreking-${uniqueSuffix()}`;
    await signInAndWait(page, 'worker@maastricht.demo');
    const id = await openTrajectoryViaApi(page, { givenName: 'Bep', familyName });
    await page.goto(`/trajecten/${id}`);
    await expectPage(page, `Traject ${familyName}`);
    const form = page.locator('form#conference');
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
      new Date(Date.now() + 86_400_000),
    );
    await form.getByLabel('Datum').fill(tomorrow);
    await form.getByLabel('Naam').first().fill('Sanne Jacobs');
    await form.getByLabel('Vraag').fill('Kan het team dit zelf?');
    await form.getByRole('button', { name: 'Bespreking opslaan' }).click();
    await expect(
      page.getByRole('link', { name: /De datum mag niet in de toekomst liggen/ }),
    ).toBeVisible();
    const stored = (await (
      await page.request.get(`/api/v1/trajectories/${id}/case-conferences`)
    ).json()) as { items: unknown[] };
    expect(stored.items).toEqual([]);
  });
});
