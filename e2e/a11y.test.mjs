// e2e/a11y.test.mjs: the page's accessibility, checked with axe-core (from npm) on the release
// build, and the accessible timeline's hooks:
//
//   [data-testid=narration]                   "In words": the run told in sentences
//   [data-testid=narration-announce]          its live region: empty until a real run ends
//   input[name=table]                         the view option "table of events" (link: table=1)
//   [data-testid=event-table]                 the table; rows [data-testid=event-row] with data-task
//                                             (the lane's name) and data-ms (1x scale)
//   [data-testid=event-more]                  "Show N more" (a big run renders its first rows only)
//
// Every section (README's sections table) is opened through the navigation, checked idle, run at
// 20x until done, and checked again in the light and the dark theme; then the table view, a phone
// width and a run of thousands of tasks. axe runs with its default rules (WCAG 2.x A/AA and best
// practices); any violation fails the test with its id, help and the nodes it found.
//
// axe is injected with page.evaluate (DevTools evaluation, which index.html's CSP does not govern),
// so the page keeps its strict policy and a CSP violation is still caught as a problem.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT, describePage, screenshot, servedSite } from './helpers.mjs';

const SECTIONS = ['coroutine', 'say-hello', 'fetch-urls', 'gather', 'background', 'context-manager', 'cpu-vs-io', 'many-tasks'];

const site = servedSite();
const open = site.open;
let axeSource;
before(async () => {
  axeSource = await readFile(path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
});

async function openSection(page, id) {
  await page.locator(`[data-testid=section-link][data-id="${id}"]`).click();
  await page.waitForFunction((id) => location.hash.startsWith(`#/${id}?`), id, { timeout: 5_000 });
  if (id === 'fetch-urls') {
    // Offline, 44.3 switches to its sample API once it knows: run after that.
    await page.waitForFunction(() => !document.querySelector('[data-testid=network-note][data-network=checking]'), null, { timeout: 10_000 });
  }
}

const status = (page) => page.locator('[data-testid=status]').getAttribute('data-state');

/** Run at `speed` and wait for done/error (see page-sections.test.mjs). */
async function run(page, problems, { speed = 20, timeout = 30_000 } = {}) {
  await page.selectOption('select[name=speed]', String(speed));
  await page.locator('[data-testid=run]').click();
  await page
    .waitForFunction(() => ['done', 'error'].includes(document.querySelector('[data-testid=status]')?.getAttribute('data-state')), null, {
      timeout,
      polling: 50,
    })
    .catch(async () => assert.fail(`the run did not end within ${timeout / 1000} s\n${await describePage(page, problems)}`));
}

/** axe-core on the whole page; fails listing every violation (id, help, nodes). */
async function checkAxe(page, what) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n/g, '\n        ')}` : ''}`),
    }));
  });
  const told = violations
    .map((v) => `  ${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 8).map((n) => `    - ${n}`).join('\n')}${v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : ''}`)
    .join('\n');
  assert.equal(violations.length, 0, `axe found ${violations.length} violation(s) on ${what}:\n${told}`);
}

/** Problems that are the page's fault (an offline machine cannot reach api.github.com: 44.3 says so). */
const real = (problems) => problems.filter((p) => !/api\.github\.com|ERR_NAME_NOT_RESOLVED/.test(p));

