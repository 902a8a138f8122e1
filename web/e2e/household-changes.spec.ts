import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { expectAccessible, expectPage, signInAndWait, uniqueSuffix } from './helpers';

// The demo seed is shared by the other specs of the run: this one changes only the households it
// registers itself, with unique names.

const SHOTS = '/tmp/shots-household';

interface Api {
  post: (path: string, data: unknown) => Promise<Record<string, unknown>>;
  patch: (path: string, data: unknown) => Promise<Record<string, unknown>>;
  get: (path: string) => Promise<Record<string, unknown>>;
  teamId: string;
}

async function apiAs(page: Page): Promise<Api> {
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as {
    csrfToken: string;
    user: { teamIds: string[] };
  };
  const headers = { 'x-csrf-token': me.csrfToken };
  const check = async (path: string, response: Awaited<ReturnType<Page['request']['get']>>) => {
    expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
    return (await response.json()) as Record<string, unknown>;
  };
  return {
    post: async (path, data) => check(path, await page.request.post(path, { headers, data })),
    patch: async (path, data) => check(path, await page.request.patch(path, { headers, data })),
    get: async (path) => check(path, await page.request.get(path)),
    teamId: me.user.teamIds[0] ?? '',
  };
}

/** A registration with a new resident at an address of their own: a new household. */
async function registerHousehold(
  api: Api,
  resident: { givenName: string; familyName: string; birthDate: string },
  address: { postcode: string; houseNumber: number; street: string; city: string },
  neighbourhoodCode: string,
): Promise<string> {
  const registration = await api.post('/api/v1/registrations', {
    teamId: api.teamId,
    source: 'self',
    receivedAt: new Date(Date.now() - 60_000).toISOString(),
    question: `Wij hebben hulp nodig (${resident.familyName})`,
    lifeDomains: ['housing'],
    resident: { ...resident, address, neighbourhoodCode },
  });
  return String(registration.householdId);
}

