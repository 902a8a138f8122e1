import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { expectAccessible, expectPage, signInAndWait, uniqueSuffix } from './helpers';

// The minimum of a secondment (seed 003: "Deze detachering is voor minimaal 28 uur per week"):
// the staff form warns, connected to the hours field, and still saves; the team composition
// counts the seconded workers below it, with names for the administrator only.

async function createTeamViaApi(page: Page, name: string): Promise<string> {
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
  const response = await page.request.post('/api/v1/teams', {
    headers: { 'x-csrf-token': me.csrfToken },
    data: { name, type: 'social' },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { id: string }).id;
}

const WARNING_NL =
  /Let op: minder dan 28 uur per week\. Een buurtteamwerker wordt voor minimaal 28 uur/;

test.describe('staff: the minimum hours of a secondment', () => {
  test('the staff form warns below 28 hours for a worker, and the composition counts it', async ({
    page,
  }) => {
    test.slow();
    const suffix = uniqueSuffix();
    const teamName = `Sociaal Team Detachering ${suffix}`;
    const name = `Lotte Minder ${suffix}`;
    await signInAndWait(page, 'admin@maastricht.demo');
    const teamId = await createTeamViaApi(page, teamName);
    await page.goto('/organisatie/medewerkers');
    await expectPage(page, 'Medewerkers');

    const form = page.locator('form#new-staff');
    const hours = form.getByLabel('Uren per week');
    const warning = form.locator('#new-staff-hoursPerWeek-warning');
    await hours.fill('32');
    await expect(warning).toHaveCount(0);

    await hours.fill('24');
    await expect(warning).toHaveText(WARNING_NL);
    // Connected to the field for screen readers, and a warning: the field is not invalid.
    await expect(hours).toHaveAttribute('aria-describedby', /new-staff-hoursPerWeek-warning/);
    await expect(hours).toHaveAccessibleDescription(WARNING_NL);
    await expect(hours).not.toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);
    const shot = test.info().outputPath('secondment-warning.png');
    await form.screenshot({ path: shot });
    if (process.env.SECONDMENT_SCREENSHOT) {
      mkdirSync(dirname(process.env.SECONDMENT_SCREENSHOT), { recursive: true });
      copyFileSync(shot, process.env.SECONDMENT_SCREENSHOT);
    }

    // Exactly the minimum, or a role that is not seconded (a team lead is hired by the
    // municipality): no warning.
    await hours.fill('28');
    await expect(warning).toHaveCount(0);
    await hours.fill('20');
    await expect(warning).toBeVisible();
    await form.getByLabel('Rol').selectOption({ label: 'Teamleider' });
    await expect(warning).toHaveCount(0);
    await form.getByLabel('Rol').selectOption({ label: 'Buurtteammedewerker' });
    await expect(warning).toBeVisible();

    // In English too.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(warning).toHaveText(
      /Note: fewer than 28 hours a week\. A neighbourhood team worker is seconded/,
    );
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await expect(warning).toHaveText(WARNING_NL);

    // Only a warning: the form saves the 20 hours.
    await form.getByLabel('Naam').fill(name);
    await form.getByLabel('E-mailadres').fill(`lotte.${suffix}@maastricht.demo`);
    await form.getByLabel('Organisatie').selectOption({ label: 'Welzijn Maasland' });
    await form.getByRole('checkbox', { name: teamName }).check();
    await form.getByLabel('Eerste wachtwoord').fill('een-lang-genoeg-wachtwoord');
    await form.getByRole('button', { name: 'Medewerker toevoegen' }).click();
    await expect(page.getByText(`Medewerker ‘${name}’ is toegevoegd.`)).toBeVisible();

    // The edit form warns for the stored hours as well.
    await page.getByRole('button', { name: `${name} wijzigen` }).click();
    await expect(page.locator('#edit-staff-hoursPerWeek-warning')).toHaveText(WARNING_NL);
    await expect(page.locator('form#edit-staff').getByLabel('Uren per week')).toHaveAttribute(
      'aria-describedby',
      /edit-staff-hoursPerWeek-warning/,
    );

    // The team's composition: the count, and for the administrator who it is.
    await page.goto(`/organisatie/teams/${teamId}`);
    await expectPage(page, teamName);
    const composition = page.getByRole('region', { name: 'Samenstelling' });
    await expect(
      composition.getByText(
        '1 gedetacheerde buurtteamwerker heeft minder dan 28 uur per week (alle teams samen).',
      ),
    ).toBeVisible();
    await expect(composition.getByText(`${name}: 20 uur per week`)).toBeVisible();
    await expectAccessible(page);
  });
});
