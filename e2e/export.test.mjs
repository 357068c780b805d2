// e2e/export.test.mjs: the Export row under the timeline (issue 9 part 3), on a release build
// (E2E_DIST=dist-export to test another folder), through its hooks:
//
//   [data-testid=export-json|export-perfetto|export-svg|export-png|export-py]  the buttons (disabled
//                                           during a run, with the reason in aria-describedby)
//   [data-testid=export-message]            what happened (data-state idle|working|done|problem)
//
// After a real run at 20x of 44.1.1 and of 44.4.2 (a task cancelled), each download is checked:
// the trace JSON parses and has one thread_name track per lane of the page; the SVG starts with
// <svg, has the SVG namespace and, opened on its own, shows the lanes with the page's colours;
// the PNG is a real PNG at 2x; the .py, run with python3, prints the page's console lines
// (measured seconds within a tolerance, 0x… addresses aside). "Open in Perfetto" is checked
// against a fake ui.perfetto.dev (context.route) that answers PING with PONG and keeps what it is
// sent; a blocked pop-up and a window that never answers must each show a message.
// Screenshots: e2e/screenshots/export-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SCREENSHOTS, describePage, screenshot, servedSite } from './helpers.mjs';

const run = promisify(execFile);
/**
 * Measured seconds in printed lines (`Time: 1.00s`, `at 0.30s`) may differ this much: the page's
 * run is at 20x, so 10 ms of real timer jitter on a busy machine shows as 0.2 s.
 */
const SECONDS_TOLERANCE = Number(process.env.E2E_EXPORT_TOLERANCE ?? 0.5);

/**
 * The sections exported: 44.1.1 at its defaults, 44.4.2 shortened (its task is cancelled): its
 * prints (0, 0.4, 0.8 s) and the cancel (1 s) are 0.2 s apart, run at 2x: 100 ms of real time.
 * Each sleep starts when the last one ended, so real lateness adds up; at 20x a loaded machine
 * drifted past the cancel (15 ms of real margin) and printed one line fewer than python3.
 */
const SECTIONS = [
  { id: 'coroutine', hash: '#/coroutine?delay=2&speed=20', stem: 'async-playground-44.1.1-coroutine' },
  { id: 'background', hash: '#/background?period=0.4&main=1&speed=2', stem: 'async-playground-44.4.2-background' },
];

