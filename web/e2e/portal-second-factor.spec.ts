import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { base32Decode, hotp, stepAt } from '../../server/src/platform/totp';
import {
  DEMO_PASSWORD,
  enterCode,
  expectAccessible,
  expectPage,
  openTrajectoryViaApi,
  signInAndWait,
  uniqueSuffix,
} from './helpers';

// A resident turns on the optional extra code on a phone, as they would with an authenticator
// app: the test reads the key shown on screen and computes the code from it. Then signing in asks
// for the code, and a recovery code turns it off again. The resident is a fresh one of this test
// (never a demo resident that other specs sign in as).

/** The worker makes a new resident with a trajectory and an invitation; returns the code. */
async function inviteNewResident(page: Page, familyName: string): Promise<string> {
  await signInAndWait(page, 'worker@maastricht.demo');
  const trajectoryId = await openTrajectoryViaApi(page, { givenName: 'Fenna', familyName });
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
  const trajectory = (await (
    await page.request.get(`/api/v1/trajectories/${trajectoryId}`)
  ).json()) as { householdId: string };
  const household = (await (
    await page.request.get(`/api/v1/households/${trajectory.householdId}`)
  ).json()) as { members: { id: string; familyName: string }[] };
  const resident = household.members.find((member) => member.familyName === familyName);
  const invitation = await page.request.post('/api/v1/portal/invitations', {
    headers: { 'x-csrf-token': me.csrfToken },
    data: { residentId: resident?.id },
  });
  expect(invitation.ok(), await invitation.text()).toBe(true);
  return ((await invitation.json()) as { code: string }).code;
}

/** A code the server has not seen yet: each step's code is accepted once. */
function codeAfter(secret: Buffer, lastStep: number): { code: string; step: number } {
  const step = Math.max(stepAt(Date.now()), lastStep + 1);
  // One step ahead is accepted (clock drift); further ahead would need waiting.
  expect(step).toBeLessThanOrEqual(stepAt(Date.now()) + 1);
  return { code: hotp(secret, step), step };
}

