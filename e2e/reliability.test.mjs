// e2e/reliability.test.mjs: bad input, failures and reruns never lose the person's state or break
// the page (issue 8), on the release build (dist/) in Chromium:
//
//   - values: typed text, the values panel, a (tampered) slider and a link each refuse what is not a
//     value in range, say why next to the field (a link: in its notice) and keep the last good value;
//   - reruns: Stop then Run again, another section mid-run, Back mid-run, each with timers and
//     requests in flight: nothing of the old run fires later, reaches the new console, or stays
//     open; a double-click on Run starts one run;
//   - 1,000 reruns: memory (wasm + JS heap, after GC) stays flat; the figures are printed;
//   - a panic (the test hook `window.wasmBindings.playground_test_panic()`) shows the banner, whose
//     link reloads the same state; an app that cannot start at all says so (static/boot.js);
//   - untrusted text (link sections, keys and values, 44.3's URLs, fetched bodies and status texts,
//     typed text) is shown as text: an <img onerror> in any of them never runs;
//   - the Content-Security-Policy is in the built page, the app runs under it, inline script is
//     refused (every test here and in the other files fails on any CSP violation: helpers.mjs);
//   - a run during which the tab was hidden (emulated: document.hidden + visibilitychange) says so.
//
// `SPY` (an init script) wraps setTimeout/clearTimeout/fetch before the app starts, so a test can
// see which timers and requests a run left behind; the wasm calls them through `window`, as it
// would without the wrappers. Timing checks are one-sided and generous: the machine is shared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DIST, launchBrowser, openPage, describePage, expectVisible, servedSite } from './helpers.mjs';

const RERUNS = Number(process.env.E2E_RERUNS ?? 1000);
const XSS = '<img src=x onerror="window.__xss=(window.__xss||0)+1">';


/** Runs in the page before its scripts: records timers and requests, and can hold or answer requests. */
function SPY() {
  const spy = (window.__spy = { timers: new Map(), fired: [], fetches: [], mode: 'network', answer: null, mark: 0 });
  const setT = window.setTimeout.bind(window);
  const clearT = window.clearTimeout.bind(window);
  window.setTimeout = (fn, ms, ...args) => {
    const created = performance.now();
    let id;
    const wrapped =
      typeof fn === 'function'
        ? (...a) => {
            spy.timers.delete(id);
            spy.fired.push({ created, at: performance.now(), ms });
            return fn(...a);
          }
        : fn;
    id = setT(wrapped, ms, ...args);
    spy.timers.set(id, created);
    return id;
  };
  window.clearTimeout = (id) => {
    spy.timers.delete(id);
    return clearT(id);
  };
  const realFetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    // Only the runs' GET requests are held or answered; 44.3's HEAD probe for the internet goes out.
    const method = (init?.method ?? input?.method ?? 'GET').toUpperCase();
    if (spy.mode === 'network' || method !== 'GET') return realFetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const signal = init?.signal ?? input?.signal;
    const record = { url, signal, settled: false };
    spy.fetches.push(record);
    if (spy.mode === 'answer') {
      record.settled = true;
      const { body, status, statusText } = spy.answer;
      return Promise.resolve(new Response(body, { status, statusText, headers: { 'content-type': 'text/plain' } }));
    }
    // 'hold': a server that never answers; the request ends only when aborted.
    return new Promise((_, reject) => {
      signal?.addEventListener('abort', () => {
        record.settled = true;
        reject(new DOMException('The user aborted a request.', 'AbortError'));
      });
    });
  };
  // When the page switched runs: the moment of the click (capture phase, before the app's handler)
  // or of Back (popstate; its hashchange comes a task later, when the switch is done already).
  const mark = () => (spy.mark = performance.now());
  document.addEventListener('click', mark, true);
  window.addEventListener('popstate', mark, true);
  // The wasm instance's memory, handed out by the loader's TrunkApplicationStarted event.
  window.addEventListener('TrunkApplicationStarted', (e) => (window.__wasmMemory = e.detail?.wasm?.memory));
  // Page Visibility, emulated: browsers offer no switch for it in a headless tab.
  window.__setHidden = (hidden) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange'));
  };
}

// Every page of this suite has the spy installed.
const site = servedSite({ defaults: { initScript: SPY } });
const open = site.open;

