import { expect, test } from '@playwright/test';
import { expectAccessible, expectPage, signIn } from './helpers';

test.describe('admin changes and role limits', () => {
  test('an admin edits a team; a change by someone else in between gives a clear 409 message', async ({
    page,
  }) => {
    await signIn(page, 'admin@maastricht.demo');
    await expectPage(page, 'Teams');
    await page.getByRole('link', { name: 'Sociaal Team Oost' }).click();
    await expectPage(page, 'Sociaal Team Oost');

    // A normal edit.
    await page.getByRole('button', { name: 'Team bewerken' }).click();
    const form = page.locator('form#edit-team');
    await form.getByLabel('Werkgebied').fill('Maastricht-Oost');
    await form.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await expect(page.getByText('De wijzigingen zijn opgeslagen.')).toBeVisible();
    await expect(page.getByText('Maastricht-Oost', { exact: true })).toBeVisible();
    await expectAccessible(page);

    // Someone else saves while we are editing: our save is refused with 409.
    await page.getByRole('button', { name: 'Team bewerken' }).click();
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as {
      csrfToken: string;
    };
    const teamId = page.url().split('/').pop() ?? '';
    const current = (await (await page.request.get(`/api/v1/teams/${teamId}`)).json()) as {
      version: number;
    };
    const other = await page.request.patch(`/api/v1/teams/${teamId}`, {
      headers: { 'x-csrf-token': me.csrfToken },
      data: { version: current.version, workingArea: 'Gewijzigd door een ander' },
    });
    expect(other.status()).toBe(200);

    await form.getByLabel('Naam', { exact: true }).fill('Sociaal Team Oost (nieuw)');
    await form.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await expect(page.getByRole('alert')).toContainText(
      'Iemand anders heeft dit team intussen gewijzigd. Laad de pagina opnieuw.',
    );
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Pagina opnieuw laden' }).click();
    await expectPage(page, 'Sociaal Team Oost');
    await expect(page.getByText('Gewijzigd door een ander')).toBeVisible();
  });

  test('an admin adds an organisation and a staff member, and changes hours', async ({ page }) => {
    await signIn(page, 'admin@maastricht.demo');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });

    await nav.getByRole('link', { name: 'Organisaties' }).click();
    await expectPage(page, 'Organisaties');
    const orgForm = page.locator('form#new-organisation');
    await orgForm.getByLabel('Naam organisatie').fill('Stichting Buurtkracht');
    await orgForm.getByLabel('Naam contactpersoon').fill('Els Janssen');
    await orgForm.getByLabel('E-mailadres contactpersoon').fill('e.janssen@buurtkracht.demo');
    await orgForm.getByLabel('Telefoonnummer contactpersoon').fill('043 350 6600');
    await orgForm.getByRole('button', { name: 'Organisatie toevoegen' }).click();
    await expect(
      page.getByText('Organisatie ‘Stichting Buurtkracht’ is toegevoegd.'),
    ).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Stichting Buurtkracht' })).toBeVisible();
    await expectAccessible(page);

    await nav.getByRole('link', { name: 'Medewerkers' }).click();
    await expectPage(page, 'Medewerkers');
    const staffForm = page.locator('form#new-staff');
    await staffForm.getByLabel('Naam', { exact: true }).fill('Noor Willems');
    await staffForm.getByLabel('E-mailadres').fill('n.willems@maastricht.demo');
    await staffForm.getByLabel('Organisatie').selectOption({ label: 'Stichting Buurtkracht' });
    await staffForm.getByRole('checkbox', { name: 'Sociaal Team Oost' }).check();
    await staffForm.getByLabel('Uren per week').fill('28');
    await staffForm.getByLabel('Expertise').fill('jeugd, schulden');
    // A password that is too short: the server's reason appears at the field, in Dutch.
    await staffForm.getByLabel('Eerste wachtwoord').fill('kort');
    await staffForm.getByRole('button', { name: 'Medewerker toevoegen' }).click();
    await expect(
      page.getByRole('heading', { name: 'Er is iets niet goed ingevuld' }),
    ).toBeVisible();
    await expect(staffForm.getByText(/^Eerste wachtwoord .*12/)).toBeVisible();
    await expectAccessible(page);

    await staffForm.getByLabel('Eerste wachtwoord').fill('een-lang-genoeg-wachtwoord');
    await staffForm.getByRole('button', { name: 'Medewerker toevoegen' }).click();
    await expect(page.getByText('Medewerker ‘Noor Willems’ is toegevoegd.')).toBeVisible();
    const row = page.getByRole('row', { name: /Noor Willems/ });
    await expect(row.getByRole('cell', { name: 'jeugd, schulden' })).toBeVisible();

    await page.getByRole('button', { name: 'Noor Willems wijzigen' }).click();
    const editForm = page.locator('form#edit-staff');
    await editForm.getByLabel('Uren per week').fill('32');
    await editForm.getByLabel('Rol').selectOption({ label: 'Teamleider' });
    // The change may be dated back, but not before the previous one: Noor started today.
    const amsterdamDay = (instant: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(instant);
    const today = amsterdamDay(Date.now());
    const effective = editForm.getByLabel('Ingangsdatum van de wijziging');
    await expect(effective).toHaveValue(today);
    await effective.fill(amsterdamDay(Date.now() - 86_400_000));
    await editForm.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await expect(
      page.getByRole('heading', { name: 'Er is iets niet goed ingevuld' }),
    ).toBeVisible();
    const [year, month, day] = today.split('-');
    await expect(
      editForm.getByText(`ligt vóór de vorige wijziging (${day}-${month}-${year})`),
    ).toBeVisible();
    // Below the form, the history the business case counts: one stretch since today, for now.
    const history = page.getByRole('region', { name: 'Bezetting door de tijd' });
    await expect(history.getByRole('row')).toHaveCount(2);
    await expect(
      history.getByRole('row', { name: /nu 28 Sociaal Team Oost Stichting Buurtkracht/ }),
    ).toBeVisible();
    await expectAccessible(page);
    // Noor worked in the team before Samenkracht: her first stretch is moved back. Not into the
    // future, though.
    await history
      .getByRole('button', { name: `Periode vanaf ${day}-${month}-${year} corrigeren` })
      .click();
    const correction = page.locator('form#correct-period');
    await expect(
      correction.getByText(
        'De uren, organisatie en teams van de huidige periode wijzigt u met het formulier hierboven.',
      ),
    ).toBeVisible();
    const firstDay = correction.getByLabel('Eerste dag van de periode');
    await expect(firstDay).toHaveValue(today);
    await firstDay.fill(amsterdamDay(Date.now() + 86_400_000));
    await correction.getByRole('button', { name: 'Correctie opslaan' }).click();
    await expect(correction.getByText(/mag niet in de toekomst liggen/)).toBeVisible();
    await expectAccessible(page);
    await firstDay.fill('2024-01-01');
    await correction.getByRole('button', { name: 'Correctie opslaan' }).click();
    await expect(
      page.getByText('De bezetting is gewijzigd. De business case rekent ermee.'),
    ).toBeVisible();
    await expect(history.getByRole('row', { name: /^01-01-2024 nu 28/ })).toBeVisible();
    await expectAccessible(page);
    // In 2024 she worked 20 hours: split the stretch on 1 January 2025, then correct the part
    // before it.
    const correctFirst = history.getByRole('button', {
      name: 'Periode vanaf 01-01-2024 corrigeren',
    });
    await correctFirst.click();
    await page
      .locator('form#split-period')
      .getByLabel('Eerste dag van het tweede deel')
      .fill('2025-01-01');
    await page
      .locator('form#split-period')
      .getByRole('button', { name: 'Periode splitsen' })
      .click();
    await expect(history.getByRole('row', { name: /^01-01-2025 nu 28/ })).toBeVisible();
    await expect(history.getByRole('row', { name: /^01-01-2024 31-12-2024 28/ })).toBeVisible();
    await correctFirst.click();
    await correction.getByLabel('Uren per week').fill('20');
    // Seconded by another organisation then (its hourly price counts for 2024).
    await correction.getByLabel('Organisatie').selectOption({ label: 'Welzijn Maasland' });
    await correction.getByRole('button', { name: 'Correctie opslaan' }).click();
    await expect(
      history.getByRole('row', {
        name: /^01-01-2024 31-12-2024 20 Sociaal Team Oost Welzijn Maasland/,
      }),
    ).toBeVisible();
    await expect(
      history.getByRole('row', {
        name: /^01-01-2025 nu 28 Sociaal Team Oost Stichting Buurtkracht/,
      }),
    ).toBeVisible();
    await expect(
      page.getByText('De bezetting is gewijzigd. De business case rekent ermee.'),
    ).toBeVisible();
    await expectAccessible(page);
    await effective.fill(today);
    await editForm.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await expect(page.getByText('De wijzigingen voor Noor Willems zijn opgeslagen.')).toBeVisible();
    await expect(row.getByRole('cell', { name: '32', exact: true })).toBeVisible();
    await expect(row.getByRole('cell', { name: 'Teamleider' })).toBeVisible();
    await expectAccessible(page);
  });

  test('the municipality sees the composition but no staff', async ({ page }) => {
    await signIn(page, 'gemeente@maastricht.demo');
    await expectPage(page, 'Teams');
    await page.getByRole('link', { name: 'Sociaal Team Noordwest' }).click();
    await expectPage(page, 'Sociaal Team Noordwest');
    await expect(page.getByRole('table', { name: 'Inzet per partnerorganisatie' })).toBeVisible();
    await expect(page.getByRole('rowheader', { name: 'Totaal' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Medewerkers van dit team' })).toHaveCount(0);
    await expectAccessible(page);

    await page.goto('/organisatie/medewerkers');
    await expectPage(page, 'Medewerkers');
    await expect(page.getByText('Geen toegang')).toBeVisible();
    await expectAccessible(page);
  });

  test('a team lead sees the staff of their own team only', async ({ page }) => {
    await signIn(page, 'teamlead@maastricht.demo');
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Medewerkers' })
      .click();
    await expectPage(page, 'Medewerkers');
    await expect(page.getByRole('cell', { name: 'Sanne Jacobs', exact: true })).toBeVisible();
    // Dirk Wetzels works in team Oost only.
    await expect(page.getByRole('cell', { name: 'Dirk Wetzels' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Nieuwe medewerker' })).toHaveCount(0);
    await expectAccessible(page);
  });
});
