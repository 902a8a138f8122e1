import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { expectAccessible, expectPage, signInAndWait } from './helpers';

// Route-level code splitting (web/src/app/router.tsx): each page is its own chunk, fetched when
// its route first matches. These tests check what the first screen downloads and what a person
// sees when a page's chunk is gone (the server was updated while the tab stayed open).

/** The JavaScript files the page requests from now on (paths under /assets/). */
function scriptRequests(page: Page): string[] {
  const files: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/assets/') && pathname.endsWith('.js')) files.push(pathname);
  });
  return files;
}

test.describe('code splitting', () => {
  test('the sign-in page loads no feature pages and no charts', async ({ page }) => {
    const files = scriptRequests(page);
    await page.goto('/');
    await expectPage(page, 'Inloggen');
    await expect(page.getByLabel('E-mailadres')).toBeEditable();
    expect(files.length).toBeGreaterThan(0);
    // Every feature page lives in a file named after it (e.g. MonitorPage-<hash>.js).
    expect(files.filter((file) => /Page-[\w-]+\.js$/.test(file))).toEqual([]);
    expect(files.filter((file) => /echarts/i.test(file))).toEqual([]);
    // Nor, bundled in, the code of a feature page: the monitor's filter form is not in any of them.
    // Nor the English texts (lib/i18n.ts): the sign-in form's English label is in none of them.
    for (const file of files) {
      const code = await (await page.request.get(file)).text();
      expect(code.includes('monitor-filters'), `${file} holds the monitor page`).toBe(false);
      expect(code.includes('E-mail address'), `${file} holds the English texts`).toBe(false);
    }
  });

  test('English comes as a chunk of its own when chosen, and at once after a reload', async ({
    page,
  }) => {
    const files = scriptRequests(page);
    await page.goto('/inloggen');
    await expectPage(page, 'Inloggen');
    expect(files.filter((file) => /\/english-[\w-]+\.js$/.test(file))).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await expectPage(page, 'Sign in');
    expect(files.filter((file) => /\/english-[\w-]+\.js$/.test(file))).toHaveLength(1);
    // Back with the choice remembered: the first screen is English, never Dutch first. A watcher
    // from the very start of the reloaded page notes any Dutch heading it sees.
    await page.addInitScript(() => {
      new MutationObserver(() => {
        if (document.querySelector('h1')?.textContent === 'Inloggen')
          (window as { sawDutch?: boolean }).sawDutch = true;
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await page.reload();
    await expectPage(page, 'Sign in');
    expect(await page.evaluate(() => (window as { sawDutch?: boolean }).sawDutch ?? false)).toBe(
      false,
    );
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await expectPage(page, 'Inloggen');
  });

  test('a page whose chunk is gone says so in Dutch or English and reloads', async ({ page }) => {
    await signInAndWait(page, 'worker@maastricht.demo');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    // As after a deployment: the old hash of the signals page no longer exists on the server.
    const gone = /\/assets\/SignalsPage-[\w-]+\.js$/;
    await page.route(gone, (route) => route.fulfill({ status: 404, body: 'Not Found' }));
    await nav.getByRole('link', { name: 'Signalen' }).click();
    await expectPage(page, 'Deze pagina kon niet worden geladen');
    await expect(page.getByText('Samenkracht is waarschijnlijk net bijgewerkt')).toBeVisible();
    // The header and menu stay, so the person keeps their bearings.
    await expect(nav).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'English' }).click();
    await expectPage(page, 'This page could not be loaded');
    await expect(page.getByRole('button', { name: 'Reload page' })).toBeVisible();
    await page.getByRole('button', { name: 'Nederlands' }).click();

    // Once the file is there again, the reload button brings the page.
    await page.unroute(gone);
    await page.getByRole('button', { name: 'Pagina opnieuw laden' }).click();
    await expectPage(page, 'Signalen');
    await expect(page).toHaveURL(/\/signalen$/);
  });

  test('the home page, fetched once the session is known, says so too', async ({ page }) => {
    await page.route(/\/assets\/HomePage-[\w-]+\.js$/, (route) =>
      route.fulfill({ status: 404, body: 'Not Found' }),
    );
    await signInAndWait(page, 'worker@maastricht.demo');
    await expectPage(page, 'Deze pagina kon niet worden geladen');
    await expect(page.getByRole('button', { name: 'Pagina opnieuw laden' })).toBeVisible();
  });
});
