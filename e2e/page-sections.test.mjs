// e2e/page-sections.test.mjs: every section of the chapter, run for real in Chromium on the release
// build (dist/), through the page's public hooks (see e2e/say-hello.test.mjs for the contract):
//
//   [data-testid=section-link][data-id=…]   the navigation; the page's hash follows it
//   input[name=<param>]                     a value inside the code (input[name=<param>-slider]: its slider)
//   select[name=speed], select[name=mode]   speed (1 2 5 10 20) and the section's mode
//   [data-testid=run], [data-testid=status] (data-state idle|running|done|error), [data-testid=total] (data-ms)
//   [data-testid=line]                      a line printed by the real run (data-t-ms, 1x scale); before
//                                           a run the console shows the ideal run's lines as
//                                           [data-testid=ideal-line] inside ol[data-source=ideal]
//   [data-testid=lane][data-task=…]         a timeline lane; [data-testid=segment] its states (data-kind,
//                                           data-start-ms, data-end-ms); [data-testid=ideal-segment] the
//                                           ideal run drawn behind a real one
//
// Times are checked at 1x scale against the ideal times with a one-sided window, like
// say-hello.test.mjs: never more than E2E_EARLY_MS (100) early — real timers do not fire early — and
// at most E2E_LATE_MS (2000) late. Runs go at 20x, so a millisecond of real jitter counts as 20 ms,
// and a busy machine (a compiler running next to the browser) makes a few of those: the window is
// about order and scale, never speed. The fetch example needs the internet, which the
// test machines don't have: it checks that the failure is shown clearly instead (another issue
// covers the real network run). Screenshots of every section (light and dark, 1280 and 390 px wide)
// go to e2e/screenshots/page-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describePage, expectVisible, screenshot, servedSite } from './helpers.mjs';

const EARLY_MS = Number(process.env.E2E_EARLY_MS ?? 100);
const LATE_MS = Number(process.env.E2E_LATE_MS ?? 2000);
const SECTIONS = ['coroutine', 'say-hello', 'fetch-urls', 'gather', 'background', 'context-manager', 'cpu-vs-io'];

const site = servedSite();
const open = site.open;

/** Open a section through the navigation, as a person would. */
async function openSection(page, id) {
  await page.locator(`[data-testid=section-link][data-id="${id}"]`).click();
  await page.waitForFunction((id) => location.hash.startsWith(`#/${id}?`), id, { timeout: 5_000 });
  const current = await page.locator('[data-testid=section-link][aria-current=page]').getAttribute('data-id');
  assert.equal(current, id, `after clicking the ${id} link, the navigation marks ${current} as current`);
}

const state = (page) => page.locator('[data-testid=status]').getAttribute('data-state');

/** Press Run and wait for done/error; returns what the page shows then. */
async function run(page, problems, { speed = 20, expectedMs = 3_000 } = {}) {
  await page.selectOption('select[name=speed]', String(speed));
  await page.locator('[data-testid=run]').click();
  const timeout = expectedMs / speed + 15_000;
  await page
    .waitForFunction(() => ['done', 'error'].includes(document.querySelector('[data-testid=status]')?.getAttribute('data-state')), null, {
      timeout,
      polling: 50,
    })
    .catch(async () => assert.fail(`the run did not end within ${timeout / 1000} s\n${await describePage(page, problems)}`));
  return read(page);
}

async function read(page) {
  return page.evaluate(() => ({
    state: document.querySelector('[data-testid=status]')?.getAttribute('data-state'),
    source: document.querySelector('ol.console')?.getAttribute('data-source'),
    lines: [...document.querySelectorAll('[data-testid=line]')].map((el) => ({ text: el.textContent, ms: Number(el.getAttribute('data-t-ms')) })),
    total: Number(document.querySelector('[data-testid=total]')?.getAttribute('data-ms') ?? NaN),
    lanes: [...document.querySelectorAll('[data-testid=lane]')].map((lane) => ({
      task: lane.getAttribute('data-task'),
      kinds: [...lane.querySelectorAll('[data-testid=segment]')].map((s) => s.getAttribute('data-kind')),
    })),
    segments: [...document.querySelectorAll('[data-testid=segment]')].map((s) => ({
      kind: s.getAttribute('data-kind'),
      start: Number(s.getAttribute('data-start-ms')),
      end: Number(s.getAttribute('data-end-ms')),
    })),
    idealSegments: document.querySelectorAll('[data-testid=ideal-segment]').length,
  }));
}

