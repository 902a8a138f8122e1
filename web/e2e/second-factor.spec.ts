import { expect, test } from '@playwright/test';
import { base32Decode, hotp, stepAt } from '../../server/src/platform/totp';
import { expectAccessible, expectPage, signIn, uniqueSuffix } from './helpers';

const PASSWORD = 'een-eigen-wachtwoord-voor-de-test';

test.describe('two-step verification', () => {
  test('a new municipality user must enrol, signs out, and signs in again with a code', async ({
    page,
  }) => {
    // The admin adds a colleague with the role "gemeente", which requires a second factor.
    await signIn(page, 'admin@maastricht.demo');
    await expectPage(page, 'Teams');
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
    const suffix = uniqueSuffix();
    const email = `beleid.${suffix}@maastricht.demo`;
    const created = await page.request.post('/api/v1/staff', {
      headers: { 'x-csrf-token': me.csrfToken },
      data: {
        name: `Lotte Beleid ${suffix}`,
        email,
        role: 'municipality',
        hoursPerWeek: 32,
        password: PASSWORD,
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await expectPage(page, 'Inloggen');

    // Password alone is not enough: the enrolment comes first, and nothing else.
    await signIn(page, email, PASSWORD);
    await expectPage(page, 'Tweestapsverificatie instellen');
    await expect(
      page.getByText('Voor uw rol is inloggen met een tweede stap verplicht.'),
    ).toBeVisible();
    await expect(page.getByRole('img', { name: /QR-code/ })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toHaveCount(0);
    expect((await page.request.get('/api/v1/teams')).status()).toBe(401);
    const codeField = page.getByLabel('Code uit de app');
    await expect(codeField).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(codeField).toHaveAttribute('inputmode', 'numeric');
    await expectAccessible(page);
    await page.screenshot({ path: test.info().outputPath('enrolment.png'), fullPage: true });

    // The app would read the QR code; here the typed key does the same.
    const secret = base32Decode(
      ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, ''),
    );
    await codeField.fill('000000' === hotp(secret, stepAt(Date.now())) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Instellen' }).click();
    await expect(page.getByText('De code klopt niet of is al gebruikt.').first()).toBeVisible();
    const enrolStep = stepAt(Date.now());
    await codeField.fill(hotp(secret, enrolStep));
    await page.getByRole('button', { name: 'Instellen' }).click();

    await expect(page.getByRole('heading', { name: 'Bewaar uw herstelcodes' })).toBeVisible();
    await expect(
      page.getByRole('list', { name: 'Herstelcodes' }).getByRole('listitem'),
    ).toHaveCount(8);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Ik heb de codes bewaard, verder' }).click();
    await expectPage(page, 'Teams');

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await expectPage(page, 'Inloggen');

    // From now on the code is asked after the password.
    await signIn(page, email, PASSWORD);
    await expectPage(page, 'Code invoeren');
    await expectAccessible(page);
    await page.screenshot({ path: test.info().outputPath('code-prompt.png'), fullPage: true });
    // The code of the enrolment step was used; the next one is accepted (one step of drift).
    await page.getByLabel('Code uit de app').fill(hotp(secret, enrolStep + 1));
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expectPage(page, 'Teams');
    await expect(page.getByText(`Ingelogd als Lotte Beleid ${suffix}, Gemeente`)).toBeVisible();

    // The admin sees the state, and resets it (lost phone).
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await signIn(page, 'admin@maastricht.demo');
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Inloggen en beveiliging' })
      .click();
    await expectPage(page, 'Inloggen en beveiliging');
    const row = page.getByRole('row', { name: new RegExp(`Lotte Beleid ${suffix}`) });
    await expect(row.getByRole('cell', { name: 'Ingesteld (verplicht)' })).toBeVisible();
    await expectAccessible(page);
    page.once('dialog', (dialog) => void dialog.accept());
    await row
      .getByRole('button', {
        name: `Tweestapsverificatie van Lotte Beleid ${suffix} opnieuw instellen`,
      })
      .click();
    await expect(
      page.getByText(`De tweestapsverificatie van Lotte Beleid ${suffix} is opnieuw ingesteld.`),
    ).toBeVisible();
    await expect(row.getByRole('cell', { name: 'Niet ingesteld (verplicht)' })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('admin.png'), fullPage: true });
  });

  test('a worker may set it up on their own page; the password alone suffices until then', async ({
    page,
  }) => {
    await signIn(page, 'teamlead@maastricht.demo');
    await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeVisible();
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Tweestapsverificatie' })
      .click();
    await expectPage(page, 'Tweestapsverificatie');
    await expect(page.getByText('Tweestapsverificatie staat nog niet aan.')).toBeVisible();
    await expectAccessible(page);
  });
});
