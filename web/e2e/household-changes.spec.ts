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