function near(actual, expected, what) {
  assert.ok(
    Number.isFinite(actual) && actual >= expected - EARLY_MS && actual <= expected + LATE_MS,
    `${what}: ${actual} ms, expected ${expected} ms (at most ${EARLY_MS} ms early, ${LATE_MS} ms late)`,
  );
}

function texts(result) {
  return result.lines.map((l) => l.text);
}

/** The lanes' task names, and every kind of segment seen in a lane. */
function kindsOf(result, task) {
  const lane = result.lanes.find((l) => l.task === task);
  assert.ok(lane, `no timeline lane for task ${task}; lanes: ${result.lanes.map((l) => l.task).join(', ')}`);
  return new Set(lane.kinds);
}

test('every section opens from the navigation with its intro, code and a preview', async (t) => {
  const { page, problems } = await open(t);
  for (const id of SECTIONS) {
    await openSection(page, id);
    const view = await page.evaluate(() => ({
      h1: document.querySelector('h1')?.textContent,
      intro: document.querySelector('.intro-text')?.textContent ?? '',
      code: document.querySelector('[data-testid=code]')?.textContent ?? '',
      source: document.querySelector('ol.console')?.getAttribute('data-source'),
      preview: document.querySelectorAll('[data-testid=ideal-line]').length,
      lanes: document.querySelectorAll('[data-testid=lane]').length,
      total: document.querySelector('[data-testid=total]')?.getAttribute('data-ms'),
      state: document.querySelector('[data-testid=status]')?.getAttribute('data-state'),
    }));
    assert.match(view.h1, /^44\.\d/, `${id}: heading ${view.h1}`);
    assert.ok(view.intro.length > 40, `${id}: no intro`);
    assert.ok(view.code.includes('async def') || view.code.includes('await'), `${id}: no Python code shown`);
    assert.equal(view.source, 'ideal', `${id}: before a run, the console shows the ideal preview`);
    assert.ok(view.preview > 0, `${id}: the preview shows no printed lines`);
    assert.ok(view.lanes > 0, `${id}: the timeline has no lanes`);
    assert.ok(Number(view.total) >= 0, `${id}: idle page shows no ideal total`);
    assert.equal(view.state, 'idle');
  }
  // Back returns to the previous section: sections are history entries, edits are not.
  await page.goBack();
  await page.waitForFunction(() => location.hash.startsWith('#/context-manager?'));
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('44.4.3'));
  // 44.3 asks once whether api.github.com answers (it cannot here: the test machines have no
  // internet, and the page then uses its sample API); that one failed request is expected.
  const probe = (p) => p.includes('https://api.github.com/') || p.endsWith('Failed to load resource: net::ERR_NAME_NOT_RESOLVED');
  assert.deepEqual(problems.filter((p) => !probe(p)), [], `the page reported problems:\n  ${problems.join('\n  ')}`);
});

