import type { Browser, Locator, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { startTestProvider, type TestProvider } from '../../server/test/oidc-test-provider';
import {
  DEMO_PASSWORD,
  expectAccessible,
  expectPage,
  freshDemoCode,
  openTrajectoryViaApi,
  signInAndWait,
  uniqueSuffix,
} from './helpers';

/** Screenshots for the reviewer, in the repository's (ignored) .tmp folder. */
const shot = (name: string) => fileURLToPath(new URL(`../../.tmp/${name}.png`, import.meta.url));

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

/**
 * The number of different colours on screen left of the dialog (where the page's header, menu and
 * content are). One colour: the page behind is covered, nothing of it can be read. The screenshot
 * is decoded by the browser itself (a canvas), so no image library is needed.
 */
async function coloursBesideDialog(page: Page, dialog: Locator): Promise<number> {
  const box = await dialog.boundingBox();
  expect(box).not.toBeNull();
  const left = Math.floor(box?.x ?? 0) - 4;
  expect(left).toBeGreaterThan(100);
  const png = (await page.screenshot()).toString('base64');
  return page.evaluate(
    async ({ data, width }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no canvas');
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, width, image.height).data;
      const colours = new Set<string>();
      for (let i = 0; i < pixels.length; i += 4) {
        colours.add(`${pixels[i]},${pixels[i + 1]},${pixels[i + 2]}`);
      }
      return colours.size;
    },
    { data: png, width: left },
  );
}

/** Nothing of the page behind the dialog can be read: not on screen, nor in the tab's title. */
async function expectPageBehindCovered(page: Page, dialog: Locator, hidden: string) {
  const backdrop = await dialog.evaluate(
    (element) => getComputedStyle(element, '::backdrop').backgroundColor,
  );
  // rgb(...) without an alpha channel (a dimmed page behind gives rgba(0, 0, 0, 0.6)).
  expect(backdrop).toMatch(/^rgb\(/);
  expect(await coloursBesideDialog(page, dialog)).toBe(1);
  await expect(page).toHaveTitle('Uw sessie is verlopen – Samenkracht');
  expect(await page.title()).not.toContain(hidden);
}

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
    // At a shared desk the next person cannot read the resident's page behind the dialog.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Traject ${familyName}`);
    await expectPageBehindCovered(page, dialog, familyName);
    await expectAccessible(page);
    await page.screenshot({ path: '/tmp/shots-web/session-expired-dialog.png' });
    await page.screenshot({ path: shot('session-expired-dialog-covered') });

    await dialog.getByLabel('E-mailadres').fill('worker@maastricht.demo');
    await dialog.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: 'Inloggen' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page).toHaveURL(new RegExp(`/trajecten/${id}\\?van=lijst#journaal$`));
    await expect(journal.getByLabel('Notitie')).toHaveValue(note);
    await expect(page).toHaveTitle(`Traject ${familyName} – Samenkracht`);

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

  test('someone else signs in through the dialog: their own start page, nothing of the previous person held for them', async ({
    page,
  }) => {
    const suffix = uniqueSuffix();
    const familyName = `Dassen-${suffix}`;
    await signInAndWait(page, 'worker@maastricht.demo');
    const id = await openTrajectoryViaApi(page, { givenName: 'Wim', familyName });
    await page.goto(`/trajecten/${id}#journaal`);
    await expectPage(page, `Traject ${familyName}`);
    const journal = page.locator('form#journal');
    await journal.getByLabel('Soort contact').selectOption({ label: 'Telefoon' });
    await journal.getByLabel('Notitie').fill(`Niet opgeslagen (${suffix})`);
    await endSessionOnServer(page);
    await journal.getByRole('button', { name: 'Contactmoment opslaan' }).click();
    const dialog = sessionDialog(page);
    await expect(dialog).toBeVisible();
    await expectPageBehindCovered(page, dialog, familyName);

    // From the sign-in on, every request for the trajectory is the colleague's.
    const trajectoryRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes(`/api/v1/trajectories/${id}`))
        trajectoryRequests.push(request.url());
    });
    // A colleague of another team signs in at this desk, in the dialog.
    await dialog.getByLabel('E-mailadres').fill('worker2@maastricht.demo');
    await dialog.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: 'Inloggen' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeVisible();
    await expect(page.getByText(familyName)).toHaveCount(0);
    expect(await page.title()).not.toContain(familyName);
    // The previous person's page was not asked for again with the colleague's session.
    expect(trajectoryRequests).toEqual([]);

    // The previous person's trajectory is not in the app's cache either: going to it within the
    // app (no page load) shows nothing of it while the server is asked, and then no access.
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    await page.route(`**/api/v1/trajectories/${id}**`, async (route) => {
      await answered;
      await route.continue();
    });
    await page.evaluate((path) => {
      window.history.pushState(null, '', path);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, `/trajecten/${id}`);
    await expect(page).toHaveURL(new RegExp(`/trajecten/${id}$`));
    await expect.poll(() => trajectoryRequests.length).toBeGreaterThan(0);
    await expect(page.getByText(familyName)).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).not.toContainText(familyName);
    answer();
    await expect(page.getByRole('heading', { name: 'Niet in uw teams' })).toBeVisible();
    await expect(page.getByText(familyName)).toHaveCount(0);
  });

  test('a sign-in in another tab is noticed when this tab gets the focus back; the form stays', async ({
    page,
    context,
  }) => {
    const suffix = uniqueSuffix();
    const familyName = `Coumans-${suffix}`;
    const note = `Gebeld met de woningcorporatie (${suffix})`;
    await signInAndWait(page, 'worker@maastricht.demo');
    const id = await openTrajectoryViaApi(page, { givenName: 'Lies', familyName });
    await page.goto(`/trajecten/${id}#journaal`);
    await expectPage(page, `Traject ${familyName}`);
    const journal = page.locator('form#journal');
    await journal.getByLabel('Soort contact').selectOption({ label: 'Telefoon' });
    await journal.getByLabel('Notitie').fill(note);
    await endSessionOnServer(page);
    await journal.getByRole('button', { name: 'Contactmoment opslaan' }).click();
    const dialog = sessionDialog(page);
    await expect(dialog).toBeVisible();

    // The same person signs in on the sign-in page in another tab (the cookie is shared).
    const other = await context.newPage();
    await signInAndWait(other, 'worker@maastricht.demo');
    await other.close();
    await page.bringToFront();
    // The focus event a browser sends when a person comes back to this tab.
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect(dialog).toHaveCount(0);
    await expect(journal.getByLabel('Notitie')).toHaveValue(note);
    await journal.getByRole('button', { name: 'Contactmoment opslaan' }).click();
    await expect(page.getByText('Het contactmoment is opgeslagen.')).toBeVisible();
  });
});