const status = (page) => page.locator('[data-testid=status]').getAttribute('data-state');
const lines = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-testid=line]')].map((el) => ({ text: el.textContent, ms: Number(el.getAttribute('data-t-ms')) })),
  );
const run = (page) => page.locator('[data-testid=run]').click();

async function waitForState(page, problems, states, timeout = 20_000) {
  await page
    .waitForFunction((states) => states.includes(document.querySelector('[data-testid=status]')?.getAttribute('data-state')), states, {
      timeout,
      polling: 20,
    })
    .catch(async () => assert.fail(`status never became ${states.join('/')} within ${timeout} ms\n${await describePage(page, problems)}`));
}

/** performance.now() in the page: pass it to `leftovers` to look only at what came after. */
const pageNow = (page) => page.evaluate(() => performance.now());

/**
 * What the last switch (click, Back) left behind of what started after `since` (the old run's
 * start: the page's own timers, such as 44.3's network probe, are not a run's): timers made before
 * the switch still pending, or fired after it; requests still open.
 */
function leftovers(page, since = 0) {
  return page.evaluate((since) => {
    const { timers, fired, fetches, mark } = window.__spy;
    const old = (created) => created >= since && created < mark;
    const late = fired.filter((f) => old(f.created) && f.at > mark);
    return {
      pendingTimers: [...timers.values()].filter(old).length,
      firedTimers: late.length,
      // For the failure message: when each was made and fired (relative to the switch), and its delay.
      late: late.map((f) => `made ${(f.created - mark).toFixed(0)} ms, fired ${(f.at - mark).toFixed(0)} ms, setTimeout(…, ${f.ms})`),
      openFetches: fetches.filter((f) => !f.settled && !f.signal?.aborted).length,
      fetches: fetches.length,
    };
  }, since);
}

/**
 * No problems, except those of 44.3's one-time probe for the internet (a request to
 * https://api.github.com/, expected to fail on a machine without network; browser/network.rs).
 */
