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