const site = servedSite({ ready: '[data-testid=export-json]', readyWhat: 'the export row did not render' });
const open = site.open;
let scratch;
let python = true;
before(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'export-e2e-'));
  python = await run('python3', ['--version']).then(() => true, () => false);
});
after(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Run the section and wait for it to end; checks the buttons are disabled meanwhile. */
async function runToEnd(page, problems) {
  await page.locator('[data-testid=run]').click();
  // Seen in one look at the page (the run at 20x may take only 100 ms): while the status says
  // running, the buttons are disabled and say why.
  const seen = await page.waitForFunction(() => {
    const state = document.querySelector('[data-testid=status]')?.getAttribute('data-state');
    const button = document.querySelector('[data-testid=export-json]');
    if (state !== 'running') return state === 'idle' ? null : { running: false };
    const why = document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
    return { running: true, disabled: button.disabled, why };
  });
  const during = await seen.jsonValue();
  if (during.running) {
    assert.equal(during.disabled, true, 'export-json is disabled during the run');
    assert.match(during.why, /when the run ends/, 'the reason is given through aria-describedby');
  }
  try {
    await page.waitForFunction(
      () => document.querySelector('[data-testid=status]')?.getAttribute('data-state') === 'done',
      null,
      { timeout: 30_000 },
    );
  } catch {
    throw new Error(`the run did not end\n${await describePage(page, problems)}`);
  }
  assert.equal(await page.locator('[data-testid=export-json]').isEnabled(), true, 'export-json is enabled once the run is done');
}

/** Click `testid` and return the download: its suggested name and where it was saved. */
async function download(page, testid, saveAs) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid=${testid}]`).click()]);
  const target = path.join(scratch, saveAs ?? file.suggestedFilename());
  await file.saveAs(target);
  return { name: file.suggestedFilename(), path: target };
}

const lanesOf = (page) =>
  page.locator('[data-testid=timeline] [data-testid=lane]').evaluateAll((els) => els.map((e) => e.dataset.task));
const consoleLines = (page) =>
  page.locator('[data-testid=line]').evaluateAll((els) => els.map((e) => e.textContent));

/** The tracks of a trace: thread_name per tid. */
function tracks(trace) {
  assert.ok(Array.isArray(trace.traceEvents), 'traceEvents is an array');
  const names = trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name');
  return names.map((e) => ({ tid: e.tid, name: e.args.name }));
}

function assertTracksMatchLanes(trace, lanes, what) {
  const named = tracks(trace);
  assert.equal(named.length, lanes.length, `${what}: one thread_name per lane (${JSON.stringify(named)} vs ${lanes})`);
  assert.equal(new Set(named.map((t) => t.tid)).size, named.length, `${what}: each track its own tid`);
  lanes.forEach((lane, i) => {
    const track = named.find((t) => t.tid === i + 1);
    assert.ok(track?.name.startsWith(lane), `${what}: track ${i + 1} ${JSON.stringify(track)} is lane ${lane}`);
  });
}

/** A line with its 0x… addresses hidden and its measured seconds taken out. */
function normalise(line) {
  const secs = [];
  const text = line
    .replace(/0x[0-9a-f]+/gi, '0x…')
    .replace(/(Time: |at )(\d+\.\d+)s/g, (_, prefix, n) => {
      secs.push(Number(n));
      return `${prefix}⟨secs⟩s`;
    });
  return { text, secs };
}

for (const section of SECTIONS) {
  test(`${section.id}: every export of a real run`, async (t) => {
    const { page, problems } = await open(t, section.hash);
    await runToEnd(page, problems);
    const lanes = await lanesOf(page);
    assert.ok(lanes.length >= 1, 'the page draws lanes');
    const label = await page.locator('.export-bar').textContent();
    assert.match(label, /Export the real run/);

    // The trace.
    const json = await download(page, 'export-json');
    assert.equal(json.name, `${section.stem}.json`);
    const trace = JSON.parse(await readFile(json.path, 'utf8'));
    assertTracksMatchLanes(trace, lanes, 'trace .json');
    assert.equal(trace.displayTimeUnit, 'ms');
    const processName = trace.traceEvents.find((e) => e.ph === 'M' && e.name === 'process_name');
    assert.match(processName.args.name, /^async playground — 44\./);
    const printed = trace.traceEvents.filter((e) => e.cat === 'print').map((e) => e.args.text);
    assert.deepEqual(printed.sort(), (await consoleLines(page)).sort(), 'one print instant per console line');
    if (section.id === 'background') {
      assert.ok(trace.traceEvents.some((e) => e.ph === 'i' && e.name === 'cancelled'), 'the cancellation is an instant');
    }
    assert.match(await page.locator('[data-testid=export-message]').textContent(), /Saved .*\.json.*chrome:\/\/tracing/);

    // The timeline as SVG, then opened on its own.
    const svg = await download(page, 'export-svg');
    assert.equal(svg.name, `${section.stem}-timeline.svg`);
    const svgText = await readFile(svg.path, 'utf8');
    assert.ok(svgText.startsWith('<svg'), `the SVG starts with <svg: ${svgText.slice(0, 80)}`);
    assert.match(svgText.slice(0, 300), /xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svgText, /<style>[^<]*--c-running/, 'the colours travel with it');
    // Screenshot first: a page in a background tab may never paint for one.
    await screenshot(page, `export-${section.id}-page`);
    const alone = await page.context().newPage();
    await alone.goto('file://' + svg.path);
    const reopened = await alone.evaluate(() => {
      const lanes = [...document.querySelectorAll('[data-testid=lane]')].map((e) => e.dataset.task);
      const bar = document.querySelector('[data-testid=segment] rect');
      return { root: document.documentElement.tagName, lanes, fill: bar && getComputedStyle(bar).fill };
    });
    assert.equal(reopened.root, 'svg');
    assert.deepEqual(reopened.lanes, lanes, 'the SVG alone shows the same lanes');
    assert.ok(reopened.fill && reopened.fill !== 'rgb(0, 0, 0)', `segments keep their style (fill ${reopened.fill})`);
    await alone.screenshot({ path: path.join(SCREENSHOTS, `export-${section.id}-svg.png`) });
    await alone.close();
    await page.bringToFront();

    // The timeline as PNG: the signature, 2x the SVG's width, not a blank image.
    const png = await download(page, 'export-png');
    assert.equal(png.name, `${section.stem}-timeline.png`);
    const bytes = await readFile(png.path);
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    const svgWidth = Number(/width="([\d.]+)"/.exec(svgText)[1]);
    assert.equal(bytes.readUInt32BE(16), Math.ceil(svgWidth * 2), 'drawn at 2x');
    assert.ok(bytes.length > 8_000, `a real picture, not an empty canvas (${bytes.length} bytes)`);
    await copyFile(png.path, path.join(SCREENSHOTS, `export-${section.id}-timeline.png`));

    // The section as a .py that python3 runs, printing what the page printed.
    const py = await download(page, 'export-py');
    assert.equal(py.name, `${section.stem}.py`);
    const script = await readFile(py.path, 'utf8');
    assert.match(script, /^# async playground — 44\./);
    assert.match(script, /# The same run on the page: http:\/\/127\.0\.0\.1:\d+\/#\//);
    if (!python) {
      t.diagnostic('python3 not found: the .py was not run');
    } else {
      const { stdout } = await run('python3', [py.path], { timeout: 60_000 });
      const got = stdout.replace(/\n$/, '').split('\n').map(normalise);
      const want = (await consoleLines(page)).map(normalise);
      assert.deepEqual(got.map((l) => l.text), want.map((l) => l.text), `python3 ${py.name} prints the console's lines`);
      got.forEach((line, i) =>
        line.secs.forEach((s, j) =>
          assert.ok(
            Math.abs(s - want[i].secs[j]) <= SECONDS_TOLERANCE,
            `line ${i}: python3 measured ${s}s, the page ${want[i].secs[j]}s`,
          ),
        ),
      );
    }
    await screenshot(page, `export-${section.id}-page`);
    assert.deepEqual(problems, [], 'no page error, CSP violation or failed request');
  });
}

