import { expect, test } from '@playwright/test';
import {
  expectAccessible,
  expectPage,
  openTrajectoryViaApi,
  signInAndWait,
  uniqueSuffix,
} from './helpers';

// The worker scores a ZRM with the resident: by keyboard within each domain, sees the radar chart
// with its table and the table of changes, and the due list on "Vandaag" changes.

test.describe('measurements', () => {
  test('a worker scores the start ZRM by keyboard, sees the radar and the changes, and the due list changes', async ({
    page,
  }) => {
    // "Vandaag" holds the demo history's waiting list and outreach list: with axe on it three
    // times this long scenario needs more than a minute on a busy machine.
    test.slow();
    const familyName = `Vranken-${uniqueSuffix()}`;
    await signInAndWait(page, 'worker@maastricht.demo');
    const id = await openTrajectoryViaApi(page, { givenName: 'Ria', familyName });

    // "Vandaag" lists the missing start measurement.
    await page.goto('/');
    await expectPage(page, 'Vandaag');
    const due = page
      .locator('section[aria-labelledby="home-measurements"]')
      .getByRole('row')
      .filter({ hasText: familyName });
    await expect(due).toHaveCount(1);
    await expect(due.getByRole('cell', { name: 'Start', exact: true })).toBeVisible();
    await expectAccessible(page);

    // The trajectory page links to the measurements.
    await page.goto(`/trajecten/${id}`);
    await expectPage(page, `Traject ${familyName}`);
    await expect(page.getByRole('link', { name: 'Metingen bekijken en scoren' })).toBeVisible();

    // From the due list to the scoring form, with "Start" chosen.
    await page.goto('/');
    await due.getByRole('link', { name: `Ria ${familyName}` }).click();
    await expect(page).toHaveURL(new RegExp(`/trajecten/${id}/metingen\\?moment=start$`));
    await expectPage(page, `Metingen ${familyName}`);
    await expect(page.getByText('Er zijn nog geen metingen vastgelegd.')).toBeVisible();
    const form = page.locator('form#zrm');
    await expect(form.getByRole('radio', { name: 'Start', exact: true })).toBeChecked();
    await expectAccessible(page);

    // Financiën with the mouse, then the next domains by keyboard: Tab to the next domain, arrow
    // keys to choose within it.
    const finances = form.getByRole('group', { name: '1. Financiën' });
    await finances.getByText('Beperkt zelfredzaam').click();
    await expect(finances.getByRole('radio', { name: /^3/ })).toBeChecked();
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight'); // Werk & Opleiding: 2
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // Tijdsbesteding: 1
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight'); // Huisvesting: 4
    const work = form.getByRole('group', { name: '2. Werk & Opleiding' });
    await expect(work.getByRole('radio', { name: /^2/ })).toBeChecked();
    await expect(
      form.getByRole('group', { name: '3. Tijdsbesteding' }).getByRole('radio', { name: /^1/ }),
    ).toBeChecked();
    await expect(
      form.getByRole('group', { name: '4. Huisvesting' }).getByRole('radio', { name: /^4/ }),
    ).toBeChecked();
    await form
      .getByRole('group', { name: '5. Huiselijke relaties' })
      .getByRole('radio', { name: 'Niet besproken' })
      .check();
    await expect(form.getByText('4 van 13 domeinen gescoord')).toBeVisible();
    await form.getByRole('button', { name: 'Meting opslaan' }).click();
    await expect(page.getByText('De meting ‘Start’ is opgeslagen.')).toBeVisible();

    // The radar chart (an image with a text alternative) and its table.
    await expect(page.getByRole('img', { name: /Radargrafiek van de ZRM-scores/ })).toBeVisible();
    const scores = page.getByRole('table', { name: 'ZRM-scores per domein en meting' });
    await expect(scores.getByRole('row', { name: /Financiën/ }).getByRole('cell')).toHaveText([
      '3',
    ]);
    await expect(scores.getByRole('row', { name: /Huisvesting/ }).getByRole('cell')).toHaveText([
      '4',
    ]);
    await expectAccessible(page);

    // The same moment twice is refused at the moment field and in the error summary.
    await expect(form.getByRole('radio', { name: 'Na drie maanden' })).toBeChecked();
    await form.getByRole('radio', { name: 'Start', exact: true }).check();
    await form
      .getByRole('group', { name: '1. Financiën' })
      .getByText('Voldoende zelfredzaam')
      .click();
    await form.getByRole('button', { name: 'Meting opslaan' }).click();
    const summary = page.locator('.sk-error-summary');
    await expect(
      summary.getByRole('link', { name: /^Moment:? dit moment is al gemeten/ }),
    ).toBeVisible();
    await expect(form.getByRole('group', { name: 'Moment' })).toContainText(
      'dit moment is al gemeten',
    );
    await expectAccessible(page);

    // An interim measurement: the table of changes compares it with the start.
    await form.getByRole('radio', { name: 'Tussentijds' }).check();
    await form.getByRole('button', { name: 'Meting opslaan' }).click();
    await expect(page.getByText('De meting ‘Tussentijds’ is opgeslagen.')).toBeVisible();
    const changes = page.getByRole('table', {
      name: /Veranderingen per domein: Start tegen Tussentijds/,
    });
    await expect(changes.getByRole('row', { name: /Financiën/ })).toContainText('Verbeterd');
    await expect(
      page.getByRole('table', { name: 'ZRM-scores per domein en meting' }),
    ).toContainText('Tussentijds');
    await expectAccessible(page);

    // "Vandaag" no longer lists this trajectory's start.
    await page.goto('/');
    await expectPage(page, 'Vandaag');
    await expect(page.getByRole('heading', { name: 'Metingen die nu moeten' })).toBeVisible();
    await expect(
      page
        .locator('section[aria-labelledby="home-measurements"]')
        .getByRole('row')
        .filter({ hasText: familyName }),
    ).toHaveCount(0);
    await expectAccessible(page);
  });
});
