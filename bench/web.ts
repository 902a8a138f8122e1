// The web app's first screen (issue 8): how much JavaScript the sign-in page loads (gzipped) and
// how long headless Chromium on loopback takes until its form can be used. Needs web/dist
// (`npm run build:web`). Started by bench/run.ts for `--scenarios web`.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { chromiumArgs, resolveChromiumPath } from '../web/e2e/chromium.js';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'web', 'dist');

export interface WebResult {
  /** Files the first screen needs by the static graph: index.html's module script and preloads, and their static imports. */
  staticGraph: {
    files: { file: string; bytes: number; gzipBytes: number }[];
    bytes: number;
    gzipBytes: number;
  };
  /** What Chromium actually fetched as JavaScript for the sign-in page (sizes of those dist files). */
  loadedByBrowser: { files: string[]; bytes: number; gzipBytes: number };
  css: { bytes: number; gzipBytes: number };
  /** Navigation start to a usable sign-in form (`/` redirects there after GET /api/v1/auth/me). */
  usable: { coldMs: number[]; medianColdMs: number; warmMs: number[]; medianWarmMs: number };
  /**
   * A worker's home page ("Vandaag"), signed in beforehand, cold cache: the JavaScript Chromium
   * fetched for it and the time from navigation start until its lists have loaded.
   */
  home: {
    files: string[];
    bytes: number;
    gzipBytes: number;
    coldMs: number[];
    medianColdMs: number;
  };
  buildAt: string;
}