test.describe('the resident portal: the optional extra code', () => {
  test('the resident turns it on, signs in with it, and turns it off with a recovery code', async ({
    page,
    browser,
  }) => {
    test.setTimeout(90_000);
    const suffix = uniqueSuffix();
    const familyName = `Wetzels-${suffix}`;
    const invitationCode = await inviteNewResident(page, familyName);

    const context = await browser.newContext({
      baseURL: test.info().project.use.baseURL,
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
      viewport: { width: 390, height: 844 },
    });
    const phone = await context.newPage();
    const loginName = `fenna-${suffix}@example.nl`;
    const password = `${DEMO_PASSWORD}-fenna`;
    await phone.goto(`/portaal/activeren?code=${encodeURIComponent(invitationCode)}`);
    await expectPage(phone, 'Portaal activeren');
    await phone.getByLabel('Inlognaam').fill(loginName);
    await phone.getByLabel('Wachtwoord', { exact: true }).fill(password);
    await phone.getByLabel('Wachtwoord nog een keer').fill(password);
    await phone.getByRole('button', { name: 'Activeren en inloggen' }).click();
    await expectPage(phone, 'Mijn plan');

    // From the home page to the extra code: off, and it is the resident's choice.
    const safely = phone.locator('section[aria-labelledby="veilig-inloggen"]');
    await expect(safely).toContainText('U logt in met uw wachtwoord. U kunt ook');
    await safely.getByRole('link', { name: 'Extra code bij inloggen' }).click();
    await expectPage(phone, 'Inloggen met een extra code');
    await expect(phone.getByText('De extra code staat uit.')).toBeVisible();
    await expectAccessible(phone);

    // Turn it on: the key is shown as text (and as a QR code); the app's code confirms it.
    await phone.getByRole('button', { name: 'Extra code aanzetten' }).click();
    await expect(phone.getByRole('img', { name: /QR-code/ })).toBeVisible();
    const shown = (await phone.getByTestId('totp-secret').textContent()) ?? '';
    expect(shown).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    const secret = base32Decode(shown);
    await expectAccessible(phone);
    // A wrong code first: refused, with the field named.
    await phone.getByLabel('Code uit de app').fill('000000');
    const first = codeAfter(secret, -1);
    if (first.code === '000000') throw new Error('unlucky code; run again');
    await phone.getByRole('button', { name: 'Instellen' }).click();
    await expect(phone.locator('.sk-error-summary')).toContainText('De code klopt niet');
    await phone.getByLabel('Code uit de app').fill(first.code);
    await phone.getByRole('button', { name: 'Instellen' }).click();
    await expect(phone.getByText('Gelukt. De extra code staat aan.')).toBeVisible();
    const recoveryCodes = phone.getByRole('list', { name: 'Herstelcodes' }).getByRole('listitem');
    await expect(recoveryCodes).toHaveCount(8);
    const recoveryCode = ((await recoveryCodes.first().textContent()) ?? '').trim();
    expect(recoveryCode.length).toBeGreaterThan(5);
    // Nothing sticks out sideways on the phone.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await expectAccessible(phone);
    await phone.getByRole('link', { name: 'Terug naar mijn plan' }).first().click();
    await expectPage(phone, 'Mijn plan');
    await expect(safely).toContainText(
      'U logt in met uw wachtwoord en een extra code uit een app.',
    );

    // Sign out and in again: the portal now asks for the code.
    await phone.getByRole('button', { name: 'Uitloggen' }).click();
    await expectPage(phone, 'Inloggen op uw portaal');
    await phone.getByLabel('Inlognaam').fill(loginName);
    await phone.getByLabel('Wachtwoord').fill(password);
    await phone.getByRole('button', { name: 'Inloggen' }).click();
    await expectPage(phone, 'Code invoeren');
    await expectAccessible(phone);
    // The sign-in is interrupted (the challenge's cookie is gone, as after ten minutes): the
    // portal says so, not that the code is wrong, and starts again from the password.
    await phone.context().clearCookies({ name: 'sk_sign_in' });
    await enterCode(phone, codeAfter(secret, first.step).code);
    await expect(phone.getByText('Het inloggen duurde te lang of is afgebroken.')).toBeVisible();
    await expectAccessible(phone);
    await phone.getByRole('button', { name: 'Opnieuw beginnen' }).click();
    await expectPage(phone, 'Inloggen op uw portaal');
    await phone.getByLabel('Inlognaam').fill(loginName);
    await phone.getByLabel('Wachtwoord').fill(password);
    await phone.getByRole('button', { name: 'Inloggen' }).click();
    await expectPage(phone, 'Code invoeren');
    // The confirming code is used up: the next step's code is needed.
    const second = codeAfter(secret, first.step);
    await enterCode(phone, second.code);
    await expectPage(phone, 'Mijn plan');

    // Turn it off again with a recovery code (phone not at hand).
    await phone.goto('/portaal/extra-code');
    await expectPage(phone, 'Inloggen met een extra code');
    await expect(phone.getByText('De extra code staat aan.')).toBeVisible();
    await phone.getByRole('button', { name: /Gebruik een herstelcode/ }).click();
    await phone.getByLabel('Herstelcode').fill(recoveryCode);
    await phone.getByRole('button', { name: 'Extra code uitzetten' }).click();
    await expect(phone.getByText('De extra code staat uit. U logt weer in')).toBeVisible();
    await expectAccessible(phone);

    // And the password alone signs in again.
    await phone.getByRole('button', { name: 'Uitloggen' }).click();
    await expectPage(phone, 'Inloggen op uw portaal');
    await phone.getByLabel('Inlognaam').fill(loginName);
    await phone.getByLabel('Wachtwoord').fill(password);
    await phone.getByRole('button', { name: 'Inloggen' }).click();
    await expectPage(phone, 'Mijn plan');
    await context.close();
  });
});
