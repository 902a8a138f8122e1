import { expect, test } from '@playwright/test';
import { expectAccessible, expectPage, signInAndWait } from './helpers';

// The privacy officer sets the municipality's privacy settings: a wrong office-hours end is
// refused with the field named, a new Wmo retention period is saved and shows on the retention
// screen. The test puts the default back, as other specs read the same server. axe on each screen.

test.describe('privacy settings', () => {
  test('the privacy officer changes the Wmo retention period and sees it used', async ({
    page,
  }) => {
    await signInAndWait(page, 'privacy@maastricht.demo');
    await page.goto('/privacy/meldingen');
    const tabs = page.getByRole('navigation', { name: 'Privacy-onderdelen' });
    await tabs.getByRole('link', { name: 'Instellingen' }).click();
    await expectPage(page, 'Privacy-instellingen');
    const wmo = page.getByLabel('Bewaartermijn Wmo-dossier (jaren)');
    await expect(wmo).toHaveValue('15');
    await expect(page.getByLabel('Bewaartermijn jeugddossier (jaren)')).toHaveValue('20');
    await expect(page.getByLabel('Kantoortijden: begin (uur)')).toHaveValue('7');
    await expect(page.getByLabel('Kantoortijden: einde (uur)')).toHaveValue('19');
    await expectAccessible(page);

    // The end of office hours before the start: refused, the field named in the summary.
    await page.getByLabel('Kantoortijden: einde (uur)').fill('6');
    await page.getByRole('button', { name: 'Instellingen opslaan' }).click();
    await expect(
      page.locator('.sk-error-summary').getByRole('link', {
        name: 'Kantoortijden: einde (uur) moet later zijn dan het begin.',
      }),
    ).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel('Kantoortijden: einde (uur)').fill('19');

    await wmo.fill('12');
    await page.getByRole('button', { name: 'Instellingen opslaan' }).click();
    await expect(page.getByText('De instellingen zijn opgeslagen.')).toBeVisible();
    await expect(wmo).toHaveValue('12');

    await tabs.getByRole('link', { name: 'Bewaren en wissen' }).click();
    await expectPage(page, 'Bewaren en wissen');
    await expect(page.getByText(/in deze gemeente 12 jaar \(Wmo\), of 20 jaar/)).toBeVisible();

    // Back to the default for the other specs.
    await tabs.getByRole('link', { name: 'Instellingen' }).click();
    await expectPage(page, 'Privacy-instellingen');
    await page.getByLabel('Bewaartermijn Wmo-dossier (jaren)').fill('15');
    await page.getByRole('button', { name: 'Instellingen opslaan' }).click();
    await expect(page.getByText('De instellingen zijn opgeslagen.')).toBeVisible();
    await expectAccessible(page);
  });
});