// Signing in through the municipality's identity provider leaves the page; from the dialog it
// happens in a window of its own, so that the page and what was typed stay. A real OpenID
// Connect provider (the server tests' `oidc-provider`) runs on a local port for this.
test.describe('a session that ends while typing, renewed at the identity provider', () => {
  let provider: TestProvider;
  let restoreSettings: (() => Promise<void>) | undefined;

  test.beforeAll(async ({ browser }, testInfo) => {
    const baseURL = String(testInfo.project.use.baseURL);
    provider = await startTestProvider(`${baseURL}/api/v1/auth/oidc/callback`, {
      'idp-sanne': { email: 'worker@maastricht.demo' },
    });
    restoreSettings = await connectIdentityProvider(browser, provider);
  });

  test.afterAll(async () => {
    await restoreSettings?.();
    await provider?.close();
  });

  test('signing in at the provider in a new window ends the dialog; the typed note stays and saves', async ({
    page,
    context,
  }) => {
    // The provider's development pages load a web font from the internet: not needed here.
    await context.route('https://fonts.googleapis.com/**', (route) => route.abort());
    const suffix = uniqueSuffix();
    const familyName = `Pieters-${suffix}`;
    const note = `Afspraak met de schuldhulp gemaakt (${suffix})`;
    await signInAndWait(page, 'worker@maastricht.demo');
    const id = await openTrajectoryViaApi(page, { givenName: 'Anke', familyName });
    await page.goto(`/trajecten/${id}#journaal`);
    await expectPage(page, `Traject ${familyName}`);
    const journal = page.locator('form#journal');
    await journal.getByLabel('Soort contact').selectOption({ label: 'Telefoon' });
    await journal.getByLabel('Notitie').fill(note);
    await endSessionOnServer(page);
    await journal.getByRole('button', { name: 'Contactmoment opslaan' }).click();

    const dialog = sessionDialog(page);
    await expect(dialog).toBeVisible();
    const providerButton = dialog.getByRole('button', {
      name: 'Inloggen met Gemeente Maastricht (test-IdP) (opent een nieuw venster)',
    });
    await expect(providerButton).toBeVisible();
    await expect(
      dialog.getByText(/in een nieuw venster, zodat deze pagina blijft staan/),
    ).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: shot('session-expired-dialog-oidc') });

    const popupOpened = context.waitForEvent('page');
    await providerButton.click();
    const popup = await popupOpened;
    // The provider's own sign-in and consent pages.
    await popup.locator('input[name="login"]').fill('idp-sanne');
    await popup.locator('input[name="password"]').fill('wachtwoord-bij-de-idp');
    await popup.locator('button[type="submit"]').click();
    await popup.getByRole('button', { name: 'Continue' }).click();
    // Back at the app's "you are signed in" page, which closes its own window.
    await popup.waitForEvent('close');

    // The first window noticed the session: the dialog is gone, the page and the note are there.
    await expect(dialog).toHaveCount(0);
    await expect(page).toHaveURL(new RegExp(`/trajecten/${id}#journaal$`));
    await expect(journal.getByLabel('Notitie')).toHaveValue(note);
    await expect(page).toHaveTitle(`Traject ${familyName} – Samenkracht`);
    await journal.getByRole('button', { name: 'Contactmoment opslaan' }).click();
    await expect(page.getByText('Het contactmoment is opgeslagen.')).toBeVisible();

    // The window's last page, opened by hand (so it stays open): it says what to do.
    const done = await context.newPage();
    await done.goto('/inloggen/klaar');
    await expectPage(done, 'U bent ingelogd');
    await expect(
      done.getByText(
        'U kunt dit venster sluiten en verdergaan in het venster waar u aan het werk was.',
      ),
    ).toBeVisible();
    await expectAccessible(done);
    await done.screenshot({ path: shot('oidc-signed-in-window') });
    await done.close();
  });

  test("the window's last page without a session says so, and offers the sign-in", async ({
    page,
  }) => {
    await page.goto('/inloggen/klaar');
    await expectPage(page, 'U bent niet ingelogd');
    await expect(page.getByRole('link', { name: 'Naar inloggen' })).toBeVisible();
    await expectAccessible(page);
  });
});