function noProblems(problems) {
  const probe = /api\.github\.com\/ \(net::|Failed to load resource: net::ERR_(NAME_NOT_RESOLVED|INTERNET_DISCONNECTED|CONNECTION_REFUSED)/;
  const real = problems.filter((p) => !probe.test(p));
  assert.deepEqual(real, [], `the page reported problems:\n  ${real.join('\n  ')}`);
}

// ---- values --------------------------------------------------------------------------------------

test('values: code, values panel, slider and link each refuse bad input, say why by the field, keep the last good value', async (t) => {
  const { page, problems } = await open(t, '#/say-hello');
  const preview = () => page.locator('[data-testid=ideal-line]').allTextContents();
  const good = ['Hello, Bob!', 'Hello, Alice!', 'Hello, Charlie!'];
  const hash = await page.evaluate(() => location.hash);
  const kept = async (what) => {
    assert.deepEqual(await preview(), good, `${what}: the last good value (bob = 1) is still used`);
    assert.equal(await page.evaluate(() => location.hash), hash, `${what}: the link still holds the last good value`);
  };
  const cases = [
    ['abc', /'abc' is not a number/],
    ['NaN', /'NaN' is not a number/],
    ['', /bob needs a value/],
    ['   ', /bob needs a value/],
    ['-0.5', /bob must be at least 0 s/],
    ['1e999', /bob can be at most 60 s/],
    ['61', /bob can be at most 60 s/],
  ];

  // 1. In the code.
  const code = page.locator('[data-testid=code] input[name=bob]');
  for (const [typed, reason] of cases) {
    await code.fill(typed);
    const message = page.locator('#param-bob-error');
    await message.waitFor({ state: 'visible', timeout: 3_000 });
    assert.match(await message.textContent(), reason, `code: typing ${JSON.stringify(typed)}`);
    assert.match(await message.textContent(), /still using bob = 1$/);
    assert.equal(await code.getAttribute('aria-invalid'), 'true');
    await kept(`code: ${JSON.stringify(typed)}`);
  }
  await code.press('Escape');

  // 2. In the values panel's number field: the message is in the field's own row.
  const number = page.locator('input[name=bob-number]');
  const row = page.locator('.param-row', { has: number });
  for (const [typed, reason] of cases) {
    await number.fill(typed);
    const message = row.locator('.param-error');
    await message.waitFor({ state: 'visible', timeout: 3_000 });
    assert.match(await message.textContent(), reason, `values panel: typing ${JSON.stringify(typed)}`);
    assert.match(await message.textContent(), /still using 1 s$/);
    await kept(`values panel: ${JSON.stringify(typed)}`);
  }
  await number.press('Escape');
  assert.equal(await row.locator('.param-error').count(), 0, 'Escape forgets the wrong entry');

  // 3. A slider whose value was tampered with (a slider itself only gives values in range).
  for (const [forged, reason] of [
    ['NaN', /bob must be a number/],
    ['999', /bob can be at most 60 s/],
    ['-3', /bob must be at least 0 s/],
  ]) {
    await page.locator('input[name=bob-slider]').evaluate((slider, forged) => {
      Object.defineProperty(slider, 'value', { configurable: true, get: () => forged, set: () => {} });
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      delete slider.value;
    }, forged);
    const message = row.locator('.param-error');
    await message.waitFor({ state: 'visible', timeout: 3_000 }).catch(() => {});
    assert.equal(await message.count(), 1, `slider at ${forged}: no message next to it`);
    assert.match(await message.textContent(), reason, `slider at ${forged}`);
    await kept(`slider: ${forged}`);
    await number.press('Escape');
  }

  // Run uses the last good values.
  await page.selectOption('select[name=speed]', '20');
  await run(page);
  await waitForState(page, problems, ['done', 'error']);
  assert.deepEqual((await lines(page)).map((l) => l.text), good);

  noProblems(problems);

  // 4. A link: every bad value is named in the notice, the field shows what is used instead.
  const linked = await open(t, '#/say-hello?alice=NaN&bob=999&charlie=&speed=20&v=1');
  await expectVisible(linked.page, '[data-testid=notice]', 'the notice about the bad link', linked.problems, 5_000);
  const notice = await linked.page.locator('[data-testid=notice]').textContent();
  assert.match(notice, /alice/);
  assert.match(notice, /bob/);
  assert.match(notice, /charlie/);
  const value = (name) => linked.page.locator(`[data-testid=code] input[name=${name}]`).inputValue();
  assert.equal(await value('alice'), '2', 'alice: the default');
  assert.equal(await value('bob'), '60', 'bob: brought into range');
  assert.equal(await value('charlie'), '3', 'charlie: the default');
  noProblems(linked.problems);
});

// ---- reruns and switching ------------------------------------------------------------------------

test('Stop, then Run again at once: no timer of the old run fires, no line of it reaches the new console', async (t) => {
  // Prints at 0, 0.5, 1, … s for 10 s, at 1x.
  const { page, problems } = await open(t, '#/background?period=0.5&main=10&speed=1');
  const since = await pageNow(page);
  await run(page);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=line]').length >= 2, null, { timeout: 10_000 });
  await run(page); // Stop
  await waitForState(page, problems, ['idle'], 5_000);
  assert.match(await page.locator('[data-testid=status]').textContent(), /Stopped/);
  let left = await leftovers(page, since);
  assert.equal(left.pendingTimers, 0, 'Stop clears every timer of the run');
  const stoppedLines = (await lines(page)).length;

  const startedAt = await pageNow(page);
  await run(page); // Run again
  await waitForState(page, problems, ['running'], 5_000);
  await page.waitForTimeout(1_300);
  left = await leftovers(page, since);
  assert.equal(left.pendingTimers, 0, 'the stopped run has no timer left');
  assert.equal(left.firedTimers, 0, `no timer of the stopped run fired after the new run started: ${left.late}`);
  const now = await lines(page);
  const elapsed = (await pageNow(page)) - startedAt;
  // The new run prints at 0, 0.5, 1, … s of its own clock, which started after the click.
  assert.ok(now.length >= 1 && now.length <= Math.floor(elapsed / 500) + 1, `the new console has the new run's lines only: ${JSON.stringify(now)} after ${elapsed} ms (${stoppedLines} before)`);
  assert.ok(now.every((l) => l.text === 'Background work...' && l.ms <= elapsed), `lines of the new run: ${JSON.stringify(now)} after ${elapsed} ms`);
  assert.ok(now[0].ms < 500, 'the new console starts from 0');
  await run(page); // Stop, to end the test quickly
  noProblems(problems);
});

