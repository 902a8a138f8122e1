import { expect, test } from '@playwright/test';
import { expectAccessible, expectPage, signInAndWait } from './helpers';

// The demo's Brouwers household: Jolanda sent three messages from the portal, one of them read.
test.describe("the residents' messages on a trajectory", () => {
  test('the coordinator sees what Jolanda sent and marks it read by keyboard', async ({ page }) => {
    await signInAndWait(page, 'worker@maastricht.demo');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await nav.getByRole('link', { name: 'Mijn trajecten' }).click();
    await expectPage(page, 'Mijn trajecten');
    await page.getByRole('row').filter({ hasText: 'Brouwers' }).getByRole('link').first().click();
    await expectPage(page, /Traject Brouwers/);
    // The page's own table of contents leads to the messages.
    await page
      .getByRole('navigation', { name: /onderdelen/i })
      .getByRole('link', { name: 'Berichten van de inwoner' })
      .click();
    await expect(page).toHaveURL(/#berichten-inwoner$/);

    const section = page.getByRole('region', { name: /Berichten van de inwoner/ });
    await expect(section.getByRole('heading', { level: 2 })).toHaveText(
      'Berichten van de inwoner (2 ongelezen)',
    );
    const newest = section.getByRole('row').filter({ hasText: 'energierekening' });
    await expect(newest.getByRole('cell', { name: 'Wens voor het plan' })).toBeVisible();
    await expect(newest.getByRole('cell', { name: 'Jolanda Brouwers', exact: true })).toBeVisible();
    await expect(section.getByText(/^Gelezen op /)).toHaveCount(1);
    await expectAccessible(page);

    const mark = newest.getByRole('button', { name: /Markeer als gelezen/ });
    await mark.focus();
    await page.keyboard.press('Enter');
    await expect(section.getByRole('heading', { level: 2 })).toHaveText(
      'Berichten van de inwoner (1 ongelezen)',
    );
    await expect(newest.getByText(/^Gelezen op /)).toBeVisible();
    await section.screenshot({ path: 'test-results/resident-messages.png' });
  });
});
