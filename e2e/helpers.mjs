// e2e/helpers.mjs: shared pieces of the browser end-to-end tests (not a test file itself).
//
// - launchBrowser(): Debian's /usr/bin/chromium through playwright-core (never a downloaded
//   browser: `npx playwright install` cannot reach its servers here), headless, with the flags
//   that keep it off the closed network and let it run as root.
// - openPage(): a page that records every page error, console error, Content-Security-Policy
//   violation and failed/4xx request, so a test can fail on them (a missing .wasm under a
//   sub-path shows up here first).
// - the page contract (data-testid=run/status/line/total) helpers used by the tests.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The build under test: dist/ by default; E2E_DIST=… points the suite at another folder. */
export const DIST = path.resolve(REPO_ROOT, process.env.E2E_DIST ?? 'dist');
export const SCREENSHOTS = path.join(REPO_ROOT, 'e2e', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox', // we run as root
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `extraArgs`: more Chromium flags for one suite (e.g. an unthrottled frame rate). */
/** Every suite starts here: fail with a clear message if dist/ was not built, else launch Chromium. */
export async function launchForDist(extraArgs = []) {
  await access(path.join(DIST, 'index.html')).catch(() => {
    throw new Error(`${DIST}/index.html not found: build first (bash scripts/build.sh)`);
  });
  return launchBrowser(extraArgs);
}

export function launchBrowser(extraArgs = []) {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * A suite's browser and the built site served under `prefix`: started before the suite's first
 * test, closed after its last. `site.open(t, hash, contextOptions, pageOptions)` is a fresh page at
 * `hash` (or at a full `url` given as `pageOptions.url`), closed when test `t` ends, returned once
 * `ready` is visible (a failure says what the page looked like). `pageOptions` default to
 * `defaults` (e.g. an init script the whole suite needs).
 */
export function servedSite({ prefix = '/', ready = '[data-testid=run]', readyWhat = 'the app did not render its run button', defaults = {} } = {}) {
  const site = {
    browser: null,
    server: null,
    get url() {
      return site.server.url;
    },
    async open(t, hash = '', contextOptions = {}, pageOptions = defaults) {
      const url = (pageOptions.url ?? site.url) + hash;
      const { page, context, problems } = await openPage(site.browser, url, contextOptions, pageOptions);
      t.after(() => context.close());
      await expectVisible(page, ready, readyWhat, problems);
      return { page, context, problems };
    },
  };
  before(async () => {
    site.browser = await launchForDist();
    site.server = await startServer({ root: DIST, prefix });
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

/**
 * A new page at `url`, with `problems` collecting everything that went wrong on it.
 * `contextOptions` go to browser.newContext (e.g. clipboard permissions, another viewport);
 * `initScript` runs in the page before its own scripts (e.g. to take an API away).
 */
export async function openPage(browser, url, contextOptions = {}, { initScript } = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, ...contextOptions });
  if (initScript) await context.addInitScript(initScript);
  const problems = [];
  // Content-Security-Policy violations (index.html's policy), reported by the page itself from
  // before its first script: Chromium logs most of them as console errors too, but not all.
  await context.exposeBinding('__e2eCspViolation', (_source, text) => problems.push(`CSP violation: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const what = e.blockedURI || 'inline code';
      window.__e2eCspViolation?.(`${e.effectiveDirective} refused ${what} (${e.sourceFile || 'the page'}:${e.lineNumber})`);
    });
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('requestfailed', (req) =>
    problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`),
  );
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, context, problems };
}

/** Everything a failure message needs to say what the page looked like. */
export async function describePage(page, problems = []) {
  const info = await page
    .evaluate(() => ({
      state: document.querySelector('[data-testid=status]')?.getAttribute('data-state') ?? '(no [data-testid=status])',
      lines: [...document.querySelectorAll('[data-testid=line]')].map(
        (el) => `${el.getAttribute('data-t-ms')} ms: ${JSON.stringify(el.textContent)}`,
      ),
      total: document.querySelector('[data-testid=total]')?.getAttribute('data-ms') ?? '(no [data-testid=total])',
      body: document.body?.innerText.slice(0, 300) ?? '',
    }))
    .catch((e) => ({ error: String(e) }));
  return [
    `  status data-state: ${info.state}`,
    `  lines (${info.lines?.length ?? 0}): ${info.lines?.length ? '\n    ' + info.lines.join('\n    ') : '(none)'}`,
    `  total data-ms: ${info.total}`,
    `  problems: ${problems.length ? '\n    ' + problems.join('\n    ') : '(none)'}`,
    `  page text: ${JSON.stringify(info.body ?? info.error)}`,
  ].join('\n');
}

/**
 * Wait until `selector` is visible; on timeout fail with a message that says what was missing
 * and what the page looked like.
 */
export async function expectVisible(page, selector, what, problems, timeout = 20_000) {
  try {
    await page.locator(selector).first().waitFor({ state: 'visible', timeout });
  } catch {
    throw new Error(
      `${what}: ${selector} not visible within ${timeout / 1000} s (did the wasm app load and render?)\n` +
        (await describePage(page, problems)),
    );
  }
}

/**
 * If the page has a <select name=…>, choose the option whose value or label matches `pattern`.
 * Returns the chosen option's value, or null when there is no such select.
 */
export async function selectOptionIfPresent(page, name, pattern) {
  const select = page.locator(`select[name=${name}]`);
  if ((await select.count()) === 0) return null;
  const options = await select.first().locator('option').evaluateAll((opts) =>
    opts.map((o) => ({ value: o.value, label: o.textContent.trim() })),
  );
  const match = options.find((o) => pattern.test(o.value) || pattern.test(o.label));
  if (!match) {
    throw new Error(
      `select[name=${name}] has no option matching ${pattern}; options: ${JSON.stringify(options)}`,
    );
  }
  await select.first().selectOption(match.value);
  return match.value;
}

/**
 * Record, inside the page, every data-state the status takes and when each line appears
 * (performance.now()), from now on. Read them back with readRecording().
 */
export async function startRecording(page) {
  await page.evaluate(() => {
    const rec = { states: [], lines: [] };
    window.__e2e = rec;
    const seenLines = new WeakSet();
    const scan = () => {
      // Queried every time: the framework may replace the element while re-rendering.
      const state = document.querySelector('[data-testid=status]')?.getAttribute('data-state');
      if (state !== rec.states.at(-1)?.state) rec.states.push({ state, at: performance.now() });
      for (const el of document.querySelectorAll('[data-testid=line]')) {
        if (!seenLines.has(el)) {
          seenLines.add(el);
          rec.lines.push({ text: el.textContent, at: performance.now() });
        }
      }
    };
    scan();
    new MutationObserver(scan).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
}

export function readRecording(page) {
  return page.evaluate(() => window.__e2e);
}

/** Save a full-page screenshot as e2e/screenshots/<name>.png; returns its path. */
export async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