test('another section, or Back, in the middle of a run: the old run ends, nothing of it shows up later', async (t) => {
  const { page, problems } = await open(t, '#/gather?speed=1');
  await page.locator('[data-testid=section-link][data-id=background]').click();
  await page.waitForFunction(() => location.hash.startsWith('#/background?'));
  for (const how of ['section', 'back']) {
    await page.locator('[data-testid=section-link][data-id=background]').click();
    await page.waitForFunction(() => location.hash.startsWith('#/background?'));
    await page.selectOption('select[name=speed]', '1');
    const since = await pageNow(page);
    await run(page);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=line]').length >= 1, null, { timeout: 10_000 });
    if (how === 'section') {
      await page.locator('[data-testid=section-link][data-id=gather]').click();
    } else {
      await page.goBack();
    }
    await page.waitForFunction(() => location.hash.startsWith('#/gather?'), null, { timeout: 5_000 });
    await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('44.4.1'));
    await page.waitForTimeout(50);
    let left = await leftovers(page, since);
    assert.equal(left.pendingTimers, 0, `${how}: the old run's timers are cleared at once`);
    await page.waitForTimeout(1_200);
    left = await leftovers(page, since);
    assert.equal(left.firedTimers, 0, `${how}: no timer of the old run fired later: ${left.late}`);
    assert.equal(await status(page), 'idle', `${how}: the new section is idle`);
    assert.equal(await page.locator('ol.console').getAttribute('data-source'), 'ideal', `${how}: the console shows the new section's preview`);
    assert.deepEqual(await lines(page), [], `${how}: no line of the old run reached the new console`);
    const lanes = await page.locator('[data-testid=lane]').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-task')));
    assert.ok(!lanes.includes('task') && lanes.includes('main'), `${how}: the timeline is gather's: ${lanes}`);
    // And the new section runs normally.
    await page.selectOption('select[name=speed]', '20');
    await run(page);
    await waitForState(page, problems, ['done']);
    assert.deepEqual((await lines(page)).map((l) => l.text.replace(/\d\.\d\d/, 'X')), ["['Result A', 'Result B']", 'Time: Xs']);
  }
  noProblems(problems);
});

test('44.3 with its requests waiting: Stop, another section and Back each abort them', async (t) => {
  const { page, problems } = await open(t, '#/gather?speed=1');
  await page.evaluate(() => (window.__spy.mode = 'hold'));
  for (const how of ['stop', 'run-again', 'section', 'back']) {
    await page.locator('[data-testid=section-link][data-id=fetch-urls]').click();
    await page.waitForFunction(() => location.hash.startsWith('#/fetch-urls?'));
    await page.selectOption('select[name=mode]', 'concurrent');
    await page.selectOption('select[name=speed]', '1');
    const before = (await leftovers(page)).fetches;
    const since = await pageNow(page);
    await run(page);
    await page.waitForFunction((before) => window.__spy.fetches.length >= before + 3, before, { timeout: 10_000 }).catch(async () => {
      assert.fail(`${how}: the three requests did not start: ${JSON.stringify(await leftovers(page))}\n${await describePage(page, problems)}`);
    });
    assert.equal((await leftovers(page)).openFetches, 3, `${how}: three requests are open`);
    if (how === 'stop' || how === 'run-again') {
      await run(page); // Stop
      await waitForState(page, problems, ['idle'], 5_000);
      if (how === 'run-again') {
        await run(page);
        await page.waitForFunction((n) => window.__spy.fetches.length >= n + 6, before, { timeout: 10_000 });
        await run(page); // and Stop the new one too
        await waitForState(page, problems, ['idle'], 5_000);
      }
    } else if (how === 'section') {
      await page.locator('[data-testid=section-link][data-id=gather]').click();
    } else {
      await page.goBack();
    }
    await page.waitForTimeout(100);
    const left = await leftovers(page, since);
    assert.equal(left.openFetches, 0, `${how}: every request of the old run was aborted (${JSON.stringify(left)})`);
    assert.equal(left.pendingTimers, 0, `${how}: and no timer of it is left`);
  }
  noProblems(problems);
});

