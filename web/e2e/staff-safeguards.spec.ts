import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { expectAccessible, expectPage, signInAndWait, uniqueSuffix } from './helpers';

// The administrator's staff form: the e-mail address (the login name) can be corrected, a
// refusal is shown at the field it names (an address in use, the last administrator), and
// switching off a coordinator or taking them out of a team warns before saving.

async function csrf(page: Page): Promise<string> {
  return ((await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string })
    .csrfToken;
}

async function addStaffViaApi(page: Page, name: string, email: string) {
  const response = await page.request.post('/api/v1/staff', {
    headers: { 'x-csrf-token': await csrf(page) },
    data: { name, email, role: 'worker', hoursPerWeek: 32, password: 'een-lang-genoeg-wachtwoord' },
  });
  expect(response.ok(), await response.text()).toBe(true);
}

/** The warning as the form words it, in the singular or the plural. */
const stillCoordinates = (count: number, where = '') =>
  count === 1
    ? `Let op: Sanne Jacobs is nog regisseur van 1 lopend traject${where}. Laat de teamleider het overdragen aan een collega.`
    : `Let op: Sanne Jacobs is nog regisseur van ${count} lopende trajecten${where}. Laat de teamleider ze overdragen aan een collega.`;

const editButton = (page: Page, name: string) =>
  page.getByRole('button', { name: `${name} wijzigen` });

