// e2e/insight.test.mjs: what the loop sees (issue 16): who awaits whom at a moment (the await tree
// and the timeline's arrows), where each task is stopped (the editor's margin), the resources'
// lanes, each task's figures, and asyncio's warnings at their moment.
//
// Hooks (README "Hooks"): [data-testid=await-tree], [data-testid=task-line] (data-task,
// data-line), [data-testid=resource-lane] (data-resource, data-kind), [data-testid=warning]
// (data-kind, data-ms, data-line), [data-testid=task-stats] (data-task, data-steps, data-busy-ms,
// data-idle-ms).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectVisible, screenshot, servedSite } from './helpers.mjs';

const site = servedSite();
const open = site.open;

const markers = (page) =>
  page.$$eval('[data-testid=task-line]', (els) => els.map((el) => `${el.dataset.task}:${el.dataset.line}`).sort());

test('44.2 at t = 0.5 s: main awaits gather, which awaits task1, task2 and task3, each at say_hello line 5', async (t) => {
  const { page, problems } = await open(t, '#/say-hello?t=0.5');
  await expectVisible(page, '[data-testid=await-tree]', 'no await tree', problems);
  const tree = await page.textContent('[data-testid=await-tree]');
  const lines = tree.split('\n').map((l) => l.replace(/^[\s│├└─]+/, '').trim()).filter(Boolean);
  assert.deepEqual(lines.slice(0, 3), ['(T) main', 'main <playground>:17', 'asyncio.gather'], tree);
  for (const name of ['task1', 'task2', 'task3']) {
    const at = lines.indexOf(`(T) ${name}`);
    assert.ok(at > 2, `${name} is under the gather:\n${tree}`);
    assert.equal(lines[at + 1], 'say_hello <playground>:5', tree);
  }
  // The editor's margin: each task at the line it is stopped at.
  assert.deepEqual(await markers(page), ['main:17', 'task1:5', 'task2:5', 'task3:5']);
  // The timeline draws the three awaits at the cursor.
  assert.equal(await page.locator('[data-testid=timeline] .await-link').count(), 3);
  await page.locator('[data-testid=code]').scrollIntoViewIfNeeded();
  await screenshot(page, 'insight-task-lines');
  assert.deepEqual(problems, []);
});

test('stepping moves the markers; at the end of the run nothing is pending', async (t) => {
  const { page, problems } = await open(t, '#/say-hello?t=1.5');
  await expectVisible(page, '[data-testid=await-tree]', 'no await tree', problems);
  // task2 (Bob, 1 s) is done by 1.5 s: its marker is gone, its branch too.
  assert.deepEqual(await markers(page), ['main:17', 'task1:5', 'task3:5']);
  assert.doesNotMatch(await page.textContent('[data-testid=await-tree]'), /task2/);
  await page.click('[data-testid=scrub-end]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=task-line]').length === 0);
  assert.match(await page.textContent('[data-testid=await-tree]'), /no pending tasks/);
  assert.deepEqual(problems, []);
});

test('hovering a lane marks the lines its task waited at', async (t) => {
  const { page, problems } = await open(t, '#/say-hello');
  await expectVisible(page, '[data-testid=lane][data-task=task2]', 'no lane', problems);
  assert.equal(await page.locator('.editor-tm.hovered').count(), 0);
  await page.locator('[data-testid=lane][data-task=task2]').hover({ force: true });
  await page.waitForFunction(() => document.querySelectorAll('.editor-tm.hovered').length === 1);
  const line = await page.$$eval('.editor-tm', (els) => els.findIndex((el) => el.classList.contains('hovered')) + 1);
  assert.equal(line, 5, 'say_hello awaits at line 5');
  await page.mouse.move(0, 0);
  await page.waitForFunction(() => document.querySelectorAll('.editor-tm.hovered').length === 0);
  assert.deepEqual(problems, []);
});

