// e2e/say-hello.test.mjs: the page contract, checked on the release build (dist/) in Chromium,
// served at the site root and under a sub-path (the deployment must work under any path).
//
// Contract (what src/ui renders):
//   [data-testid=run]     the button that runs the selected scenario
//   [data-testid=status]  data-state = idle | running | done | error
//   [data-testid=line]    one per printed line, in print order; text = exactly the printed line,
//                         data-t-ms = when it was printed, in ms at 1x speed
//   [data-testid=total]   data-ms = total run time in ms at 1x speed
//   select[name=speed]    optional; the test picks the 20x option to run fast
//   select[name=scenario] optional; the test picks section 44.2 "say hello" if present,
//                         otherwise that scenario must be the default one
// Scenario 44.2 (say_hello with asyncio.gather, default delays) prints "Hello, Bob!",
// "Hello, Alice!", "Hello, Charlie!" at about 1000, 2000, 3000 ms; total about 3000 ms.
//
// Run: node --test e2e/   (E2E_DIST=folder to test another build; E2E_EARLY_MS / E2E_LATE_MS
// widen the timing window). Screenshots land in e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './serve.mjs';
import {
  DIST,
  launchForDist,
  openPage,
  describePage,
  expectVisible,
  selectOptionIfPresent,
  startRecording,
  readRecording,
  screenshot,
} from './helpers.mjs';

const EXPECTED = [
  { text: 'Hello, Bob!', ms: 1000 },
  { text: 'Hello, Alice!', ms: 2000 },
  { text: 'Hello, Charlie!', ms: 3000 },
];
const EXPECTED_TOTAL_MS = 3000;
// Reported times are at 1x scale and come from the browser's clock: setTimeout is never early
// but is late by a few real ms, more on a busy machine, and at 20x every real ms late is 20 ms at
// 1x scale (measured here: from +22 ms up to +1140 ms for the first line while cargo was busy).
// So a time may be a little early (rounding) and up to 2000 ms late (100 real ms at 20x). That
// still catches what this test is about: lines printed too early (sleeps not awaited), wrong
// scaling (real ms, or 20x too large) and wrong order.
const EARLY_MS = Number(process.env.E2E_EARLY_MS ?? 100);
const LATE_MS = Number(process.env.E2E_LATE_MS ?? 2000);
const near = (t, expected) => t >= expected - EARLY_MS && t <= expected + LATE_MS;
const windowOf = (expected) => `${expected - EARLY_MS}..${expected + LATE_MS} ms`;
const STATES = ['idle', 'running', 'done', 'error'];

let browser;
before(async () => {
  browser = await launchForDist();
});
after(async () => {
  await browser?.close();
});

