import { expect, test } from '@playwright/test';
import { expectAccessible, expectPage, signIn, signInAndWait, uniqueSuffix } from './helpers';

// A new worker changes the initial password the administrator gave them: the current one is
// checked, the two new ones must match, and afterwards only the new one signs in. A fresh account
// of this test (the demo accounts keep the demo password for the other specs).

test.describe('my own password', () => {
  test('a new worker replaces the initial password and signs in with the new one', async ({
    page,
  }) => {
    const suffix = uniqueSuffix();
    const email = `nina.${suffix}@maastricht.demo`;
    const initial = 'het-startwachtwoord-van-beheer';
    const chosen = `mijn-eigen-wachtwoord-${suffix}`;
    await signInAndWait(page, 'admin@maastricht.demo');
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
    const created = await page.request.post('/api/v1/staff', {
      headers: { 'x-csrf-token': me.csrfToken },
      data: {
        name: `Nina Hermans ${suffix}`,
        email,
        role: 'worker',
        hoursPerWeek: 32,
        password: initial,
      },
    });
    expect(created.ok(), await created.text()).toBe(true);
    await page.context().clearCookies();

    await signIn(page, email, initial);
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await menu.getByRole('link', { name: 'Wachtwoord' }).click();
    await expectPage(page, 'Wachtwoord wijzigen');
    await expectAccessible(page);

    // A wrong current password: refused by the server, with the field named.
    await page.getByLabel('Huidig wachtwoord').fill('niet-het-startwachtwoord');
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(chosen);
    await page.getByLabel('Nieuw wachtwoord nog een keer').fill(chosen);
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await expect(page.locator('.sk-error-summary')).toContainText('Huidig wachtwoord klopt niet');
    await expectAccessible(page);

    // The two new ones differ: said before anything is sent.
    await page.getByLabel('Huidig wachtwoord').fill(initial);
    await page.getByLabel('Nieuw wachtwoord nog een keer').fill(`${chosen}x`);
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await expect(page.locator('.sk-error-summary')).toContainText(
      'De twee nieuwe wachtwoorden zijn niet gelijk.',
    );

    await page.getByLabel('Nieuw wachtwoord nog een keer').fill(chosen);
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await expect(page.getByText('Uw wachtwoord is gewijzigd.')).toBeVisible();
    await expectAccessible(page);

    // Signed out, the initial password no longer works and the chosen one does.
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await signIn(page, email, initial);
    await expect(page.locator('.sk-error-summary, [role="alert"]').first()).toBeVisible();
    await signIn(page, email, chosen);
    await expect(menu).toBeVisible();
  });
});