test.describe('changing a household', () => {
  test('a worker records a move, adds a member and corrects a name on the household page', async ({
    page,
  }) => {
    const suffix = uniqueSuffix();
    const familyName = `Verhuis-${suffix}`;
    const houseNumber = 100 + (Number.parseInt(suffix, 36) % 800);
    await signInAndWait(page, 'worker@maastricht.demo');
    const api = await apiAs(page);
    const team = (await api.get(`/api/v1/teams/${api.teamId}`)) as {
      neighbourhoodCodes: string[];
    };
    const { items: neighbourhoods } = (await api.get('/api/v1/neighbourhoods')) as {
      items: { code: string; name: string }[];
    };
    const [fromCode, toCode] = team.neighbourhoodCodes;
    const toName = neighbourhoods.find((item) => item.code === toCode)?.name ?? '';
    expect(fromCode && toCode && toName).toBeTruthy();

    const householdId = await registerHousehold(
      api,
      { givenName: 'Els', familyName, birthDate: '1980-02-03' },
      { postcode: '6216AB', houseNumber, street: 'Caberglaan', city: 'Maastricht' },
      fromCode ?? '',
    );
    // Someone already recorded elsewhere under the name and birth date of the child who joins.
    await registerHousehold(
      api,
      { givenName: 'Noor', familyName, birthDate: '2012-09-03' },
      { postcode: '6216CK', houseNumber, street: 'Malpertuisplein', city: 'Maastricht' },
      fromCode ?? '',
    );

    // The worker finds the household by name.
    await page.goto(`/huishoudens?q=${encodeURIComponent(familyName)}`);
    await page.getByRole('link', { name: `Els ${familyName}` }).click();
    await expect(page).toHaveURL(`/huishoudens/${householdId}`);
    await expectPage(page, `Huishouden ${familyName}`);
    // The forms are closed until asked for.
    await expect(page.locator('form#household-address, form#add-member')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Gegevens corrigeren' })).toHaveCount(1);
    const details = page.getByRole('region', { name: 'Gegevens', exact: true });
    const members = page.getByRole('region', { name: 'Leden', exact: true });

    // A move: the form opens with the recorded address, focus in its first field.
    const openAddress = page.getByRole('button', { name: 'Adres wijzigen' });
    await expect(openAddress).toHaveAttribute('aria-expanded', 'false');
    await openAddress.click();
    await expect(openAddress).toHaveAttribute('aria-expanded', 'true');
    const addressForm = page.locator('form#household-address');
    const postcode = addressForm.getByLabel('Postcode');
    await expect(postcode).toBeFocused();
    await expect(postcode).toHaveValue('6216 AB');
    await expect(addressForm.getByLabel('Huisnummer')).toHaveValue(String(houseNumber));

    // A bad postcode: the server's reason at the postcode field, the input kept.
    await postcode.fill('12AB');
    await addressForm.getByRole('button', { name: 'Adres opslaan' }).click();
    await expect(postcode).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#household-address-address-postcode-error')).toContainText(
      'Postcode',
    );
    await expect(postcode).toHaveValue('12AB');
    await expectAccessible(page);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/household-address-error.png`, fullPage: true });

    await postcode.fill('6224 GR');
    await addressForm.getByLabel('Huisnummer').fill('9');
    await addressForm.getByLabel('Straat').fill('Edisonstraat');
    await addressForm.getByLabel('Buurt').selectOption(toCode ?? '');

    // Meanwhile a colleague changes the household: the save is refused and nothing typed is lost.
    const current = (await api.get(`/api/v1/households/${householdId}`)) as {
      version: number;
      address: Record<string, unknown>;
    };
    await api.patch(`/api/v1/households/${householdId}`, {
      version: current.version,
      address: { postcode: '6216AB', houseNumber, street: 'Caberglaan', city: 'Maastricht' },
      neighbourhoodCode: fromCode,
    });
    await addressForm.getByRole('button', { name: 'Adres opslaan' }).click();
    await expect(
      page.getByText('Iemand anders heeft dit huishouden intussen gewijzigd.'),
    ).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Laad de nieuwe gegevens' }).click();
    await expect(
      page.locator('.sk-notice', { hasText: 'De nieuwe gegevens staan op de pagina.' }),
    ).toBeFocused();
    await expect(postcode).toHaveValue('6224 GR');
    await expect(addressForm.getByLabel('Straat')).toHaveValue('Edisonstraat');

    await addressForm.getByRole('button', { name: 'Adres opslaan' }).click();
    await expect(page.locator('.sk-notice', { hasText: 'Het adres is gewijzigd.' })).toBeFocused();
    await expect(details.getByText('Het adres is gewijzigd.')).toBeVisible();
    await expect(addressForm).toHaveCount(0);
    await expect(details.getByText('Edisonstraat 9, 6224 GR Maastricht')).toBeVisible();
    await expect(details.getByText(toName, { exact: true })).toBeVisible();
    await expectAccessible(page);

    // A name corrected, in a form under the member's row; it stays open while a child is added.
    const elsRow = members.getByRole('row').filter({ hasText: `Els ${familyName}` });
    await elsRow.getByRole('button', { name: 'Gegevens corrigeren' }).click();
    const correctForm = members.locator('form[id^="correct-member-"]');
    await expect(correctForm.getByLabel('Voornaam')).toBeFocused();
    await expect(correctForm.getByLabel('Voornaam')).toHaveValue('Els');
    await expect(correctForm.getByLabel('BSN')).toHaveValue('');
    await correctForm.getByLabel('Voornaam').fill('Elsbeth');

    // A child joins: the same name and birth date as someone recorded asks for a check first.
    await page.getByRole('button', { name: 'Gezinslid toevoegen' }).click();
    const addForm = page.locator('form#add-member');
    await expect(addForm.getByLabel('Voornaam')).toBeFocused();
    await addForm.getByLabel('Voornaam').fill('Noor');
    await addForm.getByLabel('Achternaam').fill(familyName);
    await addForm.getByLabel('Geboortedatum').fill('2012-09-03');
    await expectAccessible(page);
    await addForm.getByRole('button', { name: 'Gezinslid toevoegen' }).click();
    await expect(
      page.getByText('Er staat al een inwoner met deze naam en geboortedatum.'),
    ).toBeVisible();
    await expect(members.getByRole('cell', { name: `Noor ${familyName}` })).toHaveCount(0);
    await page.getByRole('button', { name: 'Toch toevoegen' }).click();
    await expect(
      members.getByText(`Noor ${familyName} is toegevoegd aan het huishouden.`),
    ).toBeVisible();
    await expect(members.getByRole('cell', { name: `Noor ${familyName}` })).toBeVisible();
    await expect(addForm).toHaveCount(0);
    await expect(correctForm.getByLabel('Voornaam')).toHaveValue('Elsbeth');

    // Every form open at once, for the screenshot and axe.
    await page.getByRole('button', { name: 'Adres wijzigen' }).click();
    await page.getByRole('button', { name: 'Gezinslid toevoegen' }).click();
    await expectAccessible(page);
    await page.screenshot({ path: `${SHOTS}/household-forms-open.png`, fullPage: true });

    // Cancelling returns the focus to the button that opened the form.
    await page.locator('form#add-member').getByRole('button', { name: 'Annuleren' }).click();
    await expect(page.getByRole('button', { name: 'Gezinslid toevoegen' })).toBeFocused();
    await page.locator('form#household-address').getByRole('button', { name: 'Annuleren' }).click();
    await expect(page.getByRole('button', { name: 'Adres wijzigen' })).toBeFocused();

    // The correction was opened before the child was added on this page: that change (seen here)
    // does not make it stale.
    await correctForm.getByRole('button', { name: 'Correctie opslaan' }).click();
    await expect(
      members.getByText(`De gegevens van Elsbeth ${familyName} zijn gecorrigeerd.`),
    ).toBeVisible();
    await expect(members.getByRole('cell', { name: `Elsbeth ${familyName}` })).toBeVisible();
    await expect(members.getByRole('cell', { name: `Els ${familyName}`, exact: true })).toHaveCount(
      0,
    );
    await expect(correctForm).toHaveCount(0);
    await expectAccessible(page);
    await page.screenshot({ path: `${SHOTS}/household-after-changes.png`, fullPage: true });

    // What the page shows is what was recorded.
    const saved = (await api.get(`/api/v1/households/${householdId}`)) as {
      address: { postcode: string; houseNumber: number; street: string };
      neighbourhoodCode: string;
      members: { givenName: string; familyName: string; birthDate: string | null }[];
    };
    expect(saved.address).toMatchObject({
      postcode: '6224 GR',
      houseNumber: 9,
      street: 'Edisonstraat',
    });
    expect(saved.neighbourhoodCode).toBe(toCode);
    expect(saved.members.map((member) => member.givenName).sort()).toEqual(['Elsbeth', 'Noor']);
  });
});

test.describe('changing a household after a colleague changed it', () => {
  test("only what the worker changed is saved over the colleague's change, and the buurt follows the new address", async ({
    page,
    browser,
  }) => {
    // The administrator's sign-in needs a fresh code of the demo app, which may mean waiting.
    test.slow();
    const suffix = uniqueSuffix();
    const familyName = `Collega-${suffix}`;
    const houseNumber = 100 + (Number.parseInt(suffix, 36) % 800);
    await signInAndWait(page, 'worker@maastricht.demo');
    const api = await apiAs(page);
    const team = (await api.get(`/api/v1/teams/${api.teamId}`)) as {
      neighbourhoodCodes: string[];
    };
    const { items: neighbourhoods } = (await api.get('/api/v1/neighbourhoods')) as {
      items: { code: string; name: string }[];
    };
    const [fromCode] = team.neighbourhoodCodes;
    const outside = neighbourhoods.find((item) => !team.neighbourhoodCodes.includes(item.code));
    expect(fromCode && outside).toBeTruthy();

    // The municipality's postcode table places one (invented, unused) postcode in a buurt outside
    // the team's area; the demo's own addresses are not in it.
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await signInAndWait(admin, 'admin@maastricht.demo');
    const adminMe = (await (await admin.request.get('/api/v1/auth/me')).json()) as {
      csrfToken: string;
    };
    const imported = await admin.request.post('/api/v1/postcode-neighbourhoods/imports', {
      headers: { 'x-csrf-token': adminMe.csrfToken, 'content-type': 'text/csv' },
      data: `postcode,neighbourhoodCode\n6298XZ,${outside?.code ?? ''}\n`,
    });
    expect(imported.status(), await imported.text()).toBe(201);
    await adminContext.close();

    const householdId = await registerHousehold(
      api,
      { givenName: 'Els', familyName, birthDate: '1980-02-03' },
      { postcode: '6216AB', houseNumber, street: 'Caberglaan', city: 'Maastricht' },
      fromCode ?? '',
    );
    await page.goto(`/huishoudens/${householdId}`);
    await expectPage(page, `Huishouden ${familyName}`);
    const details = page.getByRole('region', { name: 'Gegevens', exact: true });
    const members = page.getByRole('region', { name: 'Leden', exact: true });
    const household = async () =>
      (await api.get(`/api/v1/households/${householdId}`)) as {
        version: number;
        address: { postcode: string; houseNumber: number; street: string; city: string };
        neighbourhoodCode: string | null;
        members: { id: string; givenName: string; familyName: string; birthDate: string | null }[];
      };

    // The worker corrects the house number; the buurt is left to the postcode.
    await page.getByRole('button', { name: 'Adres wijzigen' }).click();
    const addressForm = page.locator('form#household-address');
    const buurt = addressForm.getByLabel('Buurt');
    await expect(buurt).toHaveValue('');
    await expect(buurt.locator('option:checked')).toHaveText('Bepaald door de postcode');
    await addressForm.getByLabel('Huisnummer').fill(String(houseNumber + 1));

    // Meanwhile a colleague corrects the street.
    const before = await household();
    await api.patch(`/api/v1/households/${householdId}`, {
      version: before.version,
      address: { postcode: '6216AB', houseNumber, street: 'Caberweg', city: 'Maastricht' },
      neighbourhoodCode: fromCode,
    });
    await addressForm.getByRole('button', { name: 'Adres opslaan' }).click();
    await page.getByRole('button', { name: 'Laad de nieuwe gegevens' }).click();
    await expect(
      page.locator('.sk-notice', { hasText: 'De nieuwe gegevens staan op de pagina.' }),
    ).toBeFocused();
    // The street the worker did not touch now shows the colleague's; their house number stays.
    await expect(addressForm.getByLabel('Straat')).toHaveValue('Caberweg');
    await expect(addressForm.getByLabel('Huisnummer')).toHaveValue(String(houseNumber + 1));
    // The postcode table does not know this address and no buurt was chosen: the server asks for
    // one (neither keeping the old buurt nor dropping it without a word), at the buurt field.
    await addressForm.getByRole('button', { name: 'Adres opslaan' }).click();
    await expect(addressForm.getByText(/kies dus de buurt/).first()).toBeVisible();
    await expect(addressForm.getByLabel('Straat')).toHaveValue('Caberweg');
    await expectAccessible(page);
    await buurt.selectOption(fromCode ?? '');
    await addressForm.getByRole('button', { name: 'Adres opslaan' }).click();
    await expect(page.locator('.sk-notice', { hasText: 'Het adres is gewijzigd.' })).toBeFocused();
    let saved = await household();
    expect(saved.address).toMatchObject({ street: 'Caberweg', houseNumber: houseNumber + 1 });
    expect(saved.neighbourhoodCode).toBe(fromCode);

    // A move to an address the postcode table places outside the team's area: saved, and said.
    await page.getByRole('button', { name: 'Adres wijzigen' }).click();
    await addressForm.getByLabel('Postcode').fill('6298 XZ');
    await addressForm.getByLabel('Huisnummer').fill('4');
    await addressForm.getByLabel('Straat').fill('Grensweg');
    await addressForm.getByRole('button', { name: 'Adres opslaan' }).click();
    const outsideNotice = page.locator('.sk-notice', { hasText: 'Het adres is gewijzigd.' });
    await expect(outsideNotice).toBeFocused();
    await expect(outsideNotice).toContainText(
      `Het nieuwe adres ligt buiten het werkgebied van het team (buurt ${outside?.name ?? ''}).`,
    );
    await expect(outsideNotice).toContainText('Het huishouden blijft bij dit team.');
    await expect(outsideNotice).toContainText('warme overdracht');
    await expect(details.getByText(outside?.name ?? '', { exact: true })).toBeVisible();
    await expectAccessible(page);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/household-address-outside-area.png`, fullPage: true });
    saved = await household();
    expect(saved.neighbourhoodCode).toBe(outside?.code);

    // On to an address the table does not know: the buurt outside the area is not sent along (it
    // would be refused); the worker is asked for the buurt and chooses one of the team's.
    await page.getByRole('button', { name: 'Adres wijzigen' }).click();
    await expect(buurt).toHaveValue('');
    await addressForm.getByLabel('Postcode').fill('6224 GR');
    await addressForm.getByLabel('Huisnummer').fill('9');
    await addressForm.getByLabel('Straat').fill('Edisonstraat');
    await addressForm.getByRole('button', { name: 'Adres opslaan' }).click();
    await expect(addressForm.getByText(/kies dus de buurt/).first()).toBeVisible();
    await buurt.selectOption(fromCode ?? '');
    await addressForm.getByRole('button', { name: 'Adres opslaan' }).click();
    const movedBack = page.locator('.sk-notice', { hasText: 'Het adres is gewijzigd.' });
    await expect(movedBack).toBeFocused();
    await expect(movedBack).not.toContainText('buiten het werkgebied');
    saved = await household();
    expect(saved.address).toMatchObject({ postcode: '6224 GR', houseNumber: 9 });
    expect(saved.neighbourhoodCode).toBe(fromCode);

    // A member's correction: the worker changes the given name, a colleague meanwhile the family
    // name and birth date.
    const elsRow = members.getByRole('row').filter({ hasText: `Els ${familyName}` });
    await elsRow.getByRole('button', { name: 'Gegevens corrigeren' }).click();
    const correctForm = members.locator('form[id^="correct-member-"]');
    await correctForm.getByLabel('Voornaam').fill('Elsje');
    const els = saved.members[0];
    await api.patch(`/api/v1/households/${householdId}/members/${els?.id ?? ''}`, {
      version: saved.version,
      familyName: `${familyName}-Smit`,
      birthDate: '1980-03-02',
    });
    await correctForm.getByRole('button', { name: 'Correctie opslaan' }).click();
    await page.getByRole('button', { name: 'Laad de nieuwe gegevens' }).click();
    await expect(correctForm.getByLabel('Achternaam')).toHaveValue(`${familyName}-Smit`);
    await expect(correctForm.getByLabel('Geboortedatum')).toHaveValue('1980-03-02');
    await expect(correctForm.getByLabel('Voornaam')).toHaveValue('Elsje');
    await correctForm.getByRole('button', { name: 'Correctie opslaan' }).click();
    await expect(
      members.getByText(`De gegevens van Elsje ${familyName}-Smit zijn gecorrigeerd.`),
    ).toBeVisible();
    saved = await household();
    expect(saved.members[0]).toMatchObject({
      givenName: 'Elsje',
      familyName: `${familyName}-Smit`,
      birthDate: '1980-03-02',
    });
  });
});
