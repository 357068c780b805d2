// e2e/fetch.test.mjs: 44.3 "Fetching multiple URLs" for real, in Chromium, on the release build.
//
// Requests go through the page's Fetch API to two kinds of servers, both real round trips:
// - the site's own sample API (a service worker, static/sample-api-sw.js), the default on a
//   machine without internet — which the test machines are: the page finds out with one probe
//   to api.github.com, which fails (that failed request is expected and filtered out below);
// - a local test server on 127.0.0.1 (e2e/test-api-server.mjs) whose endpoints answer after a
//   chosen delay, fail with 404/500, refuse CORS, or never answer.
//
// Checked: the URL list (edit, add, remove, reorder), one lane per request (concurrent) or one
// sub-row per awaited call (sequential), the printed lines, the per-URL table (status, len(data),
// time, a preview of the body as text), every kind of failure on its lane, in the table and in the
// console, and that the concurrent total is near the longest request while the sequential total is
// near the sum. Timing checks are one-sided and generous (other builds share these 2 cores): a
// total is never asserted fast, only at least what the waits add up to, and for concurrent,
// clearly less than the sum. Screenshots: e2e/screenshots/fetch-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer } from './serve.mjs';
import { startTestApi } from './test-api-server.mjs';
import { DIST, launchForDist, openPage, describePage, expectVisible, screenshot } from './helpers.mjs';

let browser;
let site;
let api;
/** A port nothing listens on (a server was there a moment ago): connections to it are refused. */
let closedPort;
before(async () => {
  const gone = await startTestApi();
  closedPort = gone.port;
  await gone.close();
  browser = await launchForDist();
  site = await startServer({ root: DIST, prefix: '/' });
  api = await startTestApi();
});
after(async () => {
  await browser?.close();
  await site?.close();
  await api?.close();
});

/** Problems the page reports that these tests cause on purpose: the offline probe, and the test
 * server's failures (a browser logs a 404, a refused CORS read, an aborted request). */
function unexpected(problems) {
  return problems.filter(
    (p) =>
      !p.includes('api.github.com') &&
      !p.includes(api.url) &&
      !p.includes(`127.0.0.1:${closedPort}/`) &&
      !/sample-api\/status\/[45]\d\d/.test(p) &&
      !/Failed to load resource: (net::ERR_NAME_NOT_RESOLVED|net::ERR_INTERNET_DISCONNECTED|net::ERR_FAILED|net::ERR_CONNECTION_REFUSED|the server responded with a status of (404|500))/.test(p) &&
      !/has been blocked by CORS policy/.test(p),
  );
}

/** A fresh page on 44.3 (under `prefix`), closed when the test ends. */
async function open(t, { prefix = '', hash = '#/fetch-urls', contextOptions = {} } = {}) {
  const base = prefix ? site.url.replace(/\/$/, prefix) : site.url;
  const { page, context, problems } = await openPage(browser, base + hash, contextOptions);
  t.after(() => context.close());
  await expectVisible(page, '[data-testid=url-list]', 'the URL list of 44.3', problems);
  return { page, context, problems };
}

/**
 * Wait until the page knows whether it is online (its probe of api.github.com), and return true
 * when it found it offline — as on the test machines, which have no internet. Online (a developer's
 * machine), the sample API is loaded by hand, so the tests after this run the same way.
 */
async function sampleApiShown(page) {
  await page.waitForFunction(() => !document.querySelector('[data-testid=network-note][data-network=checking]'), null, { timeout: 10_000 });
  const offline = (await page.locator('[data-testid=network-note][data-network=offline]').count()) > 0;
  if (!offline) await page.click('[data-testid=url-preset][data-preset=sample]');
  return offline;
}

const urlsOf = (page) => page.locator('[data-testid=url-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-url')));