test.describe('staff: what the edit form may change, and what it warns about', () => {
  test('the administrator corrects an e-mail address; one in use is refused at the field', async ({
    page,
  }) => {
    const suffix = uniqueSuffix();
    const name = `Mila Hendriks ${suffix}`;
    await signInAndWait(page, 'admin@maastricht.demo');
    await addStaffViaApi(page, name, `mila.${suffix}@maastricht.demo`);
    await page.goto('/organisatie/medewerkers');
    await expectPage(page, 'Medewerkers');

    await editButton(page, name).click();
    const form = page.locator('form#edit-staff');
    const email = form.getByLabel('E-mailadres');
    await expect(email).toHaveValue(`mila.${suffix}@maastricht.demo`);
    await expect(email).toHaveAccessibleDescription(/ook de inlognaam/);

    // An address another account signs in with: named at the field, and not taken for someone
    // else's change in between (no reload button).
    await email.fill('worker@maastricht.demo');
    await form.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    const inUse = 'E-mailadres is al in gebruik voor een ander account';
    await expect(
      page.locator('.sk-error-summary').getByRole('link', { name: inUse }),
    ).toBeVisible();
    await expect(form.locator('#edit-staff-email-error')).toHaveText(inUse);
    await expect(page.getByText(/Iemand anders heeft deze medewerker/)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Pagina opnieuw laden' })).toHaveCount(0);
    await expectAccessible(page);

    await email.fill(`m.hendriks.${suffix}@maastricht.demo`);
    await form.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await expect(page.getByText(`De wijzigingen voor ${name} zijn opgeslagen.`)).toBeVisible();
    await expect(page.locator('form#edit-staff')).toHaveCount(0);
    await editButton(page, name).click();
    await expect(page.locator('form#edit-staff').getByLabel('E-mailadres')).toHaveValue(
      `m.hendriks.${suffix}@maastricht.demo`,
    );
  });

  test("the last administrator's refusal is shown at the role", async ({ page }) => {
    await signInAndWait(page, 'admin@maastricht.demo');
    await page.goto('/organisatie/medewerkers');
    await expectPage(page, 'Medewerkers');
    // The demo has two administrators, and the specs share its data: the server's answer for
    // the only one (staff-safeguards.test.ts proves it) is given here, and nothing is saved.
    await page.route('**/api/v1/staff/*', async (route) => {
      if (route.request().method() !== 'PATCH') return route.fallback();
      await route.fulfill({
        status: 409,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'https://samenkracht.example/problems/conflict',
          title: 'This conflicts with existing data.',
          titleNl: 'Dit botst met bestaande gegevens.',
          status: 409,
          detail: 'At least one active administrator must remain.',
          detailNl: 'Er moet minstens één actieve beheerder overblijven.',
          code: 'conflict',
          invalidParams: [
            {
              name: 'role',
              reason: 'cannot be changed: at least one active administrator must remain',
              reasonNl:
                'kan niet worden gewijzigd: er moet minstens één actieve beheerder overblijven',
            },
          ],
        }),
      });
    });
    await editButton(page, 'Bart Coenen').click();
    const form = page.locator('form#edit-staff');
    await form.getByLabel('Rol').selectOption({ label: 'Buurtteammedewerker' });
    await form.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    const message =
      'Rol kan niet worden gewijzigd: er moet minstens één actieve beheerder overblijven';
    await expect(form.locator('#edit-staff-role-error')).toHaveText(message);
    await expect(form.getByLabel('Rol')).toHaveAccessibleDescription(message);
    await expect(
      page.locator('.sk-error-summary').getByRole('link', { name: message }),
    ).toBeVisible();
    await expect(page.getByText(/Iemand anders heeft deze medewerker/)).toHaveCount(0);
    await expectAccessible(page);
  });

  test('switching off a coordinator, or taking them out of a team, warns before saving', async ({
    page,
  }) => {
    await signInAndWait(page, 'admin@maastricht.demo');
    // Sanne Jacobs (worker@) coordinates trajectories of Sociaal Team Noordwest in the demo; how
    // many depends on what other specs did, so the administrator's read of her tells.
    const list = (await (await page.request.get('/api/v1/staff?limit=500')).json()) as {
      items: { id: string; email: string }[];
    };
    const sanne = list.items.find((s) => s.email === 'worker@maastricht.demo');
    const detail = (await (await page.request.get(`/api/v1/staff/${sanne?.id}`)).json()) as {
      teamIds: string[];
      openTrajectoriesCoordinated: { teamId: string; count: number }[];
    };
    const count = detail.openTrajectoriesCoordinated.reduce((sum, c) => sum + c.count, 0);
    expect(count).toBeGreaterThan(0);
    const inNoordwest =
      detail.openTrajectoriesCoordinated.find((c) => detail.teamIds.includes(c.teamId))?.count ?? 0;
    expect(inNoordwest).toBeGreaterThan(0);

    await page.goto('/organisatie/medewerkers');
    await expectPage(page, 'Medewerkers');
    await editButton(page, 'Sanne Jacobs').click();
    const form = page.locator('form#edit-staff');
    const active = form.getByRole('checkbox', { name: 'Actief' });
    const activeWarning = form.locator('#edit-staff-active-warning');
    await expect(active).toBeChecked();
    await expect(activeWarning).toHaveCount(0);

    await active.uncheck();
    await expect(activeWarning).toHaveText(stillCoordinates(count));
    await expect(active).toHaveAttribute('aria-describedby', /edit-staff-active-warning/);
    await expect(active).not.toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);
    await active.check();
    await expect(activeWarning).toHaveCount(0);

    const noordwest = form.getByRole('checkbox', { name: 'Sociaal Team Noordwest' });
    const teamsWarning = form.locator('#edit-staff-teamIds-warning');
    await noordwest.uncheck();
    await expect(teamsWarning).toHaveText(
      stillCoordinates(inNoordwest, ' in Sociaal Team Noordwest'),
    );
    await expect(form.getByRole('group', { name: 'Teams' })).toHaveAttribute(
      'aria-describedby',
      /edit-staff-teamIds-warning/,
    );

    await page.getByRole('button', { name: 'English' }).click();
    await expect(teamsWarning).toHaveText(
      /^Note: Sanne Jacobs still coordinates \d+ ongoing trajector(y|ies) in Sociaal Team Noordwest\. Ask the team lead to hand (it|them) over to a colleague\.$/,
    );
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await noordwest.check();
    await expect(teamsWarning).toHaveCount(0);
    // Only warned: nothing was saved.
    await form.getByRole('button', { name: 'Annuleren' }).click();
  });
});