test('44.2 say-hello: alice=1.5 typed in the code runs Bob, Alice, Charlie; sequential takes the sum', async (t) => {
  const { page, problems } = await open(t);
  await openSection(page, 'say-hello');
  await page.locator('input[name=alice]').fill('1.5');
  await page.locator('input[name=alice]').press('Tab');
  assert.match(await page.locator('[data-testid=code]').textContent(), /say_hello\("Alice", \)/, 'the code keeps its shape around the input');
  assert.equal(await page.locator('input[name=alice]').inputValue(), '1.5');
  assert.match(await page.evaluate(() => location.hash), /alice=1\.5/, 'the link follows the edit');
  // The ideal preview was recomputed at once.
  assert.deepEqual(await page.locator('[data-testid=ideal-line]').allTextContents(), ['Hello, Bob!', 'Hello, Alice!', 'Hello, Charlie!']);

  const result = await run(page, problems);
  assert.equal(result.state, 'done', await describePage(page, problems));
  assert.equal(result.source, 'live');
  assert.deepEqual(texts(result), ['Hello, Bob!', 'Hello, Alice!', 'Hello, Charlie!']);
  [1_000, 1_500, 3_000].forEach((ms, i) => near(result.lines[i].ms, ms, `line ${i + 1} ${result.lines[i].text}`));
  near(result.total, 3_000, 'total');
  assert.deepEqual(result.lanes.map((l) => l.task), ['main', 'task1', 'task2', 'task3']);
  for (const task of ['task1', 'task2', 'task3']) {
    const kinds = kindsOf(result, task);
    assert.ok(kinds.has('waiting') && kinds.has('done'), `${task} shows ${[...kinds]}`);
  }
  assert.ok(result.idealSegments > 0, 'the ideal run is drawn behind the real one');
  const measured = await page.locator('[data-testid=compare-measured]').getAttribute('data-ms');
  near(Number(measured), 3_000, 'the comparison shows the measured total');

  // Sequential: the waits add up, and the comparison says how much faster concurrent is.
  await page.selectOption('select[name=mode]', 'sequential');
  const modes = await page.locator('[data-testid=compare-mode]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-mode'), Number(e.getAttribute('data-ms'))]));
  assert.deepEqual(modes, [['sequential', 5_500], ['concurrent', 3_000]]);
  assert.match(await page.locator('[data-testid=speedup]').textContent(), /concurrent is 1\.8× faster/);
  const sequential = await run(page, problems, { expectedMs: 5_500 });
  assert.deepEqual(texts(sequential), ['Hello, Alice!', 'Hello, Bob!', 'Hello, Charlie!']);
  near(sequential.total, 5_500, 'sequential total');
  assert.deepEqual(sequential.lanes.map((l) => l.task), ['main'], 'sequential awaits make no tasks');
  assert.deepEqual(problems, [], `the page reported problems:\n  ${problems.join('\n  ')}`);
});

test('44.4.1 gather: results in argument order and the Time line', async (t) => {
  const { page, problems } = await open(t);
  await openSection(page, 'gather');
  const result = await run(page, problems, { expectedMs: 2_000 });
  assert.equal(result.state, 'done');
  assert.equal(result.lines[0].text, "['Result A', 'Result B']");
  assert.match(result.lines[1].text, /^Time: 2\.\d\ds$/);
  near(result.lines[0].ms, 2_000, 'the results line');
  near(result.total, 2_000, 'total');
  assert.deepEqual(result.lanes.map((l) => l.task), ['main', 'task_a()', 'task_b()']);
  assert.ok(kindsOf(result, 'task_a()').has('done'));
  assert.deepEqual(problems, []);
});

test('44.4.2 create_task: exactly two background lines in 10 s, then the task is cancelled', async (t) => {
  const { page, problems } = await open(t);
  await openSection(page, 'background');
  const result = await run(page, problems, { expectedMs: 10_000 });
  assert.equal(result.state, 'done');
  assert.deepEqual(texts(result).slice(0, 2), ['Background work...', 'Background work...']);
  assert.equal(texts(result).filter((l) => l === 'Background work...').length, 2);
  assert.match(result.lines.at(-1).text, /^Time: 10\.\d\ds$/);
  near(result.lines[1].ms, 5_000, 'second background line');
  near(result.total, 10_000, 'total');
  const kinds = kindsOf(result, 'task');
  assert.ok(kinds.has('cancelled') && kinds.has('waiting'), `the background task shows ${[...kinds]}`);
  assert.ok(!kinds.has('done'), 'the background task never returns');
  assert.deepEqual(problems, []);
});