const gzipSize = (buffer: Buffer) => gzipSync(buffer, { level: 6 }).length;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** index.html's `<script type="module" src>` and `<link rel="modulepreload" href>`, then static imports. */
export function firstScreenJavaScript(distDir = dist) {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const entries = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1] as string);
  const seen = new Set<string>();
  const queue = entries.map((url) => url.replace(/^\//, ''));
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(distDir, file), 'utf8');
    // Static imports only (`import"./x.js"`, `from"./x.js"`); `import("./x.js")` is a lazy chunk.
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g)) {
      queue.push(path.posix.join(path.posix.dirname(file), m[1] as string));
    }
  }
  const files = [...seen].map((file) => {
    const buffer = readFileSync(path.join(distDir, file));
    return { file, bytes: buffer.length, gzipBytes: gzipSize(buffer) };
  });
  const cssFiles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) =>
    readFileSync(path.join(distDir, (m[1] as string).replace(/^\//, ''))),
  );
  return {
    files,
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    gzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0),
    css: {
      bytes: cssFiles.reduce((n, b) => n + b.length, 0),
      gzipBytes: cssFiles.reduce((n, b) => n + gzipSize(b), 0),
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The real server (`server/src/main.ts`, embedded PostgreSQL with the demo) serving web/dist. */
async function startServer(log: (m: string) => void) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'samenkracht-bench-web-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      COOKIE_SECURE: 'false',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${errors}`);
    if (i > 1200) throw new Error(`server did not start: ${errors}`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  log(`web: server with the demo on ${base}`);
  return {
    base,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function runWebBench(log: (m: string) => void, runs = 5): Promise<WebResult> {
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error('web/dist is missing: run `npm run build:web` first');
  }
  const graph = firstScreenJavaScript();
  log(
    `web: first screen JavaScript by the static graph: ${graph.files.length} file(s), ` +
      `${graph.bytes} bytes, ${graph.gzipBytes} gzipped`,
  );
  const server = await startServer(log);
  const browser = await chromium.launch({
    executablePath: await resolveChromiumPath(),
    args: chromiumArgs,
  });
  try {
    const loaded = new Set<string>();
    /** One navigation to `/`; the page's own clock from navigation start to a usable form. */
    const visit = async (page: Page) => {
      await page.goto(`${server.base}/`, { waitUntil: 'commit' });
      // The page's own clock, read on the first animation frame that shows the e-mail field (a
      // string, so that this Node-side file needs no DOM types).
      await page.waitForFunction(
        `(() => {
          const field = document.querySelector('input[type="email"]');
          if (field && window.__usableAt === undefined) window.__usableAt = performance.now();
          return field !== null;
        })()`,
        undefined,
        { polling: 'raf' },
      );
      // Usable: the form takes typed text (React has rendered it and handles input).
      await page.locator('input[type="email"]').fill('x@y.nl');
      const typed = await page.locator('input[type="email"]').inputValue();
      if (typed !== 'x@y.nl') throw new Error('the sign-in form did not take input');
      const ms = Number(await page.evaluate('window.__usableAt'));
      if (!page.url().includes('/inloggen')) throw new Error(`not the sign-in page: ${page.url()}`);
      return Math.round(ms);
    };
    const coldMs: number[] = [];
    const warmMs: number[] = [];
    // One unmeasured visit: the server's first request compiles and fills caches.
    {
      const context = await browser.newContext();
      await visit(await context.newPage());
      await context.close();
    }
    for (let i = 0; i < runs; i++) {
      // Cold: a fresh context has an empty cache; warm: the same context again (cached assets).
      const context = await browser.newContext();
      const page = await context.newPage();
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (url.pathname.endsWith('.js')) loaded.add(url.pathname.replace(/^\//, ''));
      });
      coldMs.push(await visit(page));
      const again = await context.newPage();
      warmMs.push(await visit(again));
      await context.close();
    }
    const loadedFiles = [...loaded].sort();
    const buffers = loadedFiles.map((file) => readFileSync(path.join(dist, file)));

    // The worker's home page: the session comes first (through the API, in the same context), so
    // that the page load itself is what a signed-in worker opening the app waits for.
    const homeLoaded = new Set<string>();
    const homeMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const login = await context.request.post(`${server.base}/api/v1/auth/login`, {
        data: { email: 'worker@maastricht.demo', password: 'samenkracht-demo' },
      });
      if (login.status() !== 200) throw new Error(`worker sign-in: ${login.status()}`);
      const page = await context.newPage();
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (url.pathname.endsWith('.js')) homeLoaded.add(url.pathname.replace(/^\//, ''));
      });
      await page.goto(`${server.base}/`, { waitUntil: 'commit' });
      // Loaded: the page's h1 is there and no part of it still says "Bezig met laden".
      await page.waitForFunction(
        `(() => {
          const title = document.querySelector('main h1');
          const done = title !== null && title.textContent === 'Vandaag' &&
            document.querySelector('main .sk-loading') === null &&
            document.querySelector('main table') !== null;
          if (done && window.__homeAt === undefined) window.__homeAt = performance.now();
          return done;
        })()`,
        undefined,
        { polling: 'raf' },
      );
      homeMs.push(Math.round(Number(await page.evaluate('window.__homeAt'))));
      await context.close();
    }
    const homeFiles = [...homeLoaded].sort();
    const homeBuffers = homeFiles.map((file) => readFileSync(path.join(dist, file)));

    const result: WebResult = {
      staticGraph: { files: graph.files, bytes: graph.bytes, gzipBytes: graph.gzipBytes },
      loadedByBrowser: {
        files: loadedFiles,
        bytes: buffers.reduce((n, b) => n + b.length, 0),
        gzipBytes: buffers.reduce((n, b) => n + gzipSize(b), 0),
      },
      css: graph.css,
      usable: { coldMs, medianColdMs: median(coldMs), warmMs, medianWarmMs: median(warmMs) },
      home: {
        files: homeFiles,
        bytes: homeBuffers.reduce((n, b) => n + b.length, 0),
        gzipBytes: homeBuffers.reduce((n, b) => n + gzipSize(b), 0),
        coldMs: homeMs,
        medianColdMs: median(homeMs),
      },
      buildAt: statSync(path.join(dist, 'index.html')).mtime.toISOString(),
    };
    log(
      `web: Chromium loaded ${loadedFiles.length} JavaScript file(s), ${result.loadedByBrowser.gzipBytes} bytes gzipped; ` +
        `usable sign-in form after ${result.usable.medianColdMs} ms cold (${coldMs.join(', ')}), ` +
        `${result.usable.medianWarmMs} ms warm (${warmMs.join(', ')}); worker's home page: ` +
        `${homeFiles.length} file(s), ${result.home.gzipBytes} bytes gzipped, loaded after ` +
        `${result.home.medianColdMs} ms cold (${homeMs.join(', ')})`,
    );
    return result;
  } finally {
    await browser.close();
    await server.stop();
  }
}

export function webMarkdown(result: WebResult): string {
  const kb = (n: number) => (n / 1024).toFixed(1);
  return [
    '## Web app, first screen',
    '',
    '| measure | value |',
    '| --- | ---: |',
    `| JavaScript by the static graph of index.html (${result.staticGraph.files.length} file(s)) | ${kb(result.staticGraph.bytes)} KiB, **${kb(result.staticGraph.gzipBytes)} KiB gzipped** |`,
    `| JavaScript Chromium fetched for the sign-in page (${result.loadedByBrowser.files.length} file(s)) | ${kb(result.loadedByBrowser.bytes)} KiB, ${kb(result.loadedByBrowser.gzipBytes)} KiB gzipped |`,
    `| CSS | ${kb(result.css.bytes)} KiB, ${kb(result.css.gzipBytes)} KiB gzipped |`,
    `| usable sign-in form, cold cache (median of ${result.usable.coldMs.length}) | **${result.usable.medianColdMs} ms** (${result.usable.coldMs.join(', ')}) |`,
    `| usable sign-in form, warm cache (median of ${result.usable.warmMs.length}) | ${result.usable.medianWarmMs} ms (${result.usable.warmMs.join(', ')}) |`,
    `| JavaScript Chromium fetched for a worker's home page (${result.home.files.length} file(s)) | ${kb(result.home.bytes)} KiB, ${kb(result.home.gzipBytes)} KiB gzipped |`,
    `| worker's home page with its lists, cold cache (median of ${result.home.coldMs.length}) | **${result.home.medianColdMs} ms** (${result.home.coldMs.join(', ')}) |`,
    '',
    'gzip level 6 (the usual server default). "Usable": from navigation start to the first animation frame that shows the e-mail field of the sign-in form (`performance.now()` in the page), reached from `/` after `GET /api/v1/auth/me` answers 401; each run then checks that the field takes typed text. Cold: a new browser context (empty cache); warm: a second page in the same context. Headless Chromium on 127.0.0.1, the real server with the demo, `NODE_ENV=production`; one unmeasured visit first. The home page: `worker@` signed in through the API in a new context, then `/` until its h1 "Vandaag" and a table are shown and nothing in `<main>` is loading any more.',
    '',
  ].join('\n');
}