test('a double-click on Run starts one run (the second click does not stop it)', async (t) => {
  const { page, problems } = await open(t, '#/gather?a=0.3&b=0.6&speed=1');
  await page.locator('[data-testid=run]').dblclick();
  await page.waitForTimeout(250);
  assert.equal(await status(page), 'running', `a double-click stopped the run\n${await describePage(page, problems)}`);
  await waitForState(page, problems, ['done', 'error', 'idle'], 10_000);
  assert.equal(await status(page), 'done', 'the run went to its end');
  assert.equal((await lines(page)).length, 2);
  noProblems(problems);
});

// ---- memory ----------------------------------------------------------------------------------------

test(`${RERUNS} reruns: wasm memory and JS heap stay flat (figures printed)`, async (t) => {
  // A browser of its own with animation frames unthrottled: a run takes a few frames, and at 60 a
  // second a thousand runs would take over a minute (30 s this way).
  const fast = await launchBrowser(['--disable-frame-rate-limit', '--disable-gpu-vsync']);
  t.after(() => fast.close());
  const { page, context, problems } = await openPage(fast, site.url + '#/coroutine?delay=0&speed=20', {}, { initScript: SPY });
  await expectVisible(page, '[data-testid=run]', 'the app did not render its run button', problems);
  const cdp = await context.newCDPSession(page);
  const reruns = (n) =>
    page.evaluate(async (n) => {
      const state = () => document.querySelector('[data-testid=status]')?.getAttribute('data-state');
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      for (let i = 0; i < n; i++) {
        document.querySelector('[data-testid=run]').click();
        await frame();
        for (let f = 0; state() !== 'done'; f++) {
          if (f > 600) throw new Error(`run ${i} did not end (state ${state()})`);
          await frame();
        }
      }
    }, n);
  const memory = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(() => window.__wasmMemory.buffer.byteLength);
    return { js: usedSize, wasm };
  };
  await reruns(20); // warm-up: first-run allocations, compiled code
  const before = await memory();
  const started = Date.now();
  await reruns(RERUNS);
  const seconds = (Date.now() - started) / 1000;
  const after = await memory();
  const mb = (bytes) => (bytes / 1e6).toFixed(3);
  const wasmGrowth = after.wasm - before.wasm;
  const jsGrowth = after.js - before.js;
  const total = wasmGrowth + jsGrowth;
  console.log(
    `# ${RERUNS} reruns in ${seconds.toFixed(1)} s: wasm memory ${mb(before.wasm)} → ${mb(after.wasm)} MB (+${mb(wasmGrowth)}), ` +
      `JS heap ${mb(before.js)} → ${mb(after.js)} MB (${jsGrowth >= 0 ? '+' : ''}${mb(jsGrowth)}); ` +
      `growth ${mb(total)} MB against the 1 MB target: ${total <= 1e6 ? 'within' : 'OVER'}`,
  );
  // Generous: GC timing makes the JS heap figure noisy by a few hundred kB; a leak of a kilobyte a
  // run would still show as 1 MB over a thousand runs.
  assert.ok(wasmGrowth <= 1e6, `the wasm memory grew by ${mb(wasmGrowth)} MB over ${RERUNS} reruns`);
  assert.ok(total <= 3e6, `memory grew by ${mb(total)} MB over ${RERUNS} reruns`);
  noProblems(problems);
});

// ---- panics --------------------------------------------------------------------------------------

