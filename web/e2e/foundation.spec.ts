import { expect, test } from '@playwright/test';
import { expectAccessible, expectPage, freshDemoCode, signIn } from './helpers';

test.describe('foundation: sign in, organisation pages, language', () => {
  test('a worker sees the teams and the neighbourhoods, and can sign out', async ({ page }) => {
    await page.goto('/organisatie/teams');
    // Not signed in: sent to the login page.
    await expect(page).toHaveURL(/\/inloggen$/);
    await expectPage(page, 'Inloggen');
    await expectAccessible(page);

    await signIn(page, 'worker@maastricht.demo');
    await expect(page).toHaveURL(/\/organisatie\/teams$/);
    await expectPage(page, 'Teams');
    await expect(page.getByText('Ingelogd als Sanne Jacobs, Buurtteammedewerker')).toBeVisible();
    const noordwest = page.getByRole('link', { name: 'Sociaal Team Noordwest' });
    await expect(noordwest).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Sociaal', exact: true }).first()).toBeVisible();
    // A worker has no admin forms.
    await expect(page.getByRole('heading', { name: 'Nieuw team' })).toHaveCount(0);
    await expectAccessible(page);

    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Buurten' })
      .click();
    await expectPage(page, 'Buurten');
    await expect(page.getByRole('heading', { name: /Wijk 02 Buitenwijk West/ })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Caberg', exact: true })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'BU09350205' })).toBeVisible();
    await expectAccessible(page);

    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Teams' })
      .click();
    await page.getByRole('link', { name: 'Sociaal Team Noordwest' }).click();
    await expectPage(page, 'Sociaal Team Noordwest');
    await expect(page.getByRole('table', { name: 'Inzet per partnerorganisatie' })).toBeVisible();
    await expect(page.getByRole('rowheader', { name: 'Totaal' })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await expect(page).toHaveURL(/\/inloggen$/);
    await expectPage(page, 'Inloggen');
    // The session is gone: a signed-in page sends us back to the login page.
    await page.goto('/organisatie/buurten');
    await expect(page).toHaveURL(/\/inloggen$/);
  });

  test('an admin opens every organisation page and creates a team with two buurten', async ({
    page,
  }) => {
    // Five pages with axe on each and a new team: more than a minute on a busy machine.
    test.slow();
    await signIn(page, 'admin@maastricht.demo');
    await expectPage(page, 'Teams');
    await expectAccessible(page);

    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await nav.getByRole('link', { name: 'Buurten' }).click();
    await expectPage(page, 'Buurten');
    await expectAccessible(page);

    await nav.getByRole('link', { name: 'Organisaties' }).click();
    await expectPage(page, 'Organisaties');
    await expect(page.getByRole('cell', { name: 'Welzijn Maasland' })).toBeVisible();
    await expectAccessible(page);

    await nav.getByRole('link', { name: 'Medewerkers' }).click();
    await expectPage(page, 'Medewerkers');
    await expect(page.getByRole('cell', { name: 'Sanne Jacobs', exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Nieuwe medewerker' })).toBeVisible();
    await expectAccessible(page);

    await nav.getByRole('link', { name: 'Teams' }).click();
    await page.getByRole('link', { name: 'Sociaal Team Oost' }).click();
    await expectPage(page, 'Sociaal Team Oost');
    await expect(page.getByRole('heading', { name: 'Medewerkers van dit team' })).toBeVisible();
    await expectAccessible(page);

    // Create a team.
    await nav.getByRole('link', { name: 'Teams' }).click();
    await expectPage(page, 'Teams');
    const form = page.locator('form#new-team');
    // Submitting an empty name shows the error summary and the message at the field.
    await form.getByRole('button', { name: 'Team aanmaken' }).click();
    await expect(
      page.getByRole('heading', { name: 'Er is iets niet goed ingevuld' }),
    ).toBeVisible();
    await expect(form.getByText('Naam is verplicht.')).toBeVisible();
    await expectAccessible(page);

    await form.getByLabel('Naam', { exact: true }).fill('Sociaal Team Zuidwest');
    await form.getByLabel('Soort team').selectOption({ label: 'Integraal' });
    await form.getByLabel('Werkgebied').fill('Jekerdal en Biesland');
    await form.getByRole('checkbox', { name: /Jekerdal/ }).check();
    await form.getByRole('checkbox', { name: /Biesland/ }).check();
    await form.getByRole('button', { name: 'Team aanmaken' }).click();

    await expect(page.getByText('Team ‘Sociaal Team Zuidwest’ is aangemaakt.')).toBeVisible();
    const row = page.getByRole('row', { name: /Sociaal Team Zuidwest/ });
    await expect(row).toBeVisible();
    await expect(row.getByRole('cell', { name: 'Integraal' })).toBeVisible();
    await expect(row.getByRole('cell', { name: '2', exact: true })).toBeVisible();
    await expectAccessible(page);

    await row.getByRole('link', { name: 'Sociaal Team Zuidwest' }).click();
    await expectPage(page, 'Sociaal Team Zuidwest');
    await expect(page.getByRole('listitem').filter({ hasText: 'Jekerdal' })).toHaveText(
      'Jekerdal (BU09350101)',
    );
    await expect(page.getByRole('listitem').filter({ hasText: 'Biesland' })).toHaveText(
      'Biesland (BU09350102)',
    );
    await expectAccessible(page);
  });

  test('a wrong password shows a clear error', async ({ page }) => {
    await signIn(page, 'worker@maastricht.demo', 'niet-het-wachtwoord');
    await expect(page.getByRole('alert')).toContainText('E-mailadres of wachtwoord onjuist');
    await expect(page).toHaveURL(/\/inloggen$/);
    await expectAccessible(page);
  });

  test('too many attempts (429) shows when to try again', async ({ page }) => {
    // The server's rate limit is not something to trip in a shared test run: answer 429 here.
    await page.route('**/api/v1/auth/login', (route) =>
      route.fulfill({
        status: 429,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Too many requests', status: 429 }),
      }),
    );
    await signIn(page, 'worker@maastricht.demo');
    await expect(page.getByRole('alert')).toContainText(
      'Te veel pogingen, probeer het over enkele minuten opnieuw',
    );
    await expectAccessible(page);
  });

  test('the English switch changes the texts and is remembered', async ({ page }) => {
    await page.goto('/inloggen');
    await expectPage(page, 'Inloggen');
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');

    await page.getByRole('button', { name: 'English' }).click();
    await expectPage(page, 'Sign in');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByLabel('E-mail address')).toBeVisible();
    await expectAccessible(page);

    await page.reload();
    await expectPage(page, 'Sign in');

    await page.getByLabel('E-mail address').fill('gemeente@maastricht.demo');
    await page.getByLabel('Password').fill('samenkracht-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The municipality role requires a second factor: the code screen, in English too.
    await expectPage(page, 'Enter code');
    await page
      .getByLabel('Code from the app')
      .fill(await freshDemoCode('gemeente@maastricht.demo'));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expectPage(page, 'Teams');
    await expect(page.getByText('Signed in as Ilse Vankan, Municipality')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    // The municipality role cannot list staff: no such menu item.
    const nav = page.getByRole('navigation', { name: 'Main menu' });
    await expect(nav.getByRole('link', { name: 'Staff' })).toHaveCount(0);
    await nav.getByRole('link', { name: 'Neighbourhoods' }).click();
    await expectPage(page, 'Neighbourhoods');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Nederlands' }).click();
    await expectPage(page, 'Buurten');
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await expectAccessible(page);
  });
});