test('44.4.3 async with: acquire, use, release, 1.5 s', async (t) => {
  const { page, problems } = await open(t);
  await openSection(page, 'context-manager');
  const result = await run(page, problems, { expectedMs: 1_500 });
  assert.deepEqual(texts(result).slice(0, 3), ['Acquiring resource...', 'Using resource', 'Releasing resource...']);
  assert.match(result.lines[3].text, /^Time: 1\.\d\ds$/);
  near(result.lines[1].ms, 1_000, 'the body runs after __aenter__');
  near(result.total, 1_500, 'total');
  assert.deepEqual(problems, []);
});

test('44.1.1 coroutine: nothing runs until awaited; the returned dict is printed', async (t) => {
  const { page, problems } = await open(t);
  await openSection(page, 'coroutine');
  await page.locator('input[name=delay]').fill('1.5');
  const result = await run(page, problems, { expectedMs: 1_500 });
  assert.deepEqual(texts(result), ['<coroutine object fetch_data at 0x107d12f80>', 'Starting to fetch...', 'Data fetched!', "{'data': 'example'}"]);
  near(result.total, 1_500, 'total');
  assert.deepEqual(problems, []);
});

test('44.5 blocking CPU work makes the I/O timers late; in a worker they are on time', async (t) => {
  const { page, problems } = await open(t);
  await openSection(page, 'cpu-vs-io');
  const blocking = await run(page, problems, { expectedMs: 1_000 });
  assert.equal(blocking.state, 'done', await describePage(page, problems));
  const io1 = blocking.lines.find((l) => l.text.startsWith('io1 woke up'));
  assert.ok(io1 && io1.ms >= 900, `io1 should wake only after the 1 s of CPU work: ${JSON.stringify(io1)}`);
  assert.ok(kindsOf(blocking, 'cpu').has('cpu'), 'the cpu lane shows CPU-bound work');
  assert.ok(kindsOf(blocking, 'io1').has('late'), 'io1 shows it was late');

  await page.selectOption('select[name=mode]', 'worker');
  const worker = await run(page, problems, { expectedMs: 1_000 });
  assert.equal(worker.state, 'done', await describePage(page, problems));
  const io1w = worker.lines.find((l) => l.text.startsWith('io1 woke up'));
  near(io1w?.ms, 300, 'io1 with the work in a worker');
  assert.ok(!kindsOf(worker, 'io1').has('late') || worker.segments.filter((s) => s.kind === 'late').every((s) => s.end - s.start < 150));
  assert.deepEqual(problems, []);
});

test('44.3 fetch: offline, the page says so and fetches from its sample API; online, from GitHub', async (t) => {
  // e2e/fetch.test.mjs tests 44.3 in depth (a local test server, every kind of failure, Stop).
  const { page, problems } = await open(t);
  await openSection(page, 'fetch-urls');
  await page.waitForFunction(() => !document.querySelector('[data-testid=network-note][data-network=checking]'), null, { timeout: 10_000 });
  const offline = (await page.locator('[data-testid=network-note][data-network=offline]').count()) > 0;
  const result = await run(page, problems, { speed: 1, expectedMs: 1_300 });
  if (!offline) {
    // This machine is online: GitHub's real answers (or its rate limit, said clearly).
    if (result.state === 'done') assert.match(texts(result)[1], /^Fetched \d+ bytes from https:\/\/api\.github\.com\/users\/python$/);
    else assert.match(await page.locator('[data-testid=error]').textContent(), /ClientResponseError: 403|ClientConnectorError/);
    return;
  }
  assert.match(await page.locator('[data-testid=network-note]').textContent(), /offline.*sample API/s);
  assert.equal(result.state, 'done', await describePage(page, problems));
  assert.deepEqual(texts(result).slice(0, 4), [
    'Synchronous style:',
    'Fetched 1263 bytes from sample-api/users/python?delay=0.3&body=0.1',
    'Fetched 1241 bytes from sample-api/users/github?delay=0.5&body=0.1',
    'Fetched 1223 bytes from sample-api/users/torvalds?delay=0.2&body=0.1',
  ]);
  assert.ok(result.total >= 1_280, `sequential: the three waits add up (${result.total} ms)`);
});