for (const id of SECTIONS) {
  test(`axe: ${id}, idle and after a run at 20x, light and dark`, async (t) => {
    const { page, problems } = await open(t);
    await openSection(page, id);
    await checkAxe(page, `${id} (idle, light)`);
    const announce = page.locator('[data-testid=narration-announce]');
    assert.equal((await announce.textContent()).trim(), '', 'nothing is announced before a run');
    const preview = await page.locator('[data-testid=narration]').textContent();
    assert.match(preview, /asyncio\.run starts/, 'the preview is told in words');
    await run(page, problems);
    // The run is told, and announced once it ended.
    assert.match(await page.locator('[data-testid=narration]').textContent(), /The run (took|ended)/);
    assert.match(await announce.textContent(), /^The run (has finished|failed)\. asyncio\.run starts/);
    await checkAxe(page, `${id} (after a run, light)`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await checkAxe(page, `${id} (after a run, dark)`);
    assert.deepEqual(real(problems), [], await describePage(page, problems));
  });
}

test('the table of events: one row per event, in the link, axe-clean in both themes', async (t) => {
  const { page, problems } = await open(t);
  await openSection(page, 'say-hello');
  assert.equal(await page.locator('[data-testid=event-table]').count(), 0, 'off by default');
  await page.locator('input[name=table]').check();
  await page.waitForFunction(() => location.hash.includes('table=1'));
  const table = page.locator('[data-testid=event-table]');
  await table.waitFor();
  // The ideal run of 44.2 logs 23 events; the table lists them all, in order.
  const rows = async () =>
    page.locator('[data-testid=event-row]').evaluateAll((trs) =>
      trs.map((tr) => ({ task: tr.dataset.task, ms: Number(tr.dataset.ms), what: tr.cells[2].textContent })),
    );
  const ideal = await rows();
  assert.equal(ideal.length, 23);
  assert.deepEqual(ideal[0], { task: 'main', ms: 0, what: 'created by asyncio.run: main()' });
  assert.ok(ideal.some((r) => r.task === 'task2' && r.ms === 1000 && r.what === 'prints “Hello, Bob!”'), JSON.stringify(ideal));
  assert.match(await table.locator('caption').textContent(), /ideal run.*23/);
  assert.equal(await table.locator('th[scope=col]').count(), 3);
  await run(page, problems);
  const real = await rows();
  assert.equal(real.length, 23, 'the real run logs the same events');
  assert.deepEqual(
    real.filter((r) => r.what.startsWith('prints')).map((r) => r.task),
    ['task2', 'task1', 'task3'],
    'the prints come in the order of the sleeps',
  );
  assert.ok(real.every((r, i) => i === 0 || r.ms >= real[i - 1].ms), 'rows are in time order');
  assert.match(await table.locator('caption').textContent(), /real run/);
  await checkAxe(page, 'say-hello with the table (light)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await checkAxe(page, 'say-hello with the table (dark)');
  await screenshot(page, 'a11y-table-dark');
  assert.deepEqual(problems, []);
});

test('a phone (390 px): axe-clean with the table on', async (t) => {
  const { page, problems } = await open(t, '#/background?table=1', { viewport: { width: 390, height: 844 } });
  await page.locator('[data-testid=event-table]').waitFor();
  await run(page, problems);
  assert.ok(await page.locator('[data-testid=event-row][data-task=task]').count() > 0);
  await checkAxe(page, 'background on a phone (light)');
  await screenshot(page, 'a11y-phone-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await checkAxe(page, 'background on a phone (dark)');
  assert.deepEqual(problems, []);
});

test('thousands of tasks: the table renders its first rows, more on request; the story is summarised', async (t) => {
  const { page, problems } = await open(t, '#/many-tasks?table=1');
  await page.locator('input[name=n]').fill('2000');
  await run(page, problems, { speed: 1 });
  const rows = page.locator('[data-testid=event-row]');
  assert.equal(await rows.count(), 200, 'only the first 200 rows are rendered');
  const more = page.locator('[data-testid=event-more]');
  assert.match(await page.locator('.event-more').textContent(), /Showing 200 of 10,00\d events/);
  await more.click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=event-row]').length === 400);
  const narration = await page.locator('[data-testid=narration]').textContent();
  assert.match(narration, /main creates 2,000 tasks, worker\(0\) to worker\(1999\)\./);
  assert.match(narration, /All 2,000 finish/);
  assert.ok(narration.length < 800, `the story stays short (${narration.length} characters)`);
  await checkAxe(page, 'many-tasks with 2,000 tasks and the table');
  assert.deepEqual(problems, []);
});

test('the editor: axe-clean with a syntax error and on "Your code"; reachable and left with the keyboard alone', async (t) => {
  const { page } = await open(t);
  await openSection(page, 'code');
  await checkAxe(page, 'Your code (idle)');
  // Keyboard only: Tab from the page's start reaches the editor; typing edits; Esc then Tab leaves.
  await page.locator('body').focus();
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = (await page.evaluate(() => document.activeElement?.getAttribute('name'))) === 'code';
  }
  assert.ok(reached, 'Tab reaches textarea[name=code]');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('print(');
  await page.locator('[data-testid=code] [data-testid=error]').waitFor();
  await checkAxe(page, 'Your code with a syntax error');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'code', 'Esc, then Tab leaves the editor');
  await openSection(page, 'gallery-queue');
  await checkAxe(page, 'a gallery program (idle)');
});

test('what the loop sees (await tree, resource lanes, task figures, warnings, why it resumed): axe-clean, keyboard-reachable', async (t) => {
  const { page, problems } = await open(t, '#/gallery-lock?t=0.15&table=1');
  await page.locator('[data-testid=task-stats]').first().waitFor();
  await page.locator('[data-testid=resource-lane]').waitFor();
  await page.locator('[data-testid=resources-text]').waitFor();
  assert.match(await page.textContent('[data-testid=resources-text]'), /lock \(lock\): held by deposit_locked\(ann\); waiting: deposit_locked\(bob\)/);
  // The figures sort from the keyboard: focus a heading's button, press Enter.
  await page.locator('.stats-table th:nth-child(3) button').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('.stats-table th:nth-child(3)', 'aria-sort'), 'descending');
  await checkAxe(page, 'gallery-lock at 0.15 s with the table (light)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await checkAxe(page, 'gallery-lock at 0.15 s with the table (dark)');
  await page.emulateMedia({ colorScheme: 'light' });
  // A phone, with warnings in the console and the step-through saying why a task resumed.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(page.url().replace(/#.*/, '#/gallery-blocking-sleep?t=1.6'));
  await page.locator('[data-testid=warning][data-kind=slow-step]').waitFor();
  await checkAxe(page, 'gallery-blocking-sleep at 1.6 s on a phone');
  await screenshot(page, 'a11y-insight-phone');
  assert.deepEqual(problems, []);
});
