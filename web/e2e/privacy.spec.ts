import { expect, test } from '@playwright/test';
import {
  expectAccessible,
  expectPage,
  openTrajectoryViaApi,
  signInAndWait,
  uniqueSuffix,
} from './helpers';

// A worker of another team breaks the glass on a colleague's trajectory (with a reason); the
// privacy officer sees the alert, marks it reviewed with a note, and it moves to "reviewed".
// axe runs on every screen visited.

test.describe('privacy', () => {
  test('break the glass, then the privacy officer reviews the alert', async ({ page, browser }) => {
    const suffix = uniqueSuffix();
    const familyName = `Glasbreker-${suffix}`;
    await signInAndWait(page, 'worker@maastricht.demo');
    const trajectoryId = await openTrajectoryViaApi(page, { givenName: 'Mia', familyName });

    // Fatima (Team Oost) is refused, and may ask for emergency access.
    const oost = await browser.newContext();
    const worker2 = await oost.newPage();
    await signInAndWait(worker2, 'worker2@maastricht.demo');
    await worker2.goto(`/trajecten/${trajectoryId}`);
    await expect(worker2.getByRole('heading', { name: 'Niet in uw teams' })).toBeVisible();
    await expectAccessible(worker2);
    await worker2.getByRole('button', { name: 'Toegang in noodsituatie aanvragen' }).click();
    const reason = worker2.getByLabel('Waarom moet u dit dossier nu inzien?');
    await reason.fill('crisis');
    await worker2.getByRole('button', { name: 'Toegang openen' }).click();
    await expect(worker2.getByRole('link', { name: /minstens 20 tekens/ })).toBeVisible();
    await expectAccessible(worker2);
    const why = `Crisis ${suffix}: moeder belt, coördinator Noordwest niet bereikbaar`;
    await reason.fill(why);
    await worker2.getByRole('button', { name: 'Toegang openen' }).click();
    await expect(worker2.getByRole('heading', { level: 1 })).toContainText(familyName);
    await expect(worker2.getByText(/U kijkt mee in een noodsituatie, tot/)).toBeVisible();
    await expectAccessible(worker2);
    await oost.close();

    // The privacy officer sees the alert and marks it reviewed.
    const officerContext = await browser.newContext();
    const officer = await officerContext.newPage();
    await signInAndWait(officer, 'privacy@maastricht.demo');
    await officer
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Privacy' })
      .click();
    await expectPage(officer, 'Meldingen van ongewone toegang');
    const alert = officer.getByRole('article').filter({ hasText: why });
    await expect(alert).toBeVisible();
    await expect(alert.getByRole('heading')).toContainText('Noodtoegang: Fatima El Idrissi');
    await expectAccessible(officer);
    await alert
      .getByLabel('Notitie bij de beoordeling')
      .fill('Nagevraagd bij de teamleider: terecht.');
    await alert.getByRole('button', { name: 'Markeer als beoordeeld' }).click();
    await expect(officer.getByText('De melding is als beoordeeld gemarkeerd.')).toBeVisible();
    await expect(officer.getByRole('article').filter({ hasText: why })).toHaveCount(0);
    await officer.getByRole('radio', { name: 'Beoordeeld' }).check();
    const reviewed = officer.getByRole('article').filter({ hasText: why });
    await expect(reviewed).toContainText('Beoordeeld door Noor Habets');
    await expect(reviewed).toContainText('Nagevraagd bij de teamleider: terecht.');
    await expectAccessible(officer);

    // The other screens of the privacy officer, with the demo's file past retention.
    const tabs = officer.getByRole('navigation', { name: 'Privacy-onderdelen' });
    await tabs.getByRole('link', { name: 'Toegangslogboek' }).click();
    await expectPage(officer, 'Toegangslogboek');
    await expect(
      officer.getByRole('table', { name: 'Regels in het toegangslogboek' }),
    ).toBeVisible();
    // A list is one row naming its residents: their count, the ids to unfold.
    const listRow = officer.getByText(/^\d+ inwoners$/).first();
    await expect(listRow).toBeVisible();
    await listRow.click();
    await expect(officer.locator('details[open] li').first()).toHaveText(
      /^[0-9a-f]{8}-[0-9a-f]{4}-/,
    );
    await expectAccessible(officer);
    await tabs.getByRole('link', { name: 'Bewaren en wissen' }).click();
    await expectPage(officer, 'Bewaren en wissen');
    await expect(
      officer.getByRole('table', { name: 'Dossiers voorbij de bewaartermijn' }),
    ).toBeVisible();
    await expectAccessible(officer);

    // Mia asks for erasure: the officer finds her by name (in another team than Fatima's) and
    // birth date, and records the request; pressing Enter in the name field searches.
    const requestForm = officer.getByRole('form', { name: 'Verzoek om te wissen vastleggen' });
    await requestForm.getByLabel('Achternaam (of het begin ervan)').fill('G');
    await requestForm.getByRole('button', { name: 'Inwoner zoeken' }).click();
    await expect(officer.getByRole('link', { name: /minstens twee letters/ })).toBeVisible();
    await requestForm.getByLabel('Achternaam (of het begin ervan)').fill(familyName);
    await requestForm.getByLabel('Geboortedatum (als u die weet)').fill('1970-01-01');
    await requestForm.getByLabel('Achternaam (of het begin ervan)').press('Enter');
    const mia = requestForm.getByRole('radio', { name: new RegExp(`Mia ${familyName}`) });
    await expect(mia).toBeVisible();
    await expect(requestForm.getByText(/geboren 01-01-1970/)).toBeVisible();
    await expectAccessible(officer);
    await mia.check();
    await requestForm
      .getByLabel('Hoe en wanneer kwam het verzoek binnen')
      .fill(`Brief ${suffix}: verzoek om wissen`);
    await requestForm.getByRole('button', { name: 'Verzoek vastleggen' }).click();
    await expect(officer.getByText('Het verzoek is vastgelegd.')).toBeVisible();
    await officerContext.close();
  });
});