test('the timeline grows while a run goes, and Stop cancels it', async (t) => {
  const { page, problems } = await open(t);
  await openSection(page, 'background');
  await page.selectOption('select[name=speed]', '2');
  await page.locator('[data-testid=run]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.getAttribute('data-state') === 'running');
  await page.waitForTimeout(600);
  const first = await read(page);
  await page.waitForTimeout(1_200);
  const second = await read(page);
  const extent = (r) => Math.max(...r.segments.map((s) => s.end));
  assert.equal(second.state, 'running');
  assert.ok(extent(second) > extent(first) + 1_000, `the timeline should grow: ${extent(first)} ms, then ${extent(second)} ms`);
  assert.ok(second.segments.length >= first.segments.length);
  const now = Number(await page.locator('[data-testid=now]').getAttribute('data-ms'));
  assert.ok(now >= extent(first), `the now cursor (${now} ms) is where the run is`);
  assert.ok(second.idealSegments > 0, 'the ideal run is drawn behind the live one');

  await page.locator('[data-testid=run]').click(); // Stop
  await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.getAttribute('data-state') === 'idle');
  assert.match(await page.locator('[data-testid=status]').textContent(), /Stopped/);
  assert.match(await page.locator('.console-stopped').textContent(), /CancelledError/);
  assert.ok((await page.locator('[data-testid=segment][data-kind=cancelled]').count()) >= 2, 'Stop cancels every task');
  assert.deepEqual(problems, []);
});

test('values: typing, arrows, dragging, sliders; wrong entries explain themselves and keep the last good value', async (t) => {
  const { page, problems } = await open(t, '#/say-hello');
  const bob = page.locator('input[name=bob]');
  for (const [typed, message] of [
    ['abc', /'abc' is not a number — still using bob = 1$/],
    ['', /bob needs a value — still using bob = 1$/],
    ['-1', /bob must be at least 0 s — still using bob = 1$/],
    ['999', /bob can be at most 60 s — still using bob = 1$/],
  ]) {
    await bob.fill(typed);
    const bubble = page.locator('#param-bob-error');
    await bubble.waitFor({ state: 'visible', timeout: 2_000 });
    assert.match(await bubble.textContent(), message, `typing ${JSON.stringify(typed)}`);
    assert.equal(await bob.getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await page.locator('[data-testid=ideal-line]').allTextContents(), ['Hello, Bob!', 'Hello, Alice!', 'Hello, Charlie!'], 'the last good value is still used');
  }
  await bob.fill('2.5');
  assert.equal(await page.locator('#param-bob-error').count(), 0, 'a good value clears the message');
  assert.deepEqual(await page.locator('[data-testid=ideal-line]').allTextContents(), ['Hello, Alice!', 'Hello, Bob!', 'Hello, Charlie!']);

  // Arrow keys: ±0.1, Shift ±1.
  const charlie = page.locator('input[name=charlie]');
  await charlie.focus();
  await charlie.press('Shift+ArrowDown');
  await charlie.press('ArrowUp');
  assert.equal(await charlie.inputValue(), '2.1');
  assert.equal(await page.locator('[data-testid=total]').getAttribute('data-ms'), '2500', 'the ideal total follows at once (bob 2.5 is now the longest)');

  // Drag sideways on an unfocused value: about 4 px a step.
  await charlie.blur();
  const alice = page.locator('input[name=alice]');
  const box = await alice.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  assert.equal(await alice.inputValue(), '3', 'dragging alice (2) 40 px right adds ten steps of 0.1');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), null, 'a drag does not start typing');
  // A click without movement edits by typing.
  await alice.click();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'alice');

  // The slider and the code show the same value.
  await page.locator('input[name=alice-slider]').evaluate((slider) => {
    slider.value = '0.5';
    slider.dispatchEvent(new Event('input', { bubbles: true }));
  });
  assert.equal(await alice.inputValue(), '0.5');
  assert.match(await page.evaluate(() => location.hash), /alice=0\.5&bob=2\.5&charlie=2\.1/);
  assert.deepEqual(problems, []);
});

