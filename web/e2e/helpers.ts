import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { DEMO_TOTP_ACCOUNTS, DEMO_TOTP_SECRET } from '../../server/src/demo/second-factor-demo';
import { base32Decode, hotp, stepAt, TOTP_STEP_SECONDS } from '../../server/src/platform/totp';

export const DEMO_PASSWORD = 'samenkracht-demo';

/** WCAG 2.1 A and AA: no violations on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help}\n` +
      violation.nodes.map((node) => `  ${node.target.join(' ')}`).join('\n'),
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** Exactly one h1, with the expected text, and a <title> that names the page. */
export async function expectPage(page: Page, title: string | RegExp): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page).toHaveTitle(typeof title === 'string' ? `${title} – Samenkracht` : title);
}

// A TOTP code is accepted once, and the specs sign in as admin@ and gemeente@ several times a
// minute. The last step used per account is kept in a file in the run's data directory (shared by
// every spec of the run), so that the helper never sends a used code: it takes the next step's
// code (accepted one step early), or waits for the clock when that one is used as well.
const stepsFile = () =>
  join(process.env.SAMENKRACHT_E2E_DATA_DIR ?? '.', 'e2e-totp-last-steps.json');

function readSteps(): Record<string, number> {
  const file = stepsFile();
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>) : {};
}

/** The code of a demo account that the server has not seen yet (waits when it must). */
export async function freshDemoCode(email: string): Promise<string> {
  const steps = readSteps();
  const last = steps[email] ?? -1;
  let now = stepAt(Date.now());
  while (last + 1 > now + 1) {
    const msLeft = TOTP_STEP_SECONDS * 1000 - (Date.now() % (TOTP_STEP_SECONDS * 1000));
    await new Promise((resolve) => setTimeout(resolve, msLeft + 250));
    now = stepAt(Date.now());
  }
  const step = Math.max(now, last + 1);
  writeFileSync(stepsFile(), JSON.stringify({ ...steps, [email]: step }));
  return hotp(base32Decode(DEMO_TOTP_SECRET), step);
}

export async function enterCode(page: Page, code: string): Promise<void> {
  await expectPage(page, 'Code invoeren');
  await page.getByLabel('Code uit de app').fill(code);
  await page.getByRole('button', { name: 'Controleren' }).click();
}

/**
 * Signs in with the demo password; admin@ and gemeente@ (roles that require a second factor)
 * then enter the current code of the published demo secret, as a person would from their app.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/inloggen');
  await expectPage(page, 'Inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  const needsCode =
    password === DEMO_PASSWORD && (DEMO_TOTP_ACCOUNTS as readonly string[]).includes(email);
  if (needsCode) await enterCode(page, await freshDemoCode(email));
}

/** A short suffix that makes the names a test creates unique across runs on the same data. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36).slice(-5)}${Math.floor(Math.random() * 36 ** 2)
    .toString(36)
    .padStart(2, '0')}`;
}

/** Signs in and waits until the signed-in layout (with its main menu) is there. */
export async function signInAndWait(page: Page, email: string): Promise<void> {
  await signIn(page, email);
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toBeVisible();
}

/**
 * Opens a trajectory through the API as the signed-in worker: a registration with a new resident,
 * the first contact, and triage "multiple problems". Returns the trajectory's id.
 */
export async function openTrajectoryViaApi(
  page: Page,
  resident: { givenName: string; familyName: string },
): Promise<string> {
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as {
    csrfToken: string;
    user: { teamIds: string[] };
  };
  const headers = { 'x-csrf-token': me.csrfToken };
  const post = async (path: string, data: unknown): Promise<{ id?: string }> => {
    const response = await page.request.post(path, { headers, data });
    expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
    return (await response.json()) as { id?: string };
  };
  const registration = await post('/api/v1/registrations', {
    teamId: me.user.teamIds[0],
    source: 'self',
    receivedAt: new Date(Date.now() - 60_000).toISOString(),
    question: `Het lukt ons niet meer alleen (${resident.familyName})`,
    lifeDomains: ['finances', 'social_network'],
    resident: { ...resident, birthDate: '1970-01-01' },
  });
  const id = registration.id ?? '';
  await post(`/api/v1/registrations/${id}/first-contact`, {
    at: new Date().toISOString(),
    kind: 'home_visit',
  });
  await post(`/api/v1/registrations/${id}/triage`, { outcome: 'multiple_problems' });
  const detail = (await (await page.request.get(`/api/v1/registrations/${id}`)).json()) as {
    trajectoryId: string | null;
  };
  expect(detail.trajectoryId).toBeTruthy();
  return detail.trajectoryId ?? '';
}