interface SignInSettings {
  totpExtraRoles: string[];
  oidc: {
    enabled: boolean;
    displayName: string;
    issuer: string;
    clientId: string;
    emailDomain: string;
    matchClaim: 'email' | 'sub';
  };
  version: number;
}

/**
 * Connects Maastricht's sign-in to the test provider, as the admin; returns how to put the
 * previous settings back (the other specs expect none).
 */
async function connectIdentityProvider(
  browser: Browser,
  provider: TestProvider,
): Promise<() => Promise<void>> {
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signInAndWait(admin, 'admin@maastricht.demo');
  const me = (await (await admin.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': me.csrfToken };
  const read = async () =>
    (await (await admin.request.get('/api/v1/admin/sign-in')).json()) as SignInSettings;
  const write = async (oidc: SignInSettings['oidc'] & { clientSecret?: string }) => {
    const { version, totpExtraRoles } = await read();
    const response = await admin.request.put('/api/v1/admin/sign-in', {
      headers,
      data: { version, totpExtraRoles, oidc },
    });
    expect(response.ok(), await response.text()).toBe(true);
  };
  const previous = (await read()).oidc;
  await write({
    enabled: true,
    displayName: 'Gemeente Maastricht (test-IdP)',
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    emailDomain: 'maastricht.demo',
    matchClaim: 'email',
  });
  return async () => {
    await write({
      enabled: previous.enabled,
      displayName: previous.displayName,
      issuer: previous.issuer,
      clientId: previous.clientId,
      emailDomain: previous.emailDomain,
      matchClaim: previous.matchClaim,
    });
    await context.close();
  };
}