test('a panic shows the banner with what happened, and its link reloads the same state', async (t) => {
  const { page, problems } = await open(t, '#/gather');
  // A state made by editing, not only by the link the page was opened with.
  await page.locator('[data-testid=code] input[name=a]').fill('0.5');
  await page.locator('[data-testid=code] input[name=a]').press('Enter');
  await page.selectOption('select[name=speed]', '5');
  await page.waitForFunction(() => /a=0\.5/.test(location.hash) && /speed=5/.test(location.hash));
  const hash = await page.evaluate(() => location.hash);

  // From a timer, as a panic in the app happens (inside an event, a timer or a microtask): the
  // release build traps without running any Rust hook, so the page (static/boot.js) must see it.
  await page.evaluate(() => setTimeout(() => window.wasmBindings.playground_test_panic()));
  const banner = page.locator('[data-testid=panic-banner]');
  await banner.waitFor({ state: 'visible', timeout: 3_000 });
  assert.equal(await banner.getAttribute('role'), 'alert');
  const text = await banner.textContent();
  assert.match(text, /internal error/);
  // What happened: the release build's trap (a debug build's hook gives the panic's message).
  assert.match(text, /RuntimeError|deliberate panic from the test hook/, 'the banner says what happened');
  const reload = page.locator('[data-testid=panic-reload]');
  assert.match(await reload.textContent(), /Reload this state/i);
  const href = await reload.getAttribute('href');
  assert.ok(href.endsWith(hash), `the link keeps the state: ${href} (state ${hash})`);
  // The page is not blank: the app is still there behind the banner.
  assert.ok(await page.locator('[data-testid=code]').isVisible());
  // Expected: the panic's own report in the console, and the trap that ends the call.
  const expected = (p) => /deliberate panic|panicked|unreachable|RuntimeError/.test(p);
  assert.ok(problems.some(expected), `the panic was reported: ${problems}`);
  problems.splice(0, problems.length, ...problems.filter((p) => !expected(p)));

  await reload.click();
  await page.waitForLoadState('load');
  await expectVisible(page, '[data-testid=run]', 'the reloaded app', problems);
  assert.equal(await page.locator('[data-testid=panic-banner]').count(), 0, 'a fresh page, no banner');
  assert.equal(await page.locator('[data-testid=code] input[name=a]').inputValue(), '0.5');
  assert.equal(await page.locator('select[name=speed]').inputValue(), '5');
  assert.equal(await page.locator('[data-testid=section-link][aria-current=page]').getAttribute('data-id'), 'gather');
  noProblems(problems);
});

test('if the app cannot start at all, the page says so instead of staying blank', async (t) => {
  const context = await site.browser.newContext();
  t.after(() => context.close());
  // As if the .wasm were missing on the host.
  await context.route(/_bg\.wasm$/, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(site.url + '#/gather');
  const note = page.locator('[data-testid=load-error]');
  await note.waitFor({ state: 'visible', timeout: 10_000 });
  assert.match(await note.textContent(), /could not start/);
  assert.equal(await note.getAttribute('role'), 'alert');
});

// ---- untrusted text ------------------------------------------------------------------------------

test('text from links, fetched bodies, status texts and typing is shown as text, never run as HTML', async (t) => {
  const { page, problems } = await open(t, '#/' + encodeURIComponent(XSS));
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  const e = encodeURIComponent;
  const nothingRan = async (what) => {
    await page.waitForTimeout(150);
    const seen = await page.evaluate(() => ({
      xss: window.__xss ?? 0,
      injected: document.querySelectorAll('img[src="x"], [onerror], [onload]').length,
      text: document.body.innerText,
    }));
    assert.equal(seen.xss, 0, `${what}: the payload ran`);
    assert.equal(seen.injected, 0, `${what}: the payload became an element`);
    assert.deepEqual(dialogs, [], `${what}: a dialog opened`);
    return seen.text;
  };
  // Opened with it as the section: the notice quotes it as text.
  assert.match(await nothingRan('a section id (page opened)'), /<img src=x/);
  const hashes = [
    ['a section id', `#/${e(XSS)}`],
    ['a value', `#/gather?a=${e(XSS)}`],
    ['a key', `#/gather?${e(XSS)}=1`],
    ['a mode', `#/say-hello?mode=${e(XSS)}`],
    ['a speed', `#/gather?speed=${e(XSS)}`],
    ['a version', `#/gather?v=${e(XSS)}`],
    ['a URL of 44.3', `#/fetch-urls?url=${e(XSS)}`],
    ['a URL of 44.3 (in its path)', `#/fetch-urls?url=${e('https://example.com/' + XSS)}`],
    ['a data: URL of 44.3', `#/fetch-urls?url=${e('data:text/html,' + XSS)}`],
  ];
  for (const [what, hash] of hashes) {
    await page.evaluate((hash) => (location.hash = hash), hash);
    await page.waitForTimeout(100);
    await nothingRan(what);
  }

  // Typed into the code: the message quotes it, as text.
  await page.locator('[data-testid=section-link][data-id=gather]').click();
  await page.locator('[data-testid=code] input[name=a]').fill(XSS);
  assert.match(await nothingRan('typed text'), /<img src=x/);
  await page.locator('[data-testid=code] input[name=a]').press('Escape');

  // Fetched: a body, and an error's status text, both made of HTML.
  await page.locator('[data-testid=section-link][data-id=fetch-urls]').click();
  await page.selectOption('select[name=speed]', '20');
  for (const answer of [
    { status: 200, statusText: 'OK', body: XSS.repeat(3) },
    { status: 500, statusText: XSS, body: XSS },
  ]) {
    await page.evaluate((answer) => {
      window.__spy.mode = 'answer';
      window.__spy.answer = answer;
    }, answer);
    await run(page);
    await waitForState(page, problems, ['done', 'error']);
    await nothingRan(`a fetched ${answer.status} response`);
  }
  // Whatever the page could not use in those links is a notice; the payload never ran.
  noProblems(problems);
});

// ---- Content-Security-Policy -------------------------------------------------------------------------

test('the built page has a strict Content-Security-Policy, no inline script, and the app runs under it', async (t) => {
  const html = await readFile(path.join(DIST, 'index.html'), 'utf8');
  // Release builds minify index.html (Trunk.toml): attributes may come in any order, unquoted.
  const tag = html.match(/<meta\b[^>]*http-equiv="?Content-Security-Policy"?[^>]*>/i);
  const meta = tag && [tag[0], tag[0].match(/content="([^"]+)"/)?.[1]];
  assert.ok(meta?.[1], 'index.html has a CSP meta tag');
  const policy = Object.fromEntries(meta[1].split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(policy['script-src'], ["'self'", "'wasm-unsafe-eval'"], 'scripts only from the site, and wasm');
  assert.deepEqual(policy['worker-src'], ["'self'"]);
  assert.ok(policy['connect-src'].includes('https:'), 'fetch may reach the URLs people type');
  assert.ok(!meta[1].includes("'unsafe-inline'") && !meta[1].includes("'unsafe-eval'"));
  assert.ok(html.indexOf(meta[0]) < html.indexOf('<script'), 'the policy comes before any script');
  const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(([, attrs]) => !/\bsrc=/.test(attrs));
  assert.deepEqual(inline.map(([tag]) => tag.slice(0, 80)), [], 'no inline script in the built page');

  const { page, problems } = await open(t, '#/say-hello?speed=20');
  await run(page);
  await waitForState(page, problems, ['done']);
  assert.equal((await lines(page)).length, 3);
  assert.equal(await page.evaluate(() => typeof window.wasmBindings?.playground_test_panic), 'function', 'the test hooks are on window.wasmBindings');
  noProblems(problems);

  // Injected inline script is refused (and reported as a violation).
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    await new Promise((r) => setTimeout(r, 50));
    return window.__inlineRan === true;
  });
  assert.equal(ran, false, 'an inline script ran despite the policy');
  await page.waitForTimeout(100);
  assert.ok(problems.some((p) => /CSP violation: script-src/.test(p)), `the violation was reported: ${problems}`);
});