for (const prefix of ['/', '/some/sub/path/']) {
  const shotName = `say-hello${prefix === '/' ? '-root' : prefix.replaceAll('/', '-').replace(/-$/, '')}`;

  test(`44.2 say-hello prints Bob, Alice, Charlie at ~1/2/3 s (served at ${prefix})`, async (t) => {
    const server = await startServer({ root: DIST, prefix });
    t.after(() => server.close());
    const { page, context, problems } = await openPage(browser, server.url);
    t.after(() => context.close());
    try {
      await expectVisible(page, '[data-testid=run]', 'the app did not render its run button', problems);
      await expectVisible(page, '[data-testid=status]', 'the app did not render its status', problems, 5_000);

      const scenario = await selectOptionIfPresent(page, 'scenario', /44\.2|say[-_ ]?hello/i);
      const speedValue = await selectOptionIfPresent(page, 'speed', /^\s*[x×]?\s*20\s*[x×]?\s*$/i);
      const speed = speedValue === null ? 1 : 20;
      t.diagnostic(`scenario: ${scenario ?? '(default)'}, speed: ${speed}x`);

      const initial = await page.locator('[data-testid=status]').first().getAttribute('data-state');
      assert.equal(initial, 'idle', `before running, status data-state should be idle\n${await describePage(page, problems)}`);

      await startRecording(page);
      const clickedAt = await page.evaluate(() => performance.now());
      await page.locator('[data-testid=run]').first().click();

      // Wait for the run to finish (done or error); real duration is 3 s / speed.
      const timeout = EXPECTED_TOTAL_MS / speed + 15_000;
      try {
        await page.waitForFunction(
          () => ['done', 'error'].includes(document.querySelector('[data-testid=status]')?.getAttribute('data-state')),
          null,
          { timeout, polling: 50 },
        );
      } catch {
        const seen = await page.locator('[data-testid=line]').count();
        assert.fail(
          `the run did not finish: status did not become done/error within ${timeout / 1000} s of clicking run ` +
            `(${seen} of ${EXPECTED.length} lines appeared)\n` +
            (await describePage(page, problems)),
        );
      }
      const final = await page.locator('[data-testid=status]').first().getAttribute('data-state');
      assert.equal(final, 'done', `the run ended in state ${final}\n${await describePage(page, problems)}`);

      // The printed lines: exact text, in order, at ~1000/2000/3000 ms (1x scale).
      const lines = await page.locator('[data-testid=line]').evaluateAll((els) =>
        els.map((el) => ({ text: el.textContent, tMs: el.getAttribute('data-t-ms') })),
      );
      assert.deepEqual(
        lines.map((l) => l.text),
        EXPECTED.map((e) => e.text),
        `printed lines differ from the expected ones\n${await describePage(page, problems)}`,
      );
      t.diagnostic(`lines at (1x ms): ${lines.map((l) => l.tMs).join(', ')}`);
      lines.forEach((line, i) => {
        const t = Number.parseFloat(line.tMs);
        assert.ok(Number.isFinite(t), `line ${i + 1} ${JSON.stringify(line.text)} has data-t-ms=${JSON.stringify(line.tMs)}, not a number`);
        assert.ok(
          near(t, EXPECTED[i].ms),
          `line ${i + 1} ${JSON.stringify(line.text)} at ${t} ms, expected ${windowOf(EXPECTED[i].ms)}`,
        );
      });
      const times = lines.map((l) => Number.parseFloat(l.tMs));
      assert.ok(
        times.every((t, i) => i === 0 || t >= times[i - 1]),
        `data-t-ms should not decrease from one line to the next: ${times.join(', ')}`,
      );
      const totalAttr = await page.locator('[data-testid=total]').first().getAttribute('data-ms', { timeout: 2_000 })
        .catch(() => null);
      const total = Number.parseFloat(totalAttr);
      t.diagnostic(`total data-ms: ${totalAttr}`);
      assert.ok(
        Number.isFinite(total) && near(total, EXPECTED_TOTAL_MS),
        `[data-testid=total] data-ms=${JSON.stringify(totalAttr)}, expected ${windowOf(EXPECTED_TOTAL_MS)}`,
      );

      // It really ran over time: running → done, lines appearing one by one, not all at the end.
      const rec = await readRecording(page);
      const states = rec.states.map((s) => s.state);
      for (const s of states) assert.ok(STATES.includes(s), `status data-state took the value ${JSON.stringify(s)}, not one of ${STATES}`);
      assert.ok(
        states.indexOf('running') >= 0 && states.indexOf('running') < states.lastIndexOf('done'),
        `status should go running → done; it went ${states.join(' → ')}`,
      );
      assert.equal(rec.lines.length, EXPECTED.length, `expected ${EXPECTED.length} lines to appear, saw ${rec.lines.length}`);
      const realSpan = rec.lines.at(-1).at - rec.lines[0].at; // expected (3000-1000)/speed ms
      assert.ok(
        realSpan >= (0.3 * (EXPECTED.at(-1).ms - EXPECTED[0].ms)) / speed,
        `lines should appear one by one as time passes; first to last took only ${realSpan.toFixed(0)} ms at ${speed}x`,
      );
      const doneAt = rec.states.findLast((s) => s.state === 'done').at;
      assert.ok(
        doneAt - clickedAt >= (0.5 * EXPECTED_TOTAL_MS) / speed,
        `the run finished ${(doneAt - clickedAt).toFixed(0)} ms after the click, too fast for ${EXPECTED_TOTAL_MS} ms at ${speed}x`,
      );

      assert.deepEqual(problems, [], `the page reported problems:\n  ${problems.join('\n  ')}`);
      assert.deepEqual(server.notFound, [], `the page asked for missing files (relative URLs broken?): ${server.notFound.join(', ')}`);
      t.diagnostic(`screenshot: ${await screenshot(page, shotName)}`);
    } catch (err) {
      // Keep a picture of the failure next to the good ones.
      await screenshot(page, `${shotName}-FAILED`).catch(() => {});
      throw err;
    }
  });
}