const lanes = (page) =>
  page.$$eval('[data-testid=resource-lane]', (els) =>
    els.map((el) => ({ resource: el.dataset.resource, kind: el.dataset.kind, holders: el.dataset.holders, waiters: el.dataset.waiters })),
  );

test('the Lock example shows who holds the lock and who waits, in the order they came', async (t) => {
  const { page, problems } = await open(t, '#/gallery-lock?t=0.15');
  await expectVisible(page, '[data-testid=resource-lane]', 'no resource lane', problems);
  assert.deepEqual(await lanes(page), [
    {
      resource: 'lock',
      kind: 'lock',
      holders: 'deposit_locked(ann)',
      waiters: 'deposit_locked(bob), deposit_locked(cat), deposit_locked(dan), deposit_locked(eve)',
    },
  ]);
  // A tenth of a second later ann has released it and bob, first in line, holds it.
  await page.click('[data-testid=scrub-end]');
  await page.locator('input[name=t]').fill('250');
  await page.waitForFunction(() => document.querySelector('[data-testid=resource-lane]')?.dataset.holders === 'deposit_locked(bob)');
  assert.equal((await lanes(page))[0].waiters, 'deposit_locked(cat), deposit_locked(dan), deposit_locked(eve)');
  await page.locator('[data-testid=resource-lane]').scrollIntoViewIfNeeded();
  await screenshot(page, 'insight-lock-lane');
  assert.deepEqual(problems, []);
});

test("the Queue example's lane rises and falls as the program's own output says", async (t) => {
  const { page, problems } = await open(t, '#/gallery-queue');
  await expectVisible(page, '[data-testid=resource-lane][data-resource=queue]', 'no queue lane', problems);
  assert.equal(await page.getAttribute('[data-testid=resource-lane][data-resource=queue]', 'data-kind'), 'queue');
  const changes = await page.$$eval('[data-testid=resource-lane][data-resource=queue] [data-testid=resource-change]', (els) =>
    els.map((el) => ({ op: el.dataset.op, level: Number(el.dataset.level), ms: Number(el.dataset.ms) })),
  );
  // What CPython prints: "put job 3 (queue size 1)" after each put.
  const printed = await page.$$eval('[data-testid=ideal-line]', (els) =>
    els.map((el) => el.textContent.match(/put job \d \(queue size (\d)\)/)).filter(Boolean).map((m) => Number(m[1])),
  );
  assert.deepEqual(printed, [1, 1, 1, 2, 2]);
  assert.deepEqual(changes.filter((c) => c.op === 'put').map((c) => c.level), printed);
  // Each get takes one out: the level falls back to empty.
  const gets = changes.filter((c) => c.op === 'get');
  assert.equal(gets.length, 5);
  assert.ok(gets.every((g, i) => g.level < changes.filter((c) => c.op === 'put')[i].level + 2));
  assert.equal(Math.max(...changes.map((c) => c.level)), 2, 'maxsize=2');
  assert.equal(changes.filter((c) => c.op !== 'task_done').at(-1).level, 0);
  assert.deepEqual(problems, []);
});

const warningsOf = (page) =>
  page.$$eval('[data-testid=warning]', (els) =>
    els.map((el) => ({ kind: el.dataset.kind, ms: Number(el.dataset.ms), line: el.dataset.line, text: el.textContent })),
  );