/** A stand-in for ui.perfetto.dev: PONG to every PING, and keep the trace it is sent. */
const FAKE_PERFETTO = `<!doctype html><title>fake Perfetto</title><script>
  window.addEventListener('message', (e) => {
    if (e.data === 'PING') { window.__pings = (window.__pings || 0) + 1; e.source.postMessage('PONG', '*'); return; }
    if (e.data && e.data.perfetto) {
      const p = e.data.perfetto;
      window.__received = { title: p.title, fileName: p.fileName, isBuffer: p.buffer instanceof ArrayBuffer,
        text: new TextDecoder().decode(p.buffer), origin: e.origin };
    }
  });
</script>`;
const SILENT_PERFETTO = '<!doctype html><title>a Perfetto that never answers</title>';

test('Open in Perfetto: PING until PONG, then the trace as an ArrayBuffer', async (t) => {
  const { page, context, problems } = await open(t, SECTIONS[1].hash);
  await context.route((url) => url.hostname === 'ui.perfetto.dev', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: FAKE_PERFETTO }),
  );
  await runToEnd(page, problems);
  const lanes = await lanesOf(page);
  const [popup] = await Promise.all([
    context.waitForEvent('page'),
    page.locator('[data-testid=export-perfetto]').click(),
  ]);
  await popup.waitForFunction(() => window.__received, null, { timeout: 15_000 });
  const received = await popup.evaluate(() => ({ ...window.__received, pings: window.__pings }));
  assert.equal(new URL(popup.url()).origin, 'https://ui.perfetto.dev');
  assert.ok(received.isBuffer, 'buffer is an ArrayBuffer');
  assert.ok(received.pings >= 1, 'it was PINGed');
  assert.equal(received.fileName, `${SECTIONS[1].stem}.json`);
  assert.match(received.title, /^async playground — 44\.4\.2/);
  assertTracksMatchLanes(JSON.parse(received.text), lanes, 'the trace sent to Perfetto');
  const message = page.locator('[data-testid=export-message]');
  await page.waitForFunction(() => document.querySelector('[data-testid=export-message]')?.dataset.state === 'done');
  assert.match(await message.textContent(), /Sent to Perfetto/);
  assert.deepEqual(problems, []);
});