test('links: values survive a reload; a broken link opens the default section with notices', async (t) => {
  const { page, problems } = await open(t, '#/gather?a=0.5&b=1.2&speed=5&v=1');
  assert.equal(await page.locator('input[name=a]').inputValue(), '0.5');
  assert.equal(await page.locator('input[name=b]').inputValue(), '1.2');
  assert.equal(await page.locator('select[name=speed]').inputValue(), '5');
  assert.equal(await page.locator('[data-testid=total]').getAttribute('data-ms'), '1200');

  // A link pasted into the open page (a hash change, no reload): the notices must show.
  await page.goto(site.url + '#/no-such-section?alice=-3&bob=lots&speed=7');
  await expectVisible(page, '[data-testid=notice]', 'the notice about the broken link', problems, 5_000);
  const notice = await page.locator('[data-testid=notice]').textContent();
  assert.match(notice, /"no-such-section" that does not exist/);
  assert.match(notice, /alice=-3 is below the minimum 0 s: using 0 s/);
  assert.match(notice, /bob="lots" is not a number/);
  assert.match(notice, /Speed 7 is not available: using 5×/);
  assert.equal(await page.locator('[data-testid=section-link][aria-current=page]').getAttribute('data-id'), 'say-hello');
  assert.equal(await page.locator('input[name=alice]').inputValue(), '0');
  assert.match(await page.evaluate(() => location.hash), /^#\/say-hello\?alice=0&bob=1&charlie=3&mode=concurrent&speed=5&ideal=1&compare=1&v=2$/, 'the address is corrected');
  assert.deepEqual(problems, []);
});

test('beyond the chapter: a thousand tasks take as long as the longest sleep', async (t) => {
  const { page, problems } = await open(t, '#/many-tasks');
  await page.locator('input[name=n]').fill('1000');
  // At 1x: at 20x the real cost of a thousand wake-ups (a few ms) would count twenty times.
  const result = await run(page, problems, { speed: 1, expectedMs: 500 });
  assert.equal(result.state, 'done');
  assert.equal(result.lines[0].text, '1000 tasks finished; results in order: [0, 1, 2] ... 999');
  near(result.total, 500, 'total');
  // Virtualised: only the lanes in view are in the DOM, the count is stated, and scrolling the
  // lanes box reaches every one (the last included).
  assert.ok(result.lanes.length < 60, `only the lanes in view are in the DOM (${result.lanes.length})`);
  assert.match(await page.locator('[data-testid=lane-count]').textContent(), /1,001 tasks/);
  await page.locator('[data-testid=timeline] .lanes-scroll').evaluate((box) => (box.scrollTop = box.scrollHeight));
  await page.locator('[data-testid=lane][data-task="worker(999)"]').waitFor({ timeout: 5_000 });
  assert.deepEqual(problems, []);
});

test('screenshots of every section: light and dark, desktop and phone', async () => {
  for (const scheme of ['light', 'dark']) {
    for (const [device, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['phone', { width: 390, height: 844 }],
    ]) {
      const context = await site.browser.newContext({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
      try {
        const page = await context.newPage();
        await page.goto(site.url);
        await page.locator('[data-testid=run]').waitFor();
        for (const id of SECTIONS) {
          await page.locator(`[data-testid=section-link][data-id="${id}"]`).click();
          await page.waitForFunction((id) => location.hash.startsWith(`#/${id}?`), id);
          // A finished real run shows the most: measured timeline, ideal behind it, console.
          await page.selectOption('select[name=speed]', id === 'fetch-urls' ? '1' : '20');
          await page.locator('[data-testid=run]').click();
          await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('[data-testid=status]')?.getAttribute('data-state')), null, {
            timeout: 20_000,
          });
          await page.evaluate(() => window.scrollTo(0, 0));
          await screenshot(page, `page-${id}-${device}-${scheme}`);
        }
      } finally {
        await context.close();
      }
    }
  }
});
