import { expect, test } from '@playwright/test';
import {
  expectAccessible,
  expectPage,
  openTrajectoryViaApi,
  signInAndWait,
  uniqueSuffix,
} from './helpers';

test.describe('collective and informal support', () => {
  test('a worker puts a social map offer in the plan and matches a volunteer, who sees only the task', async ({
    page,
  }) => {
    const familyName = `Wederkerig${uniqueSuffix()}`;
    await signInAndWait(page, 'worker@maastricht.demo');
    const trajectoryId = await openTrajectoryViaApi(page, { givenName: 'Wies', familyName });

    // The social map, opened from the trajectory: two clicks put an offer in the plan.
    await page.goto(`/sociale-kaart?traject=${trajectoryId}`);
    await expectPage(page, 'Sociale kaart');
    await expectAccessible(page);
    await page
      .getByRole('button', { name: /^Aan plan toevoegen\s?: Vrijwilligerscentrale Maastricht$/ })
      .click();
    await page.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    await expect(
      page.getByText('Vrijwilligerscentrale Maastricht staat nu in het krachtplan (versie 1).'),
    ).toBeVisible();
    await expectAccessible(page);

    // Matching the plan's request for a volunteer.
    await page.goto(`/vrijwilligers/koppelen?traject=${trajectoryId}`);
    await expectPage(page, 'Vrijwilliger koppelen');
    await page.getByLabel('Actie in het plan').selectOption({ index: 1 });
    await page.getByLabel('Gevraagde vaardigheden').fill('administratie');
    await page.getByLabel('Gewenste dagdelen').fill('di-ochtend');
    await page.getByRole('button', { name: 'Vrijwilligers zoeken' }).click();
    const candidates = page.getByRole('table', { name: 'Passende vrijwilligers, beste eerst' });
    await expect(candidates.getByRole('row', { name: /Anja Meertens/ })).toBeVisible();
    // Dirk van Gils can do paperwork too, but his VOG is older than three years.
    await expect(candidates.getByText('Dirk van Gils')).toHaveCount(0);
    await expectAccessible(page);
    await page.getByRole('button', { name: /^Kiezen\s?: Anja Meertens$/ }).click();
    const record = page.locator('form#record-match');
    await expect(record.getByLabel('Wat')).toHaveValue(/Vrijwilligerscentrale Maastricht/);
    await record.getByLabel('Wat').fill('Samen de post doornemen');
    await record.getByRole('button', { name: 'Koppeling vastleggen' }).click();
    // Where and when are required: the form says so and records nothing.
    await expect(record.getByText('Waar is verplicht.')).toBeVisible();
    await expectAccessible(page);
    await record.getByLabel('Waar').fill('Bij Wies thuis');
    await record.getByLabel('Wanneer').fill('Dinsdagochtend om 10 uur');
    await record.getByRole('button', { name: 'Koppeling vastleggen' }).click();
    const matches = page.getByRole('table', { name: 'Koppelingen van dit traject' });
    await expect(
      matches.getByRole('row', { name: /Anja Meertens.*Samen de post doornemen/ }),
    ).toBeVisible();
    await expectAccessible(page);

    // The volunteer signs in and sees the task: a first name, what, where, when. Not the file.
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await expectPage(page, 'Inloggen');
    await page.getByLabel('E-mailadres').fill('vrijwilliger@maastricht.demo');
    await page.getByLabel('Wachtwoord').fill('samenkracht-demo');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expectPage(page, 'Mijn taken');
    const task = page.getByRole('article').filter({ hasText: 'Samen de post doornemen' });
    await expect(task.getByRole('heading', { name: 'Met Wies' })).toBeVisible();
    await expect(task.getByText('Bij Wies thuis')).toBeVisible();
    await expect(task.getByText('Dinsdagochtend om 10 uur')).toBeVisible();
    await expect(page.getByText(familyName)).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Mijn trajecten' })).toHaveCount(0);
    await expectAccessible(page);
  });

  test('groups and the item pool are keyboard-usable and accessible', async ({ page }) => {
    await signInAndWait(page, 'worker@maastricht.demo');
    await page.goto('/groepen');
    await expectPage(page, 'Groepen');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Administratieklas Caberg' }).click();
    await expectPage(page, 'Administratieklas Caberg');
    await expect(page.getByText('Wachtlijst, nummer 1')).toBeVisible();
    await expectAccessible(page);
    await page.goto('/uitleenpool');
    await expectPage(page, 'Uitleenpool');
    await expect(page.getByRole('heading', { name: 'Te laat terug' })).toBeVisible();
    await expectAccessible(page);
  });

  test('a reservation of the item pool that has not started is cancelled by keyboard', async ({
    page,
  }) => {
    await signInAndWait(page, 'worker@maastricht.demo');
    const suffix = uniqueSuffix();
    const trajectoryId = await openTrajectoryViaApi(page, {
      givenName: 'Riet',
      familyName: `Reservering${suffix}`,
    });
    // Through the API: an item, and a loan of it for next week (a reservation).
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as {
      csrfToken: string;
      user: { teamIds: string[] };
    };
    const headers = { 'x-csrf-token': me.csrfToken };
    const trajectory = (await (
      await page.request.get(`/api/v1/trajectories/${trajectoryId}`)
    ).json()) as { householdId: string };
    const household = (await (
      await page.request.get(`/api/v1/households/${trajectory.householdId}`)
    ).json()) as { members: { id: string }[] };
    const itemName = `Scootmobiel ${suffix}`;
    const item = await page.request.post('/api/v1/shared-items', {
      headers,
      data: { teamId: me.user.teamIds[0], kind: 'mobility_scooter', name: itemName },
    });
    expect(item.status()).toBe(201);
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const loan = await page.request.post(
      `/api/v1/shared-items/${((await item.json()) as { id: string }).id}/loans`,
      {
        headers,
        data: {
          trajectoryId,
          residentId: household.members[0]?.id,
          fromDate: day(7),
          untilDate: day(9),
        },
      },
    );
    expect(loan.status(), await loan.text()).toBe(201);

    await page.goto('/uitleenpool');
    await expectPage(page, 'Uitleenpool');
    const reserved = page.getByRole('region', { name: 'Gereserveerd' });
    const row = reserved.getByRole('row').filter({ hasText: itemName });
    await expect(row).toContainText(`Riet Reservering${suffix}`);
    await expectAccessible(page);
    const cancel = row.getByRole('button', {
      name: new RegExp(`^Reservering annuleren\\s?: ${itemName},`),
    });
    await cancel.focus();
    await page.keyboard.press('Enter');
    await expect(
      reserved.getByText(
        `De reservering van ${itemName} voor Riet Reservering${suffix} is geannuleerd`,
      ),
    ).toBeVisible();
    await expect(reserved.getByRole('row').filter({ hasText: itemName })).toHaveCount(0);
    await expectAccessible(page);
  });

  test('a return the server refuses (a colleague recorded it already) says why', async ({
    page,
  }) => {
    await signInAndWait(page, 'worker@maastricht.demo');
    const suffix = uniqueSuffix();
    const trajectoryId = await openTrajectoryViaApi(page, {
      givenName: 'Ton',
      familyName: `Terug${suffix}`,
    });
    // Through the API: an item lent out from today, so the item pool shows it with its button.
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as {
      csrfToken: string;
      user: { teamIds: string[] };
    };
    const headers = { 'x-csrf-token': me.csrfToken };
    const trajectory = (await (
      await page.request.get(`/api/v1/trajectories/${trajectoryId}`)
    ).json()) as { householdId: string };
    const household = (await (
      await page.request.get(`/api/v1/households/${trajectory.householdId}`)
    ).json()) as { members: { id: string }[] };
    const itemName = `Rolstoel ${suffix}`;
    const item = await page.request.post('/api/v1/shared-items', {
      headers,
      data: { teamId: me.user.teamIds[0], kind: 'wheelchair', name: itemName },
    });
    expect(item.status()).toBe(201);
    const dayInAmsterdam = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000).toLocaleDateString('sv-SE', {
        timeZone: 'Europe/Amsterdam',
      });
    const today = dayInAmsterdam(0);
    const loan = await page.request.post(
      `/api/v1/shared-items/${((await item.json()) as { id: string }).id}/loans`,
      {
        headers,
        data: {
          trajectoryId,
          residentId: household.members[0]?.id,
          fromDate: today,
          untilDate: dayInAmsterdam(7),
        },
      },
    );
    expect(loan.status(), await loan.text()).toBe(201);

    await page.goto('/uitleenpool');
    await expectPage(page, 'Uitleenpool');
    const returned = page.getByRole('button', {
      name: new RegExp(`^Teruggebracht\\s?: ${itemName}$`),
    });
    await expect(returned).toBeVisible();
    // A colleague records the return meanwhile; this screen still offers the button.
    const byColleague = await page.request.post(
      `/api/v1/item-loans/${((await loan.json()) as { id: string }).id}/return`,
      { headers, data: { returnedOn: today } },
    );
    expect(byColleague.status(), await byColleague.text()).toBe(200);
    await returned.focus();
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('alert').filter({ hasText: /Dit item is al teruggebracht op .+\./ }),
    ).toBeVisible();
    await expectAccessible(page);
  });
});
