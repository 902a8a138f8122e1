import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { expectAccessible, expectPage, signInAndWait, uniqueSuffix } from './helpers';

// The admin links a staff member to the municipality's identity provider (the subject) in the
// staff form; the same subject for a second member is refused with the field named.

async function addStaffViaApi(page: Page, name: string, email: string) {
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
  const response = await page.request.post('/api/v1/staff', {
    headers: { 'x-csrf-token': me.csrfToken },
    data: { name, email, role: 'worker', hoursPerWeek: 24, password: 'een-lang-genoeg-wachtwoord' },
  });
  expect(response.ok(), await response.text()).toBe(true);
}

test.describe('staff: the link with the identity provider', () => {
  test('the admin sets a subject; a duplicate is refused', async ({ page }) => {
    const suffix = uniqueSuffix();
    const first = `Ilse Vroemen ${suffix}`;
    const second = `Bram Coenen ${suffix}`;
    const subject = `idp-${suffix}`;
    await signInAndWait(page, 'admin@maastricht.demo');
    await addStaffViaApi(page, first, `ilse.${suffix}@maastricht.demo`);
    await addStaffViaApi(page, second, `bram.${suffix}@maastricht.demo`);
    await page.goto('/organisatie/medewerkers');
    await expectPage(page, 'Medewerkers');

    await page.getByRole('button', { name: `${first} wijzigen` }).click();
    const editForm = page.locator('form#edit-staff');
    const field = editForm.getByLabel('Kenmerk bij de inlogdienst van de gemeente (subject)');
    await expect(field).toHaveValue('');
    await expectAccessible(page);
    await field.fill(subject);
    await editForm.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await expect(page.getByText(`De wijzigingen voor ${first} zijn opgeslagen.`)).toBeVisible();
    await page.getByRole('button', { name: `${first} wijzigen` }).click();
    await expect(
      page
        .locator('form#edit-staff')
        .getByLabel('Kenmerk bij de inlogdienst van de gemeente (subject)'),
    ).toHaveValue(subject);
    await page.locator('form#edit-staff').getByRole('button', { name: 'Annuleren' }).click();

    await page.getByRole('button', { name: `${second} wijzigen` }).click();
    await page
      .locator('form#edit-staff')
      .getByLabel('Kenmerk bij de inlogdienst van de gemeente (subject)')
      .fill(subject);
    await page
      .locator('form#edit-staff')
      .getByRole('button', { name: 'Wijzigingen opslaan' })
      .click();
    await expect(
      page.locator('.sk-error-summary').getByRole('link', {
        name: /Kenmerk bij de inlogdienst van de gemeente \(subject\).*al gekoppeld aan een andere medewerker/,
      }),
    ).toBeVisible();
    await expectAccessible(page);
  });
});