/** Replace the URL list with `urls`, through the page's own controls. */
async function setUrls(page, urls) {
  // Keep one (the list is never empty), add the new ones after it, then remove the one kept.
  while ((await urlsOf(page)).length > 1) await page.locator('[data-testid=url-remove]').first().click();
  for (const url of urls) {
    await page.fill('input[name=url-new]', url);
    await page.click('[data-testid=url-add]');
  }
  await page.locator('[data-testid=url-remove]').first().click();
  assert.deepEqual(await urlsOf(page), urls, 'the URL list after editing it');
}

async function setValue(page, name, value) {
  await page.fill(`input[name=${name}]`, String(value));
  await page.locator(`input[name=${name}]`).press('Tab');
}

/** Choose the mode and speed, press Run, wait for the end (done, error or stopped). */
async function run(page, problems, { mode, speed = 1, limitMs = 30_000 } = {}) {
  if (mode) await page.selectOption('select[name=mode]', mode);
  await page.selectOption('select[name=speed]', String(speed));
  await page.locator('[data-testid=run]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.getAttribute('data-state') === 'running', null, { timeout: 5_000 }).catch(() => {});
  await page
    .waitForFunction(() => ['done', 'error', 'idle'].includes(document.querySelector('[data-testid=status]')?.getAttribute('data-state')), null, {
      timeout: limitMs,
      polling: 50,
    })
    .catch(async () => assert.fail(`the run did not end within ${limitMs / 1000} s\n${await describePage(page, problems)}`));
  return read(page);
}

function read(page) {
  return page.evaluate(() => {
    const num = (el, attr) => (el?.hasAttribute(attr) ? Number(el.getAttribute(attr)) : null);
    return {
      state: document.querySelector('[data-testid=status]')?.getAttribute('data-state'),
      status: document.querySelector('[data-testid=status]')?.textContent,
      lines: [...document.querySelectorAll('[data-testid=line]')].map((el) => el.textContent),
      idealLines: [...document.querySelectorAll('[data-testid=ideal-line]')].map((el) => el.textContent),
      total: num(document.querySelector('[data-testid=total]'), 'data-ms'),
      error: document.querySelector('[data-testid=error]')?.textContent ?? null,
      notes: [...document.querySelectorAll('[data-testid=console-note]')].map((el) => ({ kind: el.getAttribute('data-kind'), url: el.getAttribute('data-url'), text: el.textContent })),
      lanes: [...document.querySelectorAll('[data-testid=lane]')].map((lane) => ({
        task: lane.getAttribute('data-task'),
        segments: [...lane.querySelectorAll('[data-testid=segment]')].map((s) => ({
          kind: s.getAttribute('data-kind'),
          start: Number(s.getAttribute('data-start-ms')),
          end: Number(s.getAttribute('data-end-ms')),
          title: s.querySelector('title')?.textContent ?? '',
        })),
      })),
      calls: [...document.querySelectorAll('[data-testid=call-row]')].map((row) => ({
        call: row.getAttribute('data-call'),
        task: row.getAttribute('data-task'),
        kinds: [...row.querySelectorAll('[data-testid=call-segment]')].map((s) => s.getAttribute('data-kind')),
        titles: [...row.querySelectorAll('[data-testid=call-segment] title')].map((t) => t.textContent),
      })),
      rows: [...document.querySelectorAll('[data-testid=request-row]')].map((row) => ({
        url: row.getAttribute('data-url'),
        stage: row.getAttribute('data-stage'),
        status: num(row, 'data-status'),
        chars: num(row, 'data-chars'),
        ms: num(row, 'data-ms'),
        error: row.getAttribute('data-error-kind'),
        preview: row.querySelector('[data-testid=request-preview]')?.textContent ?? null,
        why: row.querySelector('[data-testid=request-error]')?.textContent ?? null,
      })),
      gatherNote: document.querySelector('[data-testid=gather-note]')?.textContent ?? '',
    };
  });
}

const kinds = (lane) => new Set(lane.segments.map((s) => s.kind));

test('offline, 44.3 opens on the sample API, says so, and its real run prints what the ideal run predicts', async (t) => {
  const { page, problems } = await open(t);
  // Without internet (the test machines) the probe fails and the page switches to the sample API.
  if (await sampleApiShown(page)) {
    assert.match(await page.locator('[data-testid=network-note]').textContent(), /offline.*sample API/s);
  }
  assert.deepEqual(await urlsOf(page), [
    'sample-api/users/python?delay=0.3&body=0.1',
    'sample-api/users/github?delay=0.5&body=0.1',
    'sample-api/users/torvalds?delay=0.2&body=0.1',
  ]);
  const code = await page.locator('[data-testid=code]').textContent();
  assert.match(code, /"sample-api\/users\/python\?delay=&body=",/, 'the code shows the URLs, with their waits as inputs');
  assert.equal(await page.locator('[data-testid=code] input[name=url-0-delay]').inputValue(), '0.3');
  assert.equal(await page.locator('[data-testid=code] input[name=url-0-body]').inputValue(), '0.1');
  assert.match(code, /session\.get\(url, raise_for_status=True,\n.*timeout=TIMEOUT\) as response:/, 'the code says how a request fails');

  for (const [mode, idealMs] of [['sequential', 1_300], ['concurrent', 600]]) {
    await page.selectOption('select[name=mode]', mode);
    const ideal = (await read(page)).idealLines;
    const result = await run(page, problems, { speed: 1 });
    assert.equal(result.state, 'done', `${mode}: ${await describePage(page, problems)}`);
    // The service worker answers exactly what the virtual clock predicted (same bodies, same len()).
    // (All but the measured "Time: …" line, and the empty line its "\n" prints in sequential.)
    const fetched = (lines) => lines.filter((l) => l && !l.startsWith('Time: '));
    assert.deepEqual(fetched(result.lines), fetched(ideal), `${mode}: the real lines are the ideal ones`);
    assert.match(result.lines[1], /^Fetched 1263 bytes from sample-api\/users\/python\?delay=0\.3&body=0\.1$/);
    assert.ok(result.lines.some((l) => /^Time: \d+\.\d\ds$/.test(l)), 'and the Time line');
    assert.ok(result.total >= idealMs - 20, `${mode}: total ${result.total} ms is at least the waits (${idealMs} ms)`);
    assert.ok(result.total < idealMs + 1_500, `${mode}: total ${result.total} ms, ideal ${idealMs} ms`);
    assert.deepEqual(result.rows.map((r) => [r.stage, r.status, r.chars]), [['done', 200, 1263], ['done', 200, 1241], ['done', 200, 1223]]);
    assert.ok(result.rows.every((r) => r.preview?.startsWith('{ "login":')), 'a preview of each body, as text');
    if (mode === 'sequential') {
      assert.deepEqual(result.lanes.map((l) => l.task), ['main'], 'the loop awaits directly: no tasks');
      assert.deepEqual(result.calls.map((c) => c.call), ['fetch_url(python)', 'fetch_url(github)', 'fetch_url(torvalds)'], 'one sub-row per awaited call');
      for (const call of result.calls) {
        assert.ok(call.kinds.includes('waiting') && call.kinds.includes('done'), `${call.call}: ${call.kinds}`);
        assert.ok(call.titles.some((t) => t.includes('GET sample-api/')) && call.titles.some((t) => t.includes('response.text()')), `${call.call} waits on the request, then on the body`);
      }
    } else {
      assert.deepEqual(result.lanes.map((l) => l.task), ['main', 'fetch_url(python)', 'fetch_url(github)', 'fetch_url(torvalds)']);
      for (const lane of result.lanes.slice(1)) {
        const waits = lane.segments.filter((s) => s.kind === 'waiting').map((s) => s.title);
        assert.ok(waits.some((t) => t.includes('waiting on GET sample-api/')), `${lane.task}: waits for the head`);
        assert.ok(waits.some((t) => t.includes('waiting on response.text()')), `${lane.task}: then for the body`);
        assert.ok(kinds(lane).has('done'));
      }
      // The requests overlapped: github's 0.6 s is the longest, and the total is close to it.
      const github = result.rows[1].ms;
      assert.ok(github >= 580, `github took ${github} ms (0.5 s + 0.1 s asked)`);
      assert.ok(result.total < 1_300 - 300, `concurrent ${result.total} ms is well under the sum of 1.3 s`);
    }
    await screenshot(page, `fetch-sample-api-${mode}`);
  }
  assert.deepEqual(unexpected(problems), [], `the page reported problems:\n  ${problems.join('\n  ')}`);
});

test('the URL list: edit, add, remove, reorder, waits and presets change the code and the ideal run', async (t) => {
  const { page, problems } = await open(t);
  const offline = await sampleApiShown(page);
  // Reorder: github first.
  await page.locator('[data-testid=url-row][data-index="1"] [data-testid=url-up]').click();
  assert.deepEqual((await urlsOf(page)).map((u) => u.split('?')[0]), ['sample-api/users/github', 'sample-api/users/python', 'sample-api/users/torvalds']);
  // A wait, edited in the code like any other delay: the list and the ideal total follow.
  await setValue(page, 'url-0-delay', '1.5');
  assert.equal(await page.locator('input[name=url-0-delay-number]').inputValue(), '1.5', 'the list shows it too');
  assert.equal((await urlsOf(page))[0], 'sample-api/users/github?delay=1.5&body=0.1');
  assert.equal(await page.locator('input[name=url-0-delay]').inputValue(), '1.5', 'the code shows the new value');
  await page.selectOption('select[name=mode]', 'concurrent');
  assert.equal(await page.locator('[data-testid=total]').getAttribute('data-ms'), '1600', 'concurrent ideal = the longest: 1.5 + 0.1 s');
  await page.locator('input[name=url-0-body-number]').focus();
  await page.locator('input[name=url-0-body-number]').press('ArrowUp');
  assert.equal((await urlsOf(page))[0], 'sample-api/users/github?delay=1.5&body=0.2', '↑ adds 0.1 s');
  // Wrong entries explain themselves and change nothing.
  await setValue(page, 'url-0-delay-number', 'soon');
  assert.match(await page.locator('[data-testid=url-error]').textContent(), /'soon' is not a number of seconds/);
  await setValue(page, 'url-0-delay', '99');
  assert.equal(await page.locator('input[name=url-0-delay]').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('input[name=url-0-delay]').getAttribute('title'), /delay must be from 0 to 60 s — still using 1\.5/);
  assert.equal((await urlsOf(page))[0], 'sample-api/users/github?delay=1.5&body=0.2');
  await page.fill('input[name=url-new]', 'javascript:alert(1)');
  await page.click('[data-testid=url-add]');
  assert.match(await page.locator('[data-testid=url-error]').textContent(), /not an http\(s\) address/);
  // Edit a URL in place, add one, remove one.
  await page.fill('input[name=url-1]', 'sample-api/users/ada?delay=0.4');
  await page.locator('input[name=url-1]').press('Enter');
  await page.fill('input[name=url-new]', 'sample-api/status/404?delay=0.1');
  await page.click('[data-testid=url-add]');
  await page.locator('[data-testid=url-row][data-index="2"] [data-testid=url-remove]').click();
  assert.deepEqual(await urlsOf(page), ['sample-api/users/github?delay=1.5&body=0.2', 'sample-api/users/ada?delay=0.4', 'sample-api/status/404?delay=0.1']);
  // The ideal run already knows the sample API's 404.
  const ideal = await read(page);
  assert.equal(ideal.rows[2].status, 404);
  assert.equal(ideal.rows[2].error, 'ClientResponseError');
  // Presets.
  await page.click('[data-testid=url-preset][data-preset=chapter]');
  assert.deepEqual(await urlsOf(page), ['https://api.github.com/users/python', 'https://api.github.com/users/github', 'https://api.github.com/users/torvalds']);
  if (offline) {
    assert.equal(await page.locator('[data-testid=network-note]').getAttribute('data-network'), 'offline', 'still says the page is offline');
  }
  await page.click('[data-testid=url-preset][data-preset=sample]');
  assert.equal((await urlsOf(page)).length, 3);
  assert.deepEqual(unexpected(problems), [], `the page reported problems:\n  ${problems.join('\n  ')}`);
});

test('a local server: concurrent total is near the longest request, sequential near the sum', async (t) => {
  const { page, problems } = await open(t);
  const urls = [`${api.url}users/ada?delay=0.3`, `${api.url}users/bob?delay=0.6&body=0.2`, `${api.url}users/cy?delay=0.9`];
  await setUrls(page, urls);
  const sums = { sequential: 300 + 800 + 900, concurrent: 900 };
  const totals = {};
  for (const mode of ['sequential', 'concurrent']) {
    const result = await run(page, problems, { mode });
    assert.equal(result.state, 'done', `${mode}: ${await describePage(page, problems)}`);
    const style = mode === 'sequential' ? 'Synchronous style:' : 'Asynchronous style:';
    assert.equal(result.lines[0], style);
    urls.forEach((url, i) => assert.match(result.lines[i + 1], new RegExp(`^Fetched \\d+ bytes from ${url.replace(/[?.]/g, '\\$&')}$`)));
    assert.deepEqual(result.rows.map((r) => [r.stage, r.status]), [['done', 200], ['done', 200], ['done', 200]]);
    assert.ok(result.rows.every((r, i) => r.chars > 300 && Number(result.lines[i + 1].split(' ')[1]) === r.chars), 'len(data) in the table is the printed one');
    assert.ok(result.rows[1].ms >= 780, `bob's head 0.6 s + body 0.2 s: ${result.rows[1].ms} ms`);
    totals[mode] = result.total;
    assert.ok(result.total >= sums[mode] - 30, `${mode}: ${result.total} ms is at least ${sums[mode]} ms`);
    await screenshot(page, `fetch-local-server-${mode}`);
  }
  // Concurrent overlaps the waits: near the longest (0.9 s), well under the sum (2 s).
  assert.ok(totals.concurrent < sums.sequential - 500, `concurrent ${totals.concurrent} ms vs sequential ${totals.sequential} ms`);
  assert.ok(totals.sequential - totals.concurrent >= 700, `sequential ${totals.sequential} ms should be about 1.1 s longer than concurrent ${totals.concurrent} ms`);
  // The comparison shows both measured totals side by side, and the speedup.
  const real = page.locator('[data-testid=compare-real]');
  assert.equal(Number(await real.getAttribute('data-sequential-ms')), totals.sequential);
  assert.equal(Number(await real.getAttribute('data-concurrent-ms')), totals.concurrent);
  assert.match(await real.textContent(), /concurrent was \d+\.\d× faster/);
  assert.deepEqual(unexpected(problems), [], `the page reported problems:\n  ${problems.join('\n  ')}`);
});

test('failures: 404 and 500, CORS, nothing there, a time-out, each on its lane, in the table and the console', async (t) => {
  const { page, problems } = await open(t);
  const ok = `${api.url}users/ada?delay=0.2`;

  // Sequential, a 404 in the middle: it raises out of the loop; the third URL is never requested.
  await setUrls(page, [ok, `${api.url}status/404?delay=0.1`, `${api.url}users/cy?delay=0.1`]);
  let result = await run(page, problems, { mode: 'sequential' });
  assert.equal(result.state, 'error', await describePage(page, problems));
  assert.equal(result.lines.length, 2, `only the first URL was fetched: ${result.lines}`);
  assert.match(result.error, /ClientResponseError: 404, message='Not Found', url='http:\/\/127\.0\.0\.1:\d+\/status\/404\?delay=0\.1'/);
  assert.deepEqual(result.rows.map((r) => r.stage), ['done', 'failed', 'not-sent']);
  assert.equal(result.rows[1].status, 404);
  assert.match(result.rows[1].why, /raise_for_status/);
  // (A third sub-row is the ideal run's: it predicted a 200 for the 404 and a third call.)
  assert.deepEqual(result.calls.slice(0, 2).map((c) => c.kinds.at(-1)), ['done', 'failed'], 'the sub-rows end done, then failed');
  assert.deepEqual(result.calls[2]?.kinds ?? [], [], 'the third call never happened');
  assert.ok(result.notes.some((n) => n.kind === 'ClientResponseError' && n.text.includes('404')), 'a console note for the 404');
  assert.match(result.gatherNote, /never requested/);
  await screenshot(page, 'fetch-failure-404-sequential');

  // Concurrent, a 500 first: gather raises it at once; leaving `async with` closes the session,
  // and the requests still going fail with "Connector is closed".
  await setUrls(page, [`${api.url}users/slow?delay=2`, `${api.url}status/500?delay=0.2`, `${api.url}users/cy?delay=2`]);
  result = await run(page, problems, { mode: 'concurrent' });
  assert.equal(result.state, 'error');
  assert.match(result.error, /ClientResponseError: 500, message='Internal Server Error'/);
  assert.ok(result.total < 1_500, `gather raised at the 500 (${result.total} ms), without waiting for the 2 s requests`);
  assert.deepEqual(result.rows.map((r) => r.error), ['ClientConnectionError', 'ClientResponseError', 'ClientConnectionError']);
  assert.match(result.rows[0].why, /session closed/);
  const lanes = Object.fromEntries(result.lanes.map((l) => [l.task, kinds(l)]));
  assert.ok(lanes['fetch_url(500)'].has('failed') && lanes['fetch_url(slow)'].has('failed'), 'each lane shows how it ended');
  assert.match(result.gatherNote, /first exception.*does not cancel.*Connector is closed/s);
  assert.equal(result.notes.length, 3, 'one console note per failed request');
  await screenshot(page, 'fetch-failure-500-concurrent');

  // CORS: the server answers without Access-Control-Allow-Origin.
  await setUrls(page, [`${api.url}no-cors?delay=0.1`]);
  result = await run(page, problems);
  assert.equal(result.rows[0].error, 'ClientError');
  assert.match(result.error, /CORS/);
  assert.match(result.rows[0].why, /Python has no such rule/);

  // Nothing listens there.
  await setUrls(page, [`http://127.0.0.1:${closedPort}/nothing`]);
  result = await run(page, problems);
  assert.equal(result.rows[0].error, 'ClientConnectorError');
  assert.match(result.error, new RegExp(`Cannot connect to host 127\\.0\\.0\\.1:${closedPort} ssl:default \\[nothing answered`));

  // A server that never answers: TIMEOUT (1 s here) gives up, and the browser aborts the request.
  await setValue(page, 'timeout', '1');
  assert.equal(await page.locator('[data-testid=code] input[name=timeout]').inputValue(), '1', 'TIMEOUT in the code is 1 s');
  const before = api.requests.length;
  await setUrls(page, [`${api.url}never`, ok]);
  result = await run(page, problems, { mode: 'concurrent' });
  assert.equal(result.state, 'error');
  assert.match(result.error, /TimeoutError/);
  assert.ok(result.total >= 980 && result.total < 3_000, `timed out at ${result.total} ms (TIMEOUT = 1 s)`);
  assert.deepEqual(result.rows.map((r) => r.stage), ['failed', 'done'], 'the fast request finished before the time-out');
  await page.waitForTimeout(300);
  const never = api.requests.slice(before).find((r) => r.path === '/never');
  assert.ok(never?.closedAt, 'the browser aborted the timed-out request (the server saw it close)');
  await screenshot(page, 'fetch-failure-timeout');

  // A body that stops half-way: the same TIMEOUT covers reading it.
  await setUrls(page, [`${api.url}stall-body`]);
  result = await run(page, problems);
  assert.match(result.error, /TimeoutError/);
  assert.equal(result.rows[0].status, 200, 'the head came; the body never finished');
  assert.deepEqual(unexpected(problems), [], `the page reported problems:\n  ${problems.join('\n  ')}`);
});

test('Stop aborts the requests still going, and each lane says where it was stopped', async (t) => {
  const { page, problems } = await open(t);
  await setUrls(page, [`${api.url}never?a`, `${api.url}users/ada?delay=0.1`, `${api.url}never?b`]);
  await page.selectOption('select[name=mode]', 'concurrent');
  await page.selectOption('select[name=speed]', '1');
  const before = api.requests.length;
  await page.locator('[data-testid=run]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=request-row][data-stage=done]'), null, { timeout: 10_000 });
  await page.locator('[data-testid=run]').click(); // Stop
  await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.getAttribute('data-state') === 'idle', null, { timeout: 10_000 });
  const result = await read(page);
  assert.match(result.status, /Stopped/);
  assert.deepEqual(result.rows.map((r) => r.stage), ['cancelled', 'done', 'cancelled']);
  assert.ok(result.notes.filter((n) => n.kind === 'CancelledError').length >= 2, 'the console notes each aborted request');
  for (const task of ['fetch_url(never?a)', 'fetch_url(never?b)']) {
    const lane = result.lanes.find((l) => l.task === task) ?? result.lanes.find((l) => l.task.startsWith('fetch_url(never'));
    assert.ok(lane && kinds(lane).has('cancelled'), `${task} shows it was cancelled: ${JSON.stringify(result.lanes.map((l) => l.task))}`);
  }
  await page.waitForTimeout(300);
  const open_ = api.requests.slice(before).filter((r) => r.path.startsWith('/never') && !r.closedAt);
  assert.deepEqual(open_, [], 'no request of the stopped run is left open');
  await screenshot(page, 'fetch-stop');
  assert.deepEqual(unexpected(problems), [], `the page reported problems:\n  ${problems.join('\n  ')}`);
});

