import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  expectAccessible,
  expectPage,
  openTrajectoryViaApi,
  signInAndWait,
  uniqueSuffix,
} from './helpers';

// Every test opens its own trajectory (unique names) and asserts only on what it creates; the demo
// trajectories are there too but are not counted.

const group = (page: Page, name: string) => page.getByRole('group', { name, exact: true });

test.describe('trajectories and the krachtplan', () => {
  test('a worker writes a krachtplan, saves it twice, sees versions and the map, and prints', async ({
    page,
  }) => {
    // "Mijn trajecten" loads the worker's whole history (the demo's, up to 200): this long
    // scenario needs more than a minute on a busy machine.
    test.slow();
    const suffix = uniqueSuffix();
    const familyName = `Smeets-${suffix}`;
    const firstAction = `Post samen openen (${suffix})`;
    const secondAction = `Schuldenoverzicht maken (${suffix})`;
    const member = `Anja ${suffix}`;

    await signInAndWait(page, 'worker@maastricht.demo');
    const id = await openTrajectoryViaApi(page, { givenName: 'Mieke', familyName });

    // Mijn trajecten.
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await nav.getByRole('link', { name: 'Mijn trajecten' }).click();
    await expectPage(page, 'Mijn trajecten');
    const row = page.getByRole('row').filter({ hasText: familyName });
    await expect(row).toBeVisible();
    await expect(row.getByText('Nog geen krachtplan')).toBeVisible();
    await expect(row.getByRole('cell', { name: 'Open', exact: true })).toBeVisible();
    await expectAccessible(page);
    await row.getByRole('link', { name: `Mieke ${familyName}` }).click();
    await expect(page).toHaveURL(new RegExp(`/trajecten/${id}$`));
    await expectPage(page, `Traject ${familyName}`);
    await expect(page.getByText('Er is nog geen krachtplan.')).toBeVisible();
    await expectAccessible(page);

    // Write the plan: an answer, a life domain, two actions, an agreement and a network member.
    await page.getByRole('link', { name: 'Krachtplan schrijven' }).click();
    await expectPage(page, `Krachtplan ${familyName}`);
    const form = page.locator('form#plan');
    await form.getByLabel('Wat kan ik zelf?').fill('Ik kan goed koken en houd het huis op orde.');
    await form.getByRole('button', { name: 'Leefgebied toevoegen' }).click();
    await group(page, 'Leefgebied 1').getByLabel('Leefgebied').selectOption({ label: 'Financiën' });
    await group(page, 'Leefgebied 1').getByLabel('Doel').fill('Een regeling die ze volhoudt.');
    await form.getByRole('button', { name: 'Actie toevoegen' }).click();
    await form.getByRole('button', { name: 'Actie toevoegen' }).click();
    const action1 = group(page, 'Actie 1');
    await action1.getByLabel('Wat gaat er gebeuren?').fill(firstAction);
    await action1.getByLabel('Wie (soort)').selectOption({ label: 'Netwerk' });
    await action1.getByLabel('Naam van wie het doet').fill('Dochter Anja');
    await action1.getByLabel('Uiterlijk op').fill('2030-01-15');
    const action2 = group(page, 'Actie 2');
    await action2.getByLabel('Wat gaat er gebeuren?').fill(secondAction);
    await action2.getByLabel('Wie (soort)').selectOption({ label: 'Buurtteam' });
    await action2.getByLabel('Naam van wie het doet').fill('Sanne Jacobs');
    await form.getByRole('button', { name: 'Afspraak toevoegen' }).click();
    await form.getByLabel('Afspraak 1').fill('Post wordt niet meer ongeopend weggelegd.');
    await form.getByRole('button', { name: 'Netwerklid toevoegen' }).click();
    const member1 = group(page, 'Netwerklid 1');
    await member1.getByLabel('Naam').fill(member);
    await member1.getByLabel('Relatie').selectOption({ label: 'Familie' });
    await member1.getByLabel('Hoe dichtbij').selectOption({ label: 'Dichtbij' });
    await member1.getByLabel('Rol in het plan').fill('Opent samen de post');
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Krachtplan opslaan' }).click();
    await expect(page.getByText('Het krachtplan is opgeslagen als versie 1.')).toBeVisible();
    await expect(page.getByText('U bewerkt versie 1.')).toBeVisible();

    // Change the first action's status and save again.
    await action1.getByLabel('Status').selectOption({ label: 'Gedaan' });
    await form.getByRole('button', { name: 'Krachtplan opslaan' }).click();
    await expect(page.getByText('Het krachtplan is opgeslagen als versie 2.')).toBeVisible();

    // Both versions with their changes.
    const versions = page.getByRole('table', {
      name: 'Versies van het krachtplan, de nieuwste eerst',
    });
    const v2 = versions
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'Bekijk en vergelijk versie 2' }) });
    const v1 = versions
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'Bekijk en vergelijk versie 1' }) });
    await expect(v2.getByText(`Acties: ‘${firstAction}’ gewijzigd`)).toBeVisible();
    await expect(v1.getByText(`Acties: ‘${secondAction}’ toegevoegd`)).toBeVisible();
    await expect(v1.getByText(`Netwerk: ‘${member}’ toegevoegd`)).toBeVisible();
    await expect(v1.getByText('Vragen: ‘Wat kan ik zelf?’ toegevoegd')).toBeVisible();
    await expectAccessible(page);

    // The resident agrees to version 2.
    const agreement = page.locator('form#plan-agreement');
    await agreement.getByRole('radio', { name: 'Persoonlijk' }).check();
    await agreement.getByRole('button', { name: 'Akkoord vastleggen' }).click();
    await expect(page.getByText('Het akkoord op versie 2 is vastgelegd.')).toBeVisible();

    // Version 1, compared with the current one.
    await v1.getByRole('link', { name: 'Bekijk en vergelijk versie 1' }).click();
    await expectPage(page, 'Krachtplan versie 1');
    const compare = page.getByRole('table', {
      name: 'Verschillen tussen versie 1 en de huidige versie 2',
    });
    const changed = compare.getByRole('row').filter({ hasText: firstAction });
    await expect(changed.getByRole('cell').nth(0)).toContainText('Open');
    await expect(changed.getByRole('cell').nth(1)).toContainText('Gedaan');
    await expectAccessible(page);

    // The network map on the trajectory page.
    await page.goto(`/trajecten/${id}`);
    await expectPage(page, `Traject ${familyName}`);
    await expect(page.getByRole('img', { name: `Netwerkkaart van ${familyName}` })).toBeVisible();
    const network = page.getByRole('table', { name: 'Het netwerk rond het huishouden' });
    await expect(network.getByRole('row').filter({ hasText: member })).toContainText('Dichtbij');
    await expect(page.getByText(/Akkoord van de inwoner op .* \(Persoonlijk\)/)).toBeVisible();
    await expectAccessible(page);

    // The print page: on paper no navigation, but the plan's actions.
    await page.getByRole('link', { name: 'Krachtplan afdrukken' }).click();
    await expectPage(page, `Krachtplan van Mieke ${familyName}`);
    await expect(page.getByText(/Versie 2, opgeslagen op/)).toBeVisible();
    await expectAccessible(page);
    await page.emulateMedia({ media: 'print' });
    await expect(nav).toBeHidden();
    await expect(page.getByRole('button', { name: 'Afdrukken' })).toBeHidden();
    await expect(
      page.getByRole('heading', { name: 'Acties (wie doet wat, wanneer)' }),
    ).toBeVisible();
    await expect(page.getByRole('cell', { name: firstAction })).toBeVisible();
    await expect(page.getByRole('cell', { name: secondAction })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Mijn netwerk' })).toBeVisible();
    await page.emulateMedia({ media: 'screen' });
    await expect(nav).toBeVisible();
  });

  test('two people save the same plan: the second sees what changed and keeps their text', async ({
    page,
    browser,
  }) => {
    const suffix = uniqueSuffix();
    const familyName = `Hermans-${suffix}`;
    const action = `Boodschappen samen doen (${suffix})`;
    const theirText = `Het team belt elke week (${suffix})`;

    await signInAndWait(page, 'worker@maastricht.demo');
    const id = await openTrajectoryViaApi(page, { givenName: 'Gerda', familyName });

    const leadContext = await browser.newContext();
    const lead = await leadContext.newPage();
    await signInAndWait(lead, 'teamlead@maastricht.demo');

    // Both open the plan (version 0).
    await page.goto(`/trajecten/${id}/krachtplan`);
    await expectPage(page, `Krachtplan ${familyName}`);
    await lead.goto(`/trajecten/${id}/krachtplan`);
    await expectPage(lead, `Krachtplan ${familyName}`);
    await expectAccessible(lead);

    // The worker saves first.
    const form = page.locator('form#plan');
    await form.getByLabel('Wat kan ik zelf?').fill('Zelf koken lukt goed.');
    await form.getByRole('button', { name: 'Actie toevoegen' }).click();
    await group(page, 'Actie 1').getByLabel('Wat gaat er gebeuren?').fill(action);
    await group(page, 'Actie 1').getByLabel('Wie (soort)').selectOption({ label: 'Inwoner' });
    await group(page, 'Actie 1').getByLabel('Naam van wie het doet').fill('Gerda');
    await form.getByRole('button', { name: 'Krachtplan opslaan' }).click();
    await expect(page.getByText('Het krachtplan is opgeslagen als versie 1.')).toBeVisible();

    // The team lead saves on the old version: a conflict with what changed, their text kept.
    const leadForm = lead.locator('form#plan');
    await leadForm.getByLabel('Wat kan het buurtteam doen?').fill(theirText);
    await leadForm.getByRole('button', { name: 'Krachtplan opslaan' }).click();
    await expect(
      lead.getByRole('heading', {
        name: 'Het krachtplan is intussen door iemand anders opgeslagen',
      }),
    ).toBeVisible();
    await expect(lead.getByText(/heeft dit plan intussen opgeslagen \(versie 1\)/)).toBeVisible();
    await expect(lead.getByText(`Acties: ‘${action}’ toegevoegd`)).toBeVisible();
    await expect(lead.getByText('Vragen: ‘Wat kan ik zelf?’ toegevoegd')).toBeVisible();
    await expect(leadForm.getByLabel('Wat kan het buurtteam doen?')).toHaveValue(theirText);
    await expectAccessible(lead);

    // Loading the new version shows it beside the form; the own text stays and saves as version 2.
    await lead.getByRole('button', { name: 'Laad de nieuwe versie' }).click();
    await expect(
      lead.getByRole('heading', { name: /Nieuwe versie 1 \(opgeslagen door/ }),
    ).toBeVisible();
    await expect(leadForm.getByLabel('Wat kan het buurtteam doen?')).toHaveValue(theirText);
    await expect(lead.getByText('U bewerkt versie 1.')).toBeVisible();
    await expectAccessible(lead);
    await leadForm.getByRole('button', { name: 'Krachtplan opslaan' }).click();
    await expect(lead.getByText('Het krachtplan is opgeslagen als versie 2.')).toBeVisible();
    await leadContext.close();
  });

  test('a journal entry, and closure with aftercare that is then ended', async ({ page }) => {
    const suffix = uniqueSuffix();
    const familyName = `Claessens-${suffix}`;
    const note = `Telefonisch gesproken over de afspraken (${suffix})`;

    await signInAndWait(page, 'worker@maastricht.demo');
    const id = await openTrajectoryViaApi(page, { givenName: 'Wim', familyName });
    await page.goto(`/trajecten/${id}`);
    await expectPage(page, `Traject ${familyName}`);

    // Journal.
    const journal = page.locator('form#journal');
    await journal.getByLabel('Soort contact').selectOption({ label: 'Telefoon' });
    await journal.getByLabel('Notitie').fill(note);
    await journal.getByLabel(/Minuten/).fill('15');
    await journal.getByRole('button', { name: 'Contactmoment opslaan' }).click();
    await expect(page.getByText('Het contactmoment is opgeslagen.')).toBeVisible();
    const entry = page
      .getByRole('table', { name: 'Contactmomenten, de nieuwste eerst' })
      .getByRole('row')
      .filter({ hasText: note });
    await expect(entry.getByRole('cell', { name: 'Telefoon' })).toBeVisible();
    await expect(entry.getByRole('cell', { name: '15', exact: true })).toBeVisible();
    await expectAccessible(page);

    // Closure: the required fields first, then with aftercare.
    const close = page.locator('form#close');
    await close.getByRole('button', { name: 'Traject afsluiten' }).click();
    await expect(close.getByText('Uitkomst is verplicht.')).toBeVisible();
    await expect(
      close.getByText('Afgehandeld zonder specialistische zorg is verplicht.'),
    ).toBeVisible();
    await close.getByLabel('Uitkomst').selectOption({ label: 'Doelen bereikt' });
    await close
      .getByRole('group', { name: 'Afgehandeld zonder specialistische zorg' })
      .getByRole('radio', { name: 'Ja' })
      .check();
    await close.getByLabel('Reden en toelichting').fill('De regeling loopt; Wim redt het zelf.');
    const until = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await close.getByLabel(/Nazorg tot/).fill(until);
    await close
      .getByLabel(/Waarom is er geen ZRM bij afsluiting\?/)
      .fill('Wim wilde geen afsluitende meting.');
    await close.getByRole('button', { name: 'Traject afsluiten' }).click();
    await expect(page.getByText(/Het traject is afgesloten; nazorg loopt tot/)).toBeVisible();
    await expect(page.getByText(/Dit traject is afgesloten en in nazorg tot/)).toBeVisible();
    await expect(page.getByText('Doelen bereikt')).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Nazorg beëindigen' }).click();
    await page.getByRole('button', { name: 'Ja, nazorg beëindigen' }).click();
    await expect(
      page.getByText('De nazorg is beëindigd; het traject is definitief afgesloten.'),
    ).toBeVisible();
    await expect(page.getByText('Dit traject is afgesloten.', { exact: true })).toBeVisible();
    await expectAccessible(page);

    // On the list under "Afgesloten".
    await page.goto('/trajecten?status=closed');
    await expectPage(page, 'Mijn trajecten');
    const row = page.getByRole('row').filter({ hasText: familyName });
    await expect(row.getByRole('cell', { name: 'Afgesloten' })).toBeVisible();
    await expectAccessible(page);
  });
});

