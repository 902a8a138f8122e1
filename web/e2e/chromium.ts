// Which Chromium the browser tests use (ARCHITECTURE.md): the first that exists of $CHROMIUM_PATH,
// /usr/bin/chromium, and the Chromium that @sparticuz/chromium unpacks. Playwright's own browser
// download cannot work on these machines and is never attempted.
import { existsSync } from 'node:fs';

export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export async function resolveChromiumPath(): Promise<string> {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'];
  for (const candidate of candidates) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  const { default: chromium } = await import('@sparticuz/chromium');
  return chromium.executablePath();
}