test('no network: other sites fail with a clear message, the sample API still answers', async (t) => {
  const { page, context, problems } = await open(t);
  await sampleApiShown(page);
  await page.waitForFunction(() => navigator.serviceWorker?.controller, null, { timeout: 10_000 });
  await context.setOffline(true);
  await setUrls(page, ['sample-api/users/python?delay=0.2', `${api.url}users/ada?delay=0.1`]);
  // Sequential: the sample API answers first, then the other site fails (gathered, its failure
  // would close the session under the sample API's request).
  const result = await run(page, problems, { mode: 'sequential' });
  assert.deepEqual(result.rows.map((r) => r.stage), ['done', 'failed'], JSON.stringify(result.rows));
  assert.equal(result.rows[1].error, 'ClientConnectorError');
  assert.match(result.rows[1].why, /offline/);
  await context.setOffline(false);
  assert.deepEqual(unexpected(problems), [], `the page reported problems:\n  ${problems.join('\n  ')}`);
});

test('under a sub-path, at 10x: the sample API answers relative to the page, its waits divided by the speed', async (t) => {
  const sub = await startServer({ root: DIST, prefix: '/some/sub/path/' });
  t.after(() => sub.close());
  const { page, context, problems } = await openPage(browser, `${sub.url}#/fetch-urls?mode=concurrent&url=sample-api/users/python?delay%3D2%26body%3D1&url=sample-api/users/torvalds?delay%3D1`);
  t.after(() => context.close());
  await expectVisible(page, '[data-testid=url-list]', 'the URL list', problems);
  const urls = await urlsOf(page);
  if (urls.length !== 2) await setUrls(page, ['sample-api/users/python?delay=2&body=1', 'sample-api/users/torvalds?delay=1']);
  const started = Date.now();
  const result = await run(page, problems, { mode: 'concurrent', speed: 10 });
  const realMs = Date.now() - started;
  assert.equal(result.state, 'done', await describePage(page, problems));
  assert.ok(result.total >= 2_950, `3 s at 1x scale: ${result.total} ms`);
  assert.ok(realMs < 2_900, `at 10x the service worker waited 0.3 s, not 3 s (the run took ${realMs} ms for real)`);
  assert.deepEqual(result.rows.map((r) => r.chars), [1263, 1223]);
  assert.ok(sub.notFound.every((p) => !p.includes('sample-api')), `no sample-api request reached the static host: ${sub.notFound}`);
  assert.deepEqual(unexpected(problems), [], `the page reported problems:\n  ${problems.join('\n  ')}`);
});