// ---- background tabs -----------------------------------------------------------------------------

test('a run during which the tab was hidden says its timings are throttled; a run in front does not', async (t) => {
  const { page, problems } = await open(t, '#/gather?a=0.5&b=1.5&speed=1');
  await run(page);
  await waitForState(page, problems, ['running'], 5_000);
  await page.waitForTimeout(400);
  await page.evaluate(() => window.__setHidden(true));
  await page.waitForTimeout(400);
  await page.evaluate(() => window.__setHidden(false));
  await waitForState(page, problems, ['done']);
  const notice = page.locator('[data-testid=background-notice]');
  await notice.waitFor({ state: 'visible', timeout: 3_000 }).catch(() => {});
  assert.equal(await notice.count(), 1, `no notice about the hidden tab\n${await describePage(page, problems)}`);
  const text = await notice.textContent();
  assert.match(text, /background from \d\.\d{3} s to \d\.\d{3} s/, text);
  assert.match(text, /slow timers down/);
  const [from, to] = [...text.matchAll(/(\d\.\d{3}) s/g)].map((m) => Number(m[1]));
  assert.ok(from >= 0.3 && to > from, `hidden from ${from} s to ${to} s`);

  // Hidden after the end: not this run's business. Run again in front: no notice.
  await page.evaluate(() => window.__setHidden(true));
  await page.evaluate(() => window.__setHidden(false));
  await run(page);
  await waitForState(page, problems, ['running'], 5_000);
  assert.equal(await notice.count(), 0, 'a new run starts without the old notice');
  await waitForState(page, problems, ['done']);
  assert.equal(await notice.count(), 0, 'a run in front says nothing about background tabs');
  noProblems(problems);
});
