// e2e/cpu-worker.test.mjs: 44.5 "Concurrency vs parallelism" for real, in Chromium, on the release
// build. Blocking mode runs the CPU-bound work as a busy loop on the page's own thread, so the I/O
// tasks' timers fire late by about the length of the work; worker mode runs the same work in a
// Web Worker running this project's own wasm (static/worker.js → the app's JS and _bg.wasm; the
// worker's side is src/browser/cpu_worker_thread.rs), in parallel, so the I/O tasks stay on time.
//
// Timing checks are one-sided and generous (the machine is shared): blocking must make io1 wait at
// least most of the work; in a worker io1 must not be anywhere near that late.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describePage, screenshot, servedSite } from './helpers.mjs';

// Under a sub-path: the worker's script and wasm must be found relative to the page.
const site = servedSite({ prefix: '/some/sub/path/' });

const WORK_MS = 1_000;
const IO1_MS = 100;

async function run(page, problems, mode) {
  await page.selectOption('select[name=mode]', mode);
  await page.selectOption('select[name=speed]', '1');
  // How responsive the page stays during the run: the longest gap between two ticks of a 10 ms
  // interval (a page whose thread is held cannot tick).
  await page.evaluate(() => {
    const probe = { last: performance.now(), longestGap: 0 };
    probe.interval = setInterval(() => {
      const now = performance.now();
      probe.longestGap = Math.max(probe.longestGap, now - probe.last);
      probe.last = now;
    }, 10);
    window.cpuWorkerProbe = probe;
  });
  await page.locator('[data-testid=run]').click();
  await page
    .waitForFunction(() => ['done', 'error'].includes(document.querySelector('[data-testid=status]')?.getAttribute('data-state')), null, { timeout: 20_000, polling: 50 })
    .catch(async () => assert.fail(`the ${mode} run did not end\n${await describePage(page, problems)}`));
  return page.evaluate(() => ({
    longestGap: (clearInterval(window.cpuWorkerProbe.interval), window.cpuWorkerProbe.longestGap),
    state: document.querySelector('[data-testid=status]')?.getAttribute('data-state'),
    lines: [...document.querySelectorAll('[data-testid=line]')].map((el) => ({ text: el.textContent, ms: Number(el.getAttribute('data-t-ms')) })),
    total: Number(document.querySelector('[data-testid=total]')?.getAttribute('data-ms')),
    lanes: Object.fromEntries(
      [...document.querySelectorAll('[data-testid=lane]')].map((lane) => [
        lane.getAttribute('data-task'),
        [...lane.querySelectorAll('[data-testid=segment]')].map((s) => ({
          kind: s.getAttribute('data-kind'),
          ms: Number(s.getAttribute('data-end-ms')) - Number(s.getAttribute('data-start-ms')),
          title: s.querySelector('title')?.textContent ?? '',
        })),
      ]),
    ),
  }));
}

test('44.5: blocking work makes the I/O timers late by about the work; in the Rust Web Worker they stay on time', async (t) => {
  const { page, context, problems } = await site.open(t, '#/cpu-vs-io?work=1&io1=0.1&io2=0.6');
  const requested = [];
  context.on('request', (request) => requested.push(new URL(request.url()).pathname));

  const blocking = await run(page, problems, 'blocking');
  assert.equal(blocking.state, 'done', await describePage(page, problems));
  const io1 = blocking.lines.find((l) => l.text.startsWith('io1 woke up'));
  assert.ok(io1.ms >= WORK_MS * 0.95, `blocking: io1 asked for ${IO1_MS} ms but could only wake after the work: ${io1.ms} ms`);
  const late = blocking.lanes.io1.filter((s) => s.kind === 'late').reduce((sum, s) => sum + s.ms, 0);
  assert.ok(late >= (WORK_MS - IO1_MS) * 0.9, `blocking: io1's lane shows it late by about the work: ${late} ms`);
  assert.ok(blocking.lanes.cpu.some((s) => s.kind === 'cpu'), 'the cpu lane holds the thread');
  assert.ok(blocking.longestGap >= WORK_MS * 0.8, `blocking: the page itself froze for the work (longest gap ${blocking.longestGap} ms)`);
  await screenshot(page, 'cpu-worker-blocking');

  const worker = await run(page, problems, 'worker');
  assert.equal(worker.state, 'done', await describePage(page, problems));
  // The work ran in the project's Rust worker, loaded relative to the page (here a sub-path), and
  // the worker ran the app's own wasm (no second wasm on the site).
  assert.ok(requested.includes('/some/sub/path/worker.js'), `the worker's script was loaded: ${requested}`);
  assert.ok(requested.some((p) => /^\/some\/sub\/path\/async-playground-[0-9a-f]+_bg\.wasm$/.test(p)), `and the app's WebAssembly: ${requested}`);
  const io1w = worker.lines.find((l) => l.text.startsWith('io1 woke up'));
  const io2w = worker.lines.find((l) => l.text.startsWith('io2 woke up'));
  const done = worker.lines.find((l) => l.text.startsWith('CPU work done'));
  assert.ok(io1w.ms - IO1_MS < 250, `worker: io1 on time (asked ${IO1_MS} ms, woke at ${io1w.ms} ms)`);
  assert.ok(io2w.ms - 600 < 250, `worker: io2 on time (asked 600 ms, woke at ${io2w.ms} ms)`);
  assert.ok(io1w.ms < io1.ms - 500, `worker: io1 (${io1w.ms} ms) far earlier than when blocked (${io1.ms} ms)`);
  assert.ok(done.ms >= WORK_MS * 0.95, `the work itself still took its second (${done.ms} ms)`);
  assert.ok(worker.lines.indexOf(io2w) < worker.lines.indexOf(done), 'the I/O tasks finished while the work went on in parallel');
  // The function itself ran in the worker (its interpreter, its clock): the page never froze,
  // and the console holds exactly the program's lines (cpu_work prints nothing).
  assert.ok(worker.longestGap < 200, `worker: the page stayed responsive during the work (longest gap ${worker.longestGap} ms)`);
  assert.deepEqual(
    worker.lines.map((l) => l.text.replace(/[0-9.]+s\b/g, 'Ns')),
    ['io1 woke up at Ns (asked for Ns)', 'io2 woke up at Ns (asked for Ns)', 'CPU work done at Ns', 'Time: Ns'],
    'worker: the console holds the program\'s lines, in order',
  );
  console.log(`longest gap in the page: blocking ${blocking.longestGap.toFixed(0)} ms, worker ${worker.longestGap.toFixed(0)} ms`);
  const waiting = worker.lanes.cpu.find((s) => s.kind === 'waiting');
  assert.match(waiting?.title ?? '', /another thread \(a Web Worker\)/, 'the cpu lane says the work ran on another thread');
  await screenshot(page, 'cpu-worker-worker');

  // Stop in the middle of the work: the worker is terminated and the run ends at once.
  await page.locator('[data-testid=run]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.getAttribute('data-state') === 'running');
  await page.waitForTimeout(300);
  await page.locator('[data-testid=run]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.getAttribute('data-state') === 'idle', null, { timeout: 3_000 });
  assert.deepEqual(problems, [], `the page reported problems:\n  ${problems.join('\n  ')}`);
});