test('bodies are shown as text, never as HTML', async (t) => {
  const { page, problems } = await open(t);
  await setUrls(page, ['sample-api/html']);
  await page.evaluate(() => {
    window.__alerts = 0;
    window.alert = () => (window.__alerts += 1);
  });
  const result = await run(page, problems);
  assert.equal(result.state, 'done');
  assert.match(result.rows[0].preview, /<img src="x" onerror=/, 'the markup is shown as text');
  assert.equal(await page.locator('[data-testid=requests] img').count(), 0, 'and never becomes an element');
  assert.equal(await page.evaluate(() => window.__alerts), 0);
  assert.ok(result.rows[0].chars < (await page.evaluate(() => new TextEncoder().encode(document.querySelector('[data-testid=request-preview]').title).length)), 'len(data) counts characters (é, ☕), not bytes');
  assert.deepEqual(unexpected(problems), [], `the page reported problems:\n  ${problems.join('\n  ')}`);
});

test('where service workers cannot run, the page says the sample API is unavailable and its requests fail clearly', async (t) => {
  // As in a private window of some browsers, or on a plain-http host that is not localhost.
  const { page, context, problems } = await openPage(browser, `${site.url}#/fetch-urls`, {}, {
    initScript: () => delete Navigator.prototype.serviceWorker,
  });
  t.after(() => context.close());
  await expectVisible(page, '[data-testid=sample-api-note][data-state=unavailable]', 'the note that the sample API cannot run', problems, 10_000);
  assert.match(await page.locator('[data-testid=sample-api-note]').textContent(), /no service workers/);
  await sampleApiShown(page);
  const result = await run(page, problems, { mode: 'sequential' });
  assert.equal(result.state, 'error');
  assert.equal(result.rows[0].error, 'ClientConnectorError');
  assert.match(result.rows[0].why, /sample API could not answer/);
  assert.deepEqual(unexpected(problems), [], `the page reported problems:\n  ${problems.join('\n  ')}`);
});