test.describe('in a browser set to another time zone', () => {
  // A laptop abroad or a virtual desktop left on another zone: the team's clock is still Amsterdam.
  test.use({ timezoneId: 'America/New_York' });

  test('a journal entry is saved and shown at the time typed, Amsterdam time', async ({ page }) => {
    const suffix = uniqueSuffix();
    const familyName = `Vroemen-${suffix}`;
    const note = `Gebeld in de ochtend (${suffix})`;
    await signInAndWait(page, 'worker@maastricht.demo');
    const id = await openTrajectoryViaApi(page, { givenName: 'Lies', familyName });
    await page.goto(`/trajecten/${id}`);
    await expectPage(page, `Traject ${familyName}`);
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
      'America/New_York',
    );

    // Yesterday at 09:15 on a clock in Amsterdam.
    const amsterdamDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' });
    const yesterday = amsterdamDay.format(new Date(Date.now() - 24 * 3_600_000));
    const journal = page.locator('form#journal');
    await journal.getByLabel('Wanneer').fill(`${yesterday}T09:15`);
    await journal.getByLabel('Soort contact').selectOption({ label: 'Telefoon' });
    await journal.getByLabel('Notitie').fill(note);
    await journal.getByRole('button', { name: 'Contactmoment opslaan' }).click();
    await expect(page.getByText('Het contactmoment is opgeslagen.')).toBeVisible();

    const entry = page
      .getByRole('table', { name: 'Contactmomenten, de nieuwste eerst' })
      .getByRole('row')
      .filter({ hasText: note });
    await expect(entry).toContainText('09:15');
    // The instant stored is 09:15 in Amsterdam (in New York that is 03:15), not 09:15 in New York.
    const contacts = (await (
      await page.request.get(`/api/v1/trajectories/${id}/contacts`)
    ).json()) as { items: { note: string; at: string }[] };
    const stored = contacts.items.find((c) => c.note === note);
    const amsterdamClock = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Amsterdam',
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(stored && amsterdamClock.format(new Date(stored.at))).toBe('09:15');
  });
});
