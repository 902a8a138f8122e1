import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  DEMO_PASSWORD,
  expectAccessible,
  expectPage,
  freshDemoCode,
  openTrajectoryViaApi,
  signInAndWait,
  uniqueSuffix,
} from './helpers';

// A session can end while someone is typing (it expired, or was ended elsewhere). The page and
// what was typed stay; the user signs in again in a dialog over the page and saves once more.

/** Ends the browser's session on the server, as an expiry would (the page does not know). */
async function endSessionOnServer(page: Page): Promise<void> {
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
  const response = await page.request.post('/api/v1/auth/logout', {
    headers: { 'x-csrf-token': me.csrfToken },
  });
  expect(response.status()).toBe(204);
  expect((await page.request.get('/api/v1/auth/me')).status()).toBe(401);
}

const sessionDialog = (page: Page) => page.getByRole('dialog', { name: 'Uw sessie is verlopen' });

test.describe('a session that ends while typing', () => {
  test('a worker signs in again over the page, and the typed note is still there and saves', async ({
    page,
  }) => {
    const suffix = uniqueSuffix();
    const familyName = `Hermans-${suffix}`;
    const note = `Lang gesprek over de schulden en de buurvrouw die helpt (${suffix})`;
    await signInAndWait(page, 'worker@maastricht.demo');
    const id = await openTrajectoryViaApi(page, { givenName: 'Truus', familyName });
    await page.goto(`/trajecten/${id}?van=lijst#journaal`);
    await expectPage(page, `Traject ${familyName}`);

    const journal = page.locator('form#journal');
    await journal.getByLabel('Soort contact').selectOption({ label: 'Telefoon' });
    await journal.getByLabel('Notitie').fill(note);
    await endSessionOnServer(page);
    await journal.getByRole('button', { name: 'Contactmoment opslaan' }).click();

    // The page stays (with its address), and asks to sign in again over it.
    const dialog = sessionDialog(page);
    await expect(dialog).toBeVisible();
    await expect(
      dialog.getByText(/Wat u op deze pagina hebt ingevuld, blijft staan/),
    ).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/trajecten/${id}\\?van=lijst#journaal$`));
    await expect(dialog.getByLabel('E-mailadres')).toBeFocused();
    await expectAccessible(page);
    await page.screenshot({ path: '/tmp/shots-web/session-expired-dialog.png' });

    await dialog.getByLabel('E-mailadres').fill('worker@maastricht.demo');
    await dialog.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: 'Inloggen' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page).toHaveURL(new RegExp(`/trajecten/${id}\\?van=lijst#journaal$`));
    await expect(journal.getByLabel('Notitie')).toHaveValue(note);

    // The new session's CSRF token goes with the save.
    await journal.getByRole('button', { name: 'Contactmoment opslaan' }).click();
    await expect(page.getByText('Het contactmoment is opgeslagen.')).toBeVisible();
    await expect(
      page
        .getByRole('table', { name: 'Contactmomenten, de nieuwste eerst' })
        .getByRole('row')
        .filter({ hasText: note }),
    ).toBeVisible();
  });

  test('an account with a second step enters its code in the dialog, and the form stays', async ({
    page,
  }) => {
    // Two fresh codes of the same demo account: the second may wait for the app's next code.
    test.slow();
    await signInAndWait(page, 'admin@maastricht.demo');
    await page.goto('/account/wachtwoord');
    await expectPage(page, 'Wachtwoord wijzigen');
    const current = 'niet-het-goede-wachtwoord';
    const fresh = 'een-nieuw-wachtwoord-dat-lang-genoeg-is';
    await page.getByLabel('Huidig wachtwoord').fill(current);
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(fresh);
    await page.getByLabel('Nieuw wachtwoord nog een keer').fill(fresh);
    await endSessionOnServer(page);
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();

    const dialog = sessionDialog(page);
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('E-mailadres').fill('admin@maastricht.demo');
    await dialog.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: 'Inloggen' }).click();
    await expect(dialog.getByRole('heading', { name: 'Code invoeren' })).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: '/tmp/shots-web/session-expired-code.png' });
    await dialog.getByLabel('Code uit de app').fill(await freshDemoCode('admin@maastricht.demo'));
    await dialog.getByRole('button', { name: 'Controleren' }).click();

    await expect(dialog).toHaveCount(0);
    await expectPage(page, 'Wachtwoord wijzigen');
    await expect(page.getByLabel('Huidig wachtwoord')).toHaveValue(current);
    await expect(page.getByLabel('Nieuw wachtwoord nog een keer')).toHaveValue(fresh);
    expect((await page.request.get('/api/v1/auth/me')).status()).toBe(200);
  });

  test('signing out in the dialog goes to the sign-in page, and whoever signs in next starts at their own', async ({
    page,
  }) => {
    const suffix = uniqueSuffix();
    const familyName = `Vos-${suffix}`;
    await signInAndWait(page, 'worker@maastricht.demo');
    const id = await openTrajectoryViaApi(page, { givenName: 'Ria', familyName });
    await page.goto(`/trajecten/${id}#journaal`);
    await expectPage(page, `Traject ${familyName}`);
    const journal = page.locator('form#journal');
    await journal.getByLabel('Soort contact').selectOption({ label: 'Telefoon' });
    await journal.getByLabel('Notitie').fill(`Niet opgeslagen (${suffix})`);
    await endSessionOnServer(page);
    await journal.getByRole('button', { name: 'Contactmoment opslaan' }).click();

    const dialog = sessionDialog(page);
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Uitloggen' }).click();

    // The sign-in page, with no way back to the worker's page.
    await expectPage(page, 'Inloggen');
    await expect(page).toHaveURL(/\/inloggen$/);
    await expect(dialog).toHaveCount(0);
    const state = (await page.evaluate(() => (window.history.state as { usr?: unknown })?.usr)) as
      { from?: string } | null | undefined;
    expect(state?.from).toBeUndefined();
    await expect(page.getByText(familyName)).toHaveCount(0);
    await expectAccessible(page);

    // A colleague signs in at this desk: their own start page, not the worker's trajectory.
    await page.getByLabel('E-mailadres').fill('teamlead@maastricht.demo');
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeVisible();
    await expect(page).toHaveURL(/\/$/);
  });
});