test("the virtual clock's copy of the sample API answers what its service worker answers", async (t) => {
  // The ideal run (src/scenarios/sample_api.rs) predicts each sample URL's status and len(); the
  // shipped service worker's own `respond` must agree, URL by URL.
  const { readFile } = await import('node:fs/promises');
  const vm = await import('node:vm');
  const source = await readFile(path.join(DIST, 'sample-api-sw.js'), 'utf8');
  const sandbox = { self: { addEventListener() {} }, URL, TextEncoder, setTimeout };
  vm.createContext(sandbox);
  vm.runInContext(`${source};this.respond = respond;`, sandbox);
  const urls = [
    'sample-api/users/ada', 'sample-api/users/Guido-van-Rossum', 'sample-api/users/PYTHON', 'sample-api/users/a_b',
    'sample-api/status/201', 'sample-api/status/204', 'sample-api/status/418', 'sample-api/status/503', 'sample-api/status/99',
    'sample-api/html', 'sample-api/', 'sample-api/nothing/here', 'sample-api/users/ada?delay=soon',
  ];
  const { page, problems } = await open(t);
  // In two lists (a list holds at most 10).
  await page.selectOption('select[name=mode]', 'concurrent');
  await setUrls(page, urls.slice(0, 7));
  let rows = (await read(page)).rows;
  await setUrls(page, urls.slice(7));
  rows = rows.concat((await read(page)).rows);
  urls.forEach((url, i) => {
    const [status, , , body] = sandbox.respond(new URL(url, 'http://h/p/'), 'http://h/p/sample-api');
    assert.equal(rows[i].status, status, `${url}: the ideal run's status`);
    // A body is read (and its len() known) only without raise_for_status's exception.
    if (status < 400) assert.equal(rows[i].chars, [...body].length, `${url}: len(data)`);
  });
  assert.deepEqual(unexpected(problems), [], `the page reported problems:\n  ${problems.join('\n  ')}`);
});
