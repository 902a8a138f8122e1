import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  DEMO_PASSWORD,
  expectAccessible,
  expectPage,
  openTrajectoryViaApi,
  signInAndWait,
  uniqueSuffix,
} from './helpers';

// The worker invites a household member; the resident activates the portal on a phone-sized
// screen, sees the plan, ticks off an own action, agrees (and keeps the agreement when ticking
// on) and sees the worker's look at the plan in the access log. axe runs on every page visited.

async function writePlanViaApi(page: Page, trajectoryId: string, ownAction: string) {
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
  const response = await page.request.put(`/api/v1/trajectories/${trajectoryId}/plan`, {
    headers: { 'x-csrf-token': me.csrfToken },
    data: {
      version: 0,
      answers: { own_strength: 'Ik kan goed koken.', team: 'Samen de post doornemen.' },
      domains: [
        {
          domain: 'finances',
          situation: 'Achterstand bij de energieleverancier.',
          strengths: 'Houdt afspraken na.',
          goal: 'Een regeling die ze volhoudt.',
        },
      ],
      actions: [
        { description: ownAction, ownerType: 'resident', ownerName: 'Noor', status: 'open' },
        {
          description: 'Schuldenoverzicht maken',
          ownerType: 'team',
          ownerName: 'Sanne Jacobs',
          dueDate: '2030-01-15',
          status: 'open',
        },
      ],
      agreements: ['Noor belt meteen als er een aanmaning komt.'],
      crisisPlan: {
        signs: 'Noor neemt de telefoon niet op.',
        whatToDo: 'Zus Lies gaat langs.',
        whoToCall: 'Lies (06 12345678)',
        agreedWithInformalCarer: true,
      },
      network: [{ name: 'Lies', relation: 'family', closeness: 1, roleInPlan: 'Opent de post' }],
    },
  });
  expect(response.ok(), await response.text()).toBe(true);
}