test('Open in Perfetto: a blocked pop-up says so and offers the .json', async (t) => {
  const { page, problems } = await open(t, SECTIONS[0].hash, {}, { initScript: () => (window.open = () => null) });
  await page.locator('[data-testid=export-perfetto]').click();
  const message = page.locator('[data-testid=export-message][data-state=problem]');
  await message.waitFor({ timeout: 5_000 });
  const text = await message.textContent();
  assert.match(text, /blocked/);
  assert.match(text, /\.json/);
  assert.match(text, /chrome:\/\/tracing/);
  await screenshot(page, 'export-perfetto-blocked');
  assert.deepEqual(problems, []);
});

test('Open in Perfetto: no PONG within 10 s says so', async (t) => {
  const { page, context, problems } = await open(t, SECTIONS[0].hash);
  await context.route((url) => url.hostname === 'ui.perfetto.dev', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: SILENT_PERFETTO }),
  );
  const [popup] = await Promise.all([
    context.waitForEvent('page'),
    page.locator('[data-testid=export-perfetto]').click(),
  ]);
  assert.equal(await page.locator('[data-testid=export-message]').getAttribute('data-state'), 'working');
  const message = page.locator('[data-testid=export-message][data-state=problem]');
  await message.waitFor({ timeout: 15_000 });
  assert.match(await message.textContent(), /did not answer within 10 s.*\.json/);
  await popup.close();
  assert.deepEqual(problems, []);
});

test('many tasks: the preview exports too, with the lanes drawn in the scrolling box', async (t) => {
  const { page, problems } = await open(t, '#/many-tasks?n=100&spread=0.5');
  assert.match(await page.locator('.export-bar').textContent(), /Export the ideal run/);
  // The scrolling box draws its rows once it knows its size: wait for them.
  await page.locator('[data-testid=timeline] [data-testid=lane]').first().waitFor();
  const drawn = await page.locator('[data-testid=timeline] [data-testid=lane]').count();
  const svg = await download(page, 'export-svg', 'many-tasks.svg');
  const text = await readFile(svg.path, 'utf8');
  assert.ok(text.startsWith('<svg'));
  const alone = await page.context().newPage();
  await alone.goto('file://' + svg.path);
  const lanes = await alone.locator('[data-testid=lane]').count();
  await alone.screenshot({ path: path.join(SCREENSHOTS, 'export-many-tasks-svg.png') });
  await alone.close();
  await page.bringToFront();
  assert.equal(lanes, drawn, 'the lanes the page has drawn are in the picture');
  const png = await download(page, 'export-png', 'many-tasks.png');
  const bytes = await readFile(png.path);
  assert.equal(bytes.toString('latin1', 1, 4), 'PNG');
  const trace = JSON.parse(await readFile((await download(page, 'export-json', 'many-tasks.json')).path, 'utf8'));
  assert.equal(tracks(trace).length, 101, 'every task has its track, drawn or not (100 workers and main)');
  assert.deepEqual(problems, []);
});
