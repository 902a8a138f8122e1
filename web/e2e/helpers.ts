import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

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

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/inloggen');
  await expectPage(page, 'Inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
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