test.describe('the resident portal', () => {
  test('a worker invites, the resident activates on a phone, ticks an action and sees who looked', async ({
    page,
    browser,
  }) => {
    const suffix = uniqueSuffix();
    const familyName = `Pinckaers-${suffix}`;
    const name = `Noor ${familyName}`;
    const ownAction = `Elke ochtend een wandeling (${suffix})`;

    // The worker: a trajectory with a plan, and an invitation for the household member.
    await signInAndWait(page, 'worker@maastricht.demo');
    const id = await openTrajectoryViaApi(page, { givenName: 'Noor', familyName });
    await writePlanViaApi(page, id, ownAction);
    await page.goto(`/trajecten/${id}`);
    await expectPage(page, `Traject ${familyName}`);
    await page.getByRole('link', { name: `Uitnodigen voor het portaal (${name})` }).click();
    await expectPage(page, `${name} uitnodigen voor het portaal`);
    // A lost extra code can be turned off here; Noor has none yet, so nothing changes.
    await page.getByRole('button', { name: `Extra code van ${name} uitzetten` }).click();
    await expect(
      page.getByText(`${name} had geen extra code aan; er is niets veranderd.`),
    ).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Uitnodigingscode maken' }).click();
    const codeElement = page.getByTestId('invitation-code');
    await expect(codeElement).toHaveText(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const code = (await codeElement.textContent()) ?? '';
    await expect(page.getByText(/^Geldig tot \d{2}-\d{2}-\d{4}$/)).toBeVisible();
    await expect(page.getByText('Ga naar http')).toBeVisible();
    await expectAccessible(page);

    // The worker opens the plan: that look is logged for the resident.
    await page.goto(`/trajecten/${id}/krachtplan`);
    await expectPage(page, `Krachtplan ${familyName}`);

    // The resident, in a fresh browser on a phone-sized screen.
    const resident = await browser.newContext({
      baseURL: test.info().project.use.baseURL,
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
      viewport: { width: 375, height: 800 },
    });
    const phone = await resident.newPage();
    await phone.setViewportSize({ width: 375, height: 800 });
    await phone.goto(`/portaal/activeren?code=${encodeURIComponent(code)}`);
    await expectPage(phone, 'Portaal activeren');
    await expect(phone.getByLabel('Uitnodigingscode')).toHaveValue(code);
    await expectAccessible(phone);
    const loginName = `noor-${suffix}@example.nl`;
    await phone.getByLabel('Inlognaam').fill(loginName);
    await phone.getByLabel('Wachtwoord', { exact: true }).fill(`${DEMO_PASSWORD}-noor`);
    await phone.getByLabel('Wachtwoord nog een keer').fill(`${DEMO_PASSWORD}-noor`);
    await phone.getByRole('button', { name: 'Activeren en inloggen' }).click();

    await expectPage(phone, 'Mijn plan');
    await expect(phone).toHaveURL(/\/portaal$/);
    await expect(phone.getByText('Uw regisseur is Sanne Jacobs.')).toBeVisible();
    await expect(phone.getByRole('navigation', { name: 'Hoofdmenu' })).toHaveCount(0);
    await expect(phone.getByRole('heading', { name: 'Mijn acties' })).toBeVisible();
    await expect(phone.getByText('Een regeling die ze volhoudt.')).toBeVisible();
    await expect(phone.getByText('Noor belt meteen als er een aanmaning komt.')).toBeVisible();
    // One column: nothing sticks out sideways at 375px.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    );
    await expectAccessible(phone);

    // Tick off the own action.
    const tick = phone.getByRole('button', { name: ownAction });
    await expect(tick).toHaveAttribute('aria-pressed', 'false');
    await tick.click();
    await expect(phone.getByText(`Goed gedaan! ‘${ownAction}’ staat op gedaan.`)).toBeVisible();
    await expect(tick).toHaveAttribute('aria-pressed', 'true');
    // Someone else's action cannot be ticked off, only commented on.
    await expect(phone.getByRole('button', { name: 'Schuldenoverzicht maken' })).toHaveCount(0);

    // Agree to the (new) version of the plan.
    await phone.getByRole('button', { name: 'Ik ga akkoord met dit plan' }).click();
    await expect(phone.getByText(/U ging akkoord op \d{2}-\d{2}-\d{4}\./)).toBeVisible();
    // Reopening and ticking off again is progress: the agreement to version 2 holds.
    await tick.click();
    await expect(tick).toHaveAttribute('aria-pressed', 'false');
    await tick.click();
    await expect(tick).toHaveAttribute('aria-pressed', 'true');
    await expect(
      phone.getByText(
        /U ging op \d{2}-\d{2}-\d{4} akkoord met versie 2\. Sindsdien zijn er alleen acties afgevinkt/,
      ),
    ).toBeVisible();
    await expect(phone.getByRole('button', { name: 'Ik ga akkoord met dit plan' })).toHaveCount(0);

    // Who looked at my file: the worker's look at the plan.
    const log = phone.locator('section[aria-labelledby="inzage"]');
    await expect(
      log.getByRole('heading', { name: 'Wie heeft mijn dossier bekeken?' }),
    ).toBeVisible();
    await expect(
      log
        .getByRole('listitem')
        .filter({ hasText: 'Sanne Jacobs (buurtteammedewerker) bekeek uw krachtplan' })
        .first(),
    ).toBeVisible();
    await expectAccessible(phone);

    // Staff pages send the resident back to the portal; signing out and in again works.
    await phone.goto('/trajecten');
    await expect(phone).toHaveURL(/\/portaal$/);
    await expectPage(phone, 'Mijn plan');
    await phone.getByRole('button', { name: 'Uitloggen' }).click();
    await expectPage(phone, 'Inloggen op uw portaal');
    await expectAccessible(phone);
    await phone.getByLabel('Inlognaam').fill(loginName);
    await phone.getByLabel('Wachtwoord').fill(`${DEMO_PASSWORD}-noor`);
    await phone.getByRole('button', { name: 'Inloggen' }).click();
    await expectPage(phone, 'Mijn plan');
    await expect(phone.getByRole('button', { name: ownAction })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    // The invitation worked once only.
    await phone.getByRole('button', { name: 'Uitloggen' }).click();
    await expectPage(phone, 'Inloggen op uw portaal');
    await phone.goto(`/portaal/activeren?code=${encodeURIComponent(code)}`);
    await phone.getByLabel('Inlognaam').fill(`nog-een-${suffix}`);
    await phone.getByLabel('Wachtwoord', { exact: true }).fill(`${DEMO_PASSWORD}-noor`);
    await phone.getByLabel('Wachtwoord nog een keer').fill(`${DEMO_PASSWORD}-noor`);
    await phone.getByRole('button', { name: 'Activeren en inloggen' }).click();
    await expect(phone.locator('.sk-error-summary')).toContainText('Uitnodigingscode');
    await expectAccessible(phone);
    await resident.close();
  });
});
