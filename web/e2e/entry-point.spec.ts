import { expect, test } from '@playwright/test';
import {
  expectAccessible,
  expectPage,
  openTrajectoryViaApi,
  signInAndWait,
  uniqueSuffix,
} from './helpers';

// The demo seed grows in parallel (waiting registrations, households, signals): these tests only
// assert on the records they create themselves, with unique names.

test.describe('entry point: registrations, triage, households, signals', () => {
  test('a worker registers a resident, records the first contact and opens a trajectory', async ({
    page,
  }) => {
    const suffix = uniqueSuffix();
    const familyName = `Vermeulen-${suffix}`;
    const question = `Ik krijg mijn rekeningen niet meer betaald (${suffix})`;

    await signInAndWait(page, 'worker@maastricht.demo');
    await page.goto('/');
    await expectPage(page, 'Vandaag');
    await expect(page.getByRole('heading', { name: 'Wachten op eerste contact' })).toBeVisible();
    await expectAccessible(page);

    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await nav.getByRole('link', { name: 'Nieuwe aanmelding' }).click();
    await expectPage(page, 'Nieuwe aanmelding');
    const form = page.locator('form#new-registration');
    await expect(form.getByLabel('Team')).toHaveValue(/.+/);
    await form.getByLabel('Bron').selectOption({ label: 'Huisarts' });
    await form.getByLabel('De vraag in de woorden van de inwoner').fill(question);
    await form.getByRole('checkbox', { name: 'Financiën' }).check();
    await form.getByRole('checkbox', { name: 'Huisvesting' }).check();
    await form.getByLabel('Voornaam').fill('Mieke');
    await form.getByLabel('Achternaam').fill(familyName);
    await form.getByLabel('Geboortedatum').fill('1978-05-14');
    await form.getByLabel('Postcode').fill('6299 ZX');
    await form.getByLabel('Huisnummer').fill(String(100 + (Number.parseInt(suffix, 36) % 800)));
    await form.getByLabel('Buurt').selectOption({ label: 'Caberg' });
    await form.getByRole('button', { name: 'Zoek bekende inwoners' }).click();
    await expect(
      form.getByText('Geen bekende inwoners gevonden: dit wordt een nieuw huishouden.'),
    ).toBeVisible();
    await expectAccessible(page);

    await form.getByRole('button', { name: 'Aanmelding opslaan' }).click();
    await expectPage(page, `Aanmelding Mieke ${familyName}`);
    await expect(page.getByText('De aanmelding is opgeslagen.')).toBeVisible();
    await expect(page.getByText('Wacht op eerste contact', { exact: true })).toBeVisible();
    await expectAccessible(page);
    const registrationUrl = page.url();

    // On the waiting list of the home page.
    await nav.getByRole('link', { name: 'Vandaag' }).click();
    await expectPage(page, 'Vandaag');
    const waiting = page.getByRole('table', {
      name: 'Aanmeldingen zonder eerste contact, de oudste eerst',
    });
    const row = waiting.getByRole('row').filter({ hasText: familyName });
    await expect(row).toBeVisible();
    await expect(row.getByRole('cell', { name: 'Huisarts' })).toBeVisible();
    await expect(row.getByRole('cell', { name: 'Caberg' })).toBeVisible();
    await expect(row.getByRole('cell', { name: 'minder dan een uur' })).toBeVisible();
    await expectAccessible(page);
    await row.getByRole('link').click();
    await expect(page).toHaveURL(registrationUrl);

    // First contact.
    const contact = page.locator('form#first-contact');
    await contact.getByRole('radio', { name: 'Huisbezoek' }).check();
    await contact.getByRole('button', { name: 'Eerste contact opslaan' }).click();
    await expect(
      page.getByText(/Eerste contact vastgelegd\. Tijd tot eerste contact:/),
    ).toBeVisible();
    await expect(page.getByText('Eerste contact gehad, wacht op triage')).toBeVisible();
    await expectAccessible(page);

    // Triage: multiple problems opens the trajectory.
    const triage = page.locator('form#triage');
    await triage.getByRole('button', { name: 'Triage opslaan' }).click();
    await expect(triage.getByText('Kies een uitkomst.')).toBeVisible();
    await triage.getByRole('radio', { name: 'Meervoudige problematiek (traject)' }).check();
    await triage.getByRole('button', { name: 'Triage opslaan' }).click();
    await expect(page.getByText('Traject geopend')).toBeVisible();
    await expect(page.getByText('Getrieerd', { exact: true })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Naar het huishouden' }).first().click();
    await expectPage(page, `Huishouden ${familyName}`);
    await expect(page.getByRole('cell', { name: `Mieke ${familyName}` })).toBeVisible();
    await expect(page.getByRole('cell', { name: '14-05-1978' })).toBeVisible();
    await expect(page.getByText('Caberg')).toBeVisible();
    await expect(page.getByText('Open traject')).toBeVisible();
    await expectAccessible(page);

    // The household can be found again by name.
    await nav.getByRole('link', { name: 'Huishoudens' }).click();
    await expectPage(page, 'Huishoudens');
    const search = page.getByLabel('Naam, postcode, geboortedatum of BSN');
    await search.fill(familyName);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await expect(page).toHaveURL(/\/huishoudens\?q=/);
    await expect(page.getByRole('link', { name: `Mieke ${familyName}` })).toBeVisible();
    await expectAccessible(page);

    // A number that is no BSN is refused at the search field, with the reason.
    await search.fill('123456789');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await expect(search).toHaveAccessibleDescription(/elfproef/);
    await expectAccessible(page);
  });

  test('an information-and-advice contact needs no person data', async ({ page }) => {
    const suffix = uniqueSuffix();
    const question = `Waar vind ik de voedselbank? (${suffix})`;
    await signInAndWait(page, 'worker@maastricht.demo');
    await page.goto('/aanmeldingen/nieuw');
    await expectPage(page, 'Nieuwe aanmelding');
    const form = page.locator('form#new-registration');
    await form.getByLabel('De vraag in de woorden van de inwoner').fill(question);
    await form
      .getByRole('checkbox', { name: 'Alleen informatie en advies (geen dossier)' })
      .check();
    await expect(form.getByLabel('Voornaam')).toHaveCount(0);
    await form.getByRole('radio', { name: 'Telefoon' }).check();
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Aanmelding opslaan' }).click();

    await expectPage(page, 'Aanmelding');
    await expect(page.getByText('De aanmelding is opgeslagen.')).toBeVisible();
    await expect(page.getByText('Alleen advies')).toBeVisible();
    await expect(page.getByText(question)).toBeVisible();
    await expect(page.getByText('Anoniem')).toBeVisible();
    await expectAccessible(page);
  });

  test('a registration made without a resident gets one later and then opens a trajectory', async ({
    page,
  }) => {
    const suffix = uniqueSuffix();
    const familyName = `Later-${suffix}`;
    const houseNumber = String(100 + (Number.parseInt(suffix, 36) % 800));
    await signInAndWait(page, 'worker@maastricht.demo');
    await page.goto('/aanmeldingen/nieuw');
    await expectPage(page, 'Nieuwe aanmelding');
    const create = page.locator('form#new-registration');
    await create
      .getByLabel('De vraag in de woorden van de inwoner')
      .fill(`Iemand belde anoniem over schulden en de kinderen (${suffix})`);
    await create.getByRole('button', { name: 'Aanmelding opslaan' }).click();
    await expectPage(page, 'Aanmelding');

    await page
      .locator('form#first-contact')
      .getByRole('button', { name: 'Eerste contact opslaan' })
      .click();
    await expect(page.getByText('Eerste contact gehad, wacht op triage')).toBeVisible();

    // The person, known after the first contact: recorded with the same fields and look-up.
    await expect(page.getByRole('heading', { name: 'Inwoner vastleggen' })).toBeVisible();
    const resident = page.locator('form#resident');
    // Here the resident is what is recorded: the hint says the name is needed, not "optional"
    // (as on a new registration, which may stay anonymous).
    await expect(resident.getByRole('group', { name: 'Inwoner' })).toHaveAccessibleDescription(
      /^Voornaam en achternaam zijn verplicht\. Vul de andere gegevens in voor zover ze bekend zijn/,
    );
    await expect(resident.getByText(/Niet verplicht\. Vul in wat bekend is/)).toHaveCount(0);
    await resident.getByRole('button', { name: 'Inwoner opslaan' }).click();
    await expect(resident.locator('#resident-resident-givenName-error')).toBeVisible();
    await expectAccessible(page);
    await resident.getByLabel('Voornaam').fill('Fenna');
    await resident.getByLabel('Achternaam').fill(familyName);
    await resident.getByLabel('Geboortedatum').fill('1987-08-21');
    await resident.getByLabel('Postcode').fill('6299 ZW');
    await resident.getByLabel('Huisnummer').fill(houseNumber);
    await resident.getByRole('button', { name: 'Zoek bekende inwoners' }).click();
    await expect(
      resident.getByText('Geen bekende inwoners gevonden: dit wordt een nieuw huishouden.'),
    ).toBeVisible();
    await expectAccessible(page);
    await resident.getByRole('button', { name: 'Inwoner opslaan' }).click();
    await expect(page.getByText('De inwoner is vastgelegd.')).toBeVisible();
    await expectPage(page, `Aanmelding Fenna ${familyName}`);
    await expect(page.locator('form#resident')).toHaveCount(0);
    await expectAccessible(page);

    const triage = page.locator('form#triage');
    await triage.getByRole('radio', { name: 'Meervoudige problematiek (traject)' }).check();
    await triage.getByRole('button', { name: 'Triage opslaan' }).click();
    await expect(page.getByText('Traject geopend')).toBeVisible();
    await expectAccessible(page);

    // A second question of the same person joins that trajectory, and the page says so.
    await page.goto('/aanmeldingen/nieuw');
    await expectPage(page, 'Nieuwe aanmelding');
    await create
      .getByLabel('De vraag in de woorden van de inwoner')
      .fill(`Nog een vraag (${suffix})`);
    await create.getByLabel('Voornaam').fill('Fenna');
    await create.getByLabel('Achternaam').fill(familyName);
    await create.getByLabel('Geboortedatum').fill('1987-08-21');
    await create.getByRole('button', { name: 'Zoek bekende inwoners' }).click();
    await create
      .getByRole('button', { name: `Koppel aan het huishouden van Fenna ${familyName}` })
      .click();
    await create.getByRole('button', { name: 'Aanmelding opslaan' }).click();
    await expectPage(page, `Aanmelding Fenna ${familyName}`);
    await expect(page.locator('form#resident')).toHaveCount(0);
    await page
      .locator('form#first-contact')
      .getByRole('button', { name: 'Eerste contact opslaan' })
      .click();
    await triage.getByRole('radio', { name: 'Meervoudige problematiek (traject)' }).check();
    await triage.getByRole('button', { name: 'Triage opslaan' }).click();
    await expect(page.getByText('Gekoppeld aan het lopende traject')).toBeVisible();
    await expect(page.getByText('Traject geopend')).toHaveCount(0);
    await expectAccessible(page);
  });

  test('a relapse during aftercare ends the aftercare and opens a new trajectory', async ({
    page,
  }) => {
    const familyName = `Terugval-${uniqueSuffix()}`;
    await signInAndWait(page, 'worker@maastricht.demo');
    const earlier = await openTrajectoryViaApi(page, { givenName: 'Gijs', familyName });
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
    const closed = await page.request.post(`/api/v1/trajectories/${earlier}/close`, {
      headers: { 'x-csrf-token': me.csrfToken },
      data: {
        closedAt: new Date().toISOString(),
        outcome: 'goals_achieved',
        handledWithoutSpecialistCare: true,
        reason: 'Doelen bereikt',
        aftercareUntil: '2099-01-01',
        noClosingMeasurementReason: 'Gezin wilde geen meting meer',
      },
    });
    expect(closed.ok(), await closed.text()).toBe(true);

    // Months later the same person comes back with several problems.
    await page.goto('/aanmeldingen/nieuw');
    await expectPage(page, 'Nieuwe aanmelding');
    const create = page.locator('form#new-registration');
    await create.getByLabel('De vraag in de woorden van de inwoner').fill('Het gaat weer mis');
    await create.getByLabel('Voornaam').fill('Gijs');
    await create.getByLabel('Achternaam').fill(familyName);
    await create.getByLabel('Geboortedatum').fill('1970-01-01');
    await create.getByRole('button', { name: 'Zoek bekende inwoners' }).click();
    await create
      .getByRole('button', { name: `Koppel aan het huishouden van Gijs ${familyName}` })
      .click();
    await create.getByRole('button', { name: 'Aanmelding opslaan' }).click();
    await expectPage(page, `Aanmelding Gijs ${familyName}`);
    await page
      .locator('form#first-contact')
      .getByRole('button', { name: 'Eerste contact opslaan' })
      .click();
    const triage = page.locator('form#triage');
    await triage.getByRole('radio', { name: 'Meervoudige problematiek (traject)' }).check();
    await triage.getByRole('button', { name: 'Triage opslaan' }).click();
    await expect(page.getByText('Traject geopend', { exact: true })).toBeVisible();
    await expect(
      page.getByText(/de nazorg is beëindigd en er is een nieuw traject geopend/),
    ).toBeVisible();
    await expectAccessible(page);

    // Reloaded (only the registration read, not the triage's answer), the page still says that
    // the aftercare ended, with the way to the previous trajectory.
    await page.reload();
    await expectPage(page, `Aanmelding Gijs ${familyName}`);
    await expect(page.getByText('Traject geopend', { exact: true })).toBeVisible();
    await expect(
      page.getByText(/de nazorg is beëindigd en er is een nieuw traject geopend/),
    ).toBeVisible();
    await page.screenshot({
      path: test.info().outputPath('relapse-registration-after-reload.png'),
      fullPage: true,
    });
    await page.getByRole('link', { name: 'Naar het vorige traject' }).click();
    await expect(page).toHaveURL(new RegExp(`/trajecten/${earlier}$`));
    const history = page.locator('section[aria-labelledby="geschiedenis"]');
    await expect(
      history.getByText('Nazorg beëindigd: nieuwe aanmelding, nieuw traject geopend.'),
    ).toBeVisible();

    // The system wrote that line, so the English screen says it in English; the worker's own
    // words on the closure stay as written.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(
      history.getByText('Aftercare ended: a new registration opened a new trajectory.'),
    ).toBeVisible();
    await expect(history.getByText(/Nazorg beëindigd/)).toHaveCount(0);
    await expect(history.getByText('Doelen bereikt')).toBeVisible();
    await expectAccessible(page);
  });

  test('a signal list with one bad line, the outreach visit and a registration from it', async ({
    page,
  }) => {
    // The outreach lists hold up to 200 of the demo history's signals: axe on them takes time.
    test.slow();
    const suffix = uniqueSuffix();
    const familyName = `Houben-${suffix}`;
    const number = String(200 + (Number.parseInt(suffix, 36) % 700));
    // 6200 ZY sorts before the demo's own addresses (6211-6229): the lists order by postcode and
    // show the first 200, and the demo's history fills them.
    const csv = [
      'kind,reference,receivedAt,postcode,houseNumber,houseLetter,houseNumberAddition,familyName,amountCents,note',
      `rent_arrears,E2E-${suffix}-1,2025-01-06,6200 ZY,${number},,,${familyName},123456,`,
      `energy_debt,E2E-${suffix}-2,2025-01-08,6200 ZY,${number},,,${familyName},20000,`,
      `rent_arrears,E2E-${suffix}-3,2025-01-08,niet-een-postcode,3,,,Janssen,5000,`,
    ].join('\n');

    await signInAndWait(page, 'worker@maastricht.demo');
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Signalen' })
      .click();
    await expectPage(page, 'Signalen');
    // The open signals fit on one page (the demo history handles nearly all older ones): the
    // count says all are loaded and there is no button for more.
    await expect(page.getByText(/^Alle signalen geladen: \d+ signalen?\.$/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Meer signalen laden' })).toHaveCount(0);
    await expectAccessible(page);

    const form = page.locator('form#signal-import');
    // Who sent the list: the municipality's early-warning desk in the demo.
    await form.getByLabel('Afzender van de lijst').selectOption({ label: 'Gemeente Maastricht' });
    await form.getByLabel('CSV-bestand').setInputFiles({
      name: 'huurachterstanden.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await form.getByRole('button', { name: 'Importeren' }).click();
    await expect(
      page.getByText('1 regel is afgekeurd. De andere regels zijn wel verwerkt.'),
    ).toBeVisible();
    const rejected = page.getByRole('table', { name: 'Afgekeurde regels' });
    const rejectedRow = rejected.getByRole('row').filter({ hasText: 'postcode' });
    await expect(rejectedRow.getByRole('cell', { name: '4', exact: true })).toBeVisible();
    await expect(rejectedRow).toContainText('is geen Nederlandse postcode');
    await expectAccessible(page);

    // One row for the address, with both kinds and the total amount.
    const row = page.getByRole('row').filter({ hasText: familyName });
    await expect(row).toContainText('Huurachterstand');
    await expect(row).toContainText('Energieschuld');
    await expect(row).toContainText('€ 1.434,56');
    await row.getByRole('button', { name: /^Bezoek vastleggen/ }).click();
    const visit = page.locator('form#outreach-visit');
    await expect(page.getByText('Geldt voor alle 2 open signalen op dit adres.')).toBeVisible();
    await visit.getByRole('radio', { name: 'Bereikt, hulp gestart' }).check();
    await expectAccessible(page);
    await visit.getByRole('button', { name: 'Bezoek opslaan' }).click();

    // Reached and help starts: straight on to the registration.
    const register = page.locator('form#signal-registration');
    await expect(page.getByRole('heading', { name: /^Aanmelden:/ })).toBeVisible();
    await register
      .getByLabel('De vraag in de woorden van de inwoner')
      .fill('Huurachterstand, wil een betalingsregeling');
    await register.getByRole('checkbox', { name: 'Financiën' }).check();
    await register.getByLabel('Voornaam').fill('Jos');
    await expect(register.getByLabel('Achternaam')).toHaveValue(familyName);
    await expectAccessible(page);
    await register.getByRole('button', { name: 'Aanmelding opslaan' }).click();

    await expectPage(page, `Aanmelding Jos ${familyName}`);
    await expect(page.getByText('Outreach door het team')).toBeVisible();
    await expect(page.getByText('Eerste contact gehad, wacht op triage')).toBeVisible();
    await expectAccessible(page);

    // The signal now links to the registration.
    await page.goto('/signalen');
    await expectPage(page, 'Signalen');
    await page
      .getByLabel('Toon signalen met status')
      .selectOption({ label: 'Bereikt, hulp gestart' });
    const done = page.getByRole('row').filter({ hasText: familyName });
    await expect(done.getByRole('link', { name: 'Naar de aanmelding' })).toBeVisible();
    await expectAccessible(page);

    // Every status: the team's two years of history, 100 signals a page. The next page comes
    // with the keyboard and is added below the first; the focus stays on the button.
    await page.getByLabel('Toon signalen met status').selectOption({ label: 'Alle statussen' });
    await expect(page.getByText('100 signalen geladen. Er zijn meer signalen.')).toBeVisible();
    const rows = page.getByRole('table', { name: 'Signalen per adres' }).getByRole('row');
    const firstPageRows = await rows.count();
    const more = page.getByRole('button', { name: 'Meer signalen laden' });
    await more.focus();
    await page.keyboard.press('Enter');
    await expect(
      page.getByText(
        /^(200 signalen geladen\. Er zijn meer signalen\.|Alle signalen geladen: 1\d\d signalen\.)$/,
      ),
    ).toBeVisible();
    await expect.poll(() => rows.count()).toBeGreaterThan(firstPageRows);
    // The first page is still there: the import's address sorts first (6200 ZY).
    await expect(page.getByRole('row').filter({ hasText: familyName })).toBeVisible();
    if ((await more.count()) > 0) await expect(more).toBeFocused();
    await expectAccessible(page);
  });

  test("the server's validation error for an invalid BSN appears next to the BSN field", async ({
    page,
  }) => {
    await signInAndWait(page, 'worker@maastricht.demo');
    await page.goto('/aanmeldingen/nieuw');
    await expectPage(page, 'Nieuwe aanmelding');
    const form = page.locator('form#new-registration');
    await form.getByLabel('De vraag in de woorden van de inwoner').fill('Hulp bij post');
    await form.getByLabel('Voornaam').fill('Anna');
    await form.getByLabel('Achternaam').fill(`Smeets-${uniqueSuffix()}`);
    await form.getByLabel('BSN').fill('123456789');
    await form.getByRole('button', { name: 'Aanmelding opslaan' }).click();

    await expect(
      page.getByRole('heading', { name: 'Er is iets niet goed ingevuld' }),
    ).toBeVisible();
    const bsn = form.getByLabel('BSN');
    await expect(bsn).toHaveAttribute('aria-invalid', 'true');
    await expect(form.locator('#new-registration-resident-bsn-error')).toHaveText(
      /^BSN is geen geldig BSN/,
    );
    await expect(page.getByRole('link', { name: /^BSN is geen geldig BSN/ })).toBeVisible();
    await expectAccessible(page);
  });
});