test('time.sleep in a coroutine: the slow-step warning names blocking_nap, at 1.5 s, at line 15', async (t) => {
  const { page, problems } = await open(t, '#/gallery-blocking-sleep');
  await expectVisible(page, '[data-testid=warning]', 'no warning', problems);
  const all = await warningsOf(page);
  const slow = all.filter((w) => w.kind === 'slow-step');
  assert.equal(slow.length, 1, JSON.stringify(all));
  assert.equal(slow[0].ms, 1500);
  assert.equal(slow[0].line, '15');
  assert.match(slow[0].text, /Executing <Task finished name='Task-3' coro=<blocking_nap\(\) done.*took 1\.500 seconds/);
  assert.match(slow[0].text, /blocking_nap\(\)$/, 'the task it is about');
  assert.deepEqual(all.filter((w) => w.kind === 'blocking-sleep').map((w) => w.line), ['15']);
  // On the timeline, a mark at 1.5 s.
  assert.ok(await page.locator('[data-testid=warning-mark][data-kind=slow-step][data-ms="1500"]').count() === 1);
  // Before 1.5 s, the slow step has not happened yet.
  await page.locator('input[name=t]').fill('1000');
  await page.waitForFunction(() => ![...document.querySelectorAll('[data-testid=warning]')].some((w) => w.dataset.kind === 'slow-step'));
  assert.deepEqual(problems, []);
});

test('forgetting await: the never-awaited warning at its line, linking to the page that explains it', async (t) => {
  const { page, problems } = await open(t, '#/gallery-forgot-await');
  await expectVisible(page, '[data-testid=warning]', 'no warning', problems);
  const never = (await warningsOf(page)).filter((w) => w.kind === 'never-awaited');
  assert.equal(never.length, 1);
  assert.equal(never[0].line, '14', 'save("first") without await');
  assert.equal(never[0].ms, 0);
  assert.match(never[0].text, /RuntimeWarning: coroutine 'save' was never awaited/);
  // In the learner's own code, the warning follows the edit, and links to the gallery's page.
  await page.goto(page.url().replace(/#.*/, '#/code'));
  await page.locator('textarea[name=code]').fill(
    'import asyncio\n\nasync def save():\n    await asyncio.sleep(1)\n\nasync def main():\n    save()\n    await asyncio.sleep(2)\n\nasyncio.run(main())\n',
  );
  await page.waitForFunction(() => document.querySelector('[data-testid=warning][data-kind=never-awaited]')?.dataset.line === '7');
  assert.equal(await page.getAttribute('[data-testid=warning][data-kind=never-awaited] a', 'href'), '#/gallery-forgot-await');
  assert.deepEqual(problems, []);
});

test('tasks in figures: turns, busy and idle time per task, sortable', async (t) => {
  const { page, problems } = await open(t, '#/say-hello?table=1');
  await expectVisible(page, '[data-testid=task-stats]', 'no task figures', problems);
  const rows = () =>
    page.$$eval('[data-testid=task-stats]', (els) =>
      els.map((el) => [el.dataset.task, Number(el.dataset.steps), Number(el.dataset.busyMs), Number(el.dataset.idleMs)]),
    );
  assert.deepEqual(await rows(), [
    ['main', 2, 0, 3000],
    ['task1', 2, 0, 2000],
    ['task2', 2, 0, 1000],
    ['task3', 2, 0, 3000],
  ]);
  // Sorted by idle time, longest first.
  await page.click('.stats-table th:nth-child(5) button');
  assert.deepEqual((await rows()).map((r) => r[0]), ['main', 'task3', 'task1', 'task2']);
  assert.deepEqual(problems, []);
});

test('during a real run the margin and the tree follow the live loop', async (t) => {
  const { page, problems } = await open(t, '#/say-hello');
  await page.locator('[data-testid=run]').click();
  // While the run goes on (3 s at 1x), the tasks are marked where they wait.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=task-line][data-line="5"]').length >= 2, null, { timeout: 2_500 });
  assert.equal(await page.getAttribute('[data-testid=status]', 'data-state'), 'running');
  assert.match(await page.textContent('[data-testid=await-tree]'), /\(T\) task3\n.*say_hello <playground>:5/);
  await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.dataset.state === 'done', null, { timeout: 10_000 });
  assert.equal(await page.locator('[data-testid=task-line]').count(), 0, 'nothing is stopped once the run is over');
  assert.deepEqual(problems, []);
});
