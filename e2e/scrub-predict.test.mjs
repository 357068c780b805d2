// e2e/scrub-predict.test.mjs: scrubbing a run (a cursor through time: the console, task states and
// the link follow it) and predict mode (guess the order and the total, run, see each guess marked).
//
// Hooks (README "Hooks"): [data-testid=scrubber] (data-ms, data-event), input[name=t] (the slider;
// ← → step event by event, Home/End), scrub-start/-prev/-next/-end, scrub-time, scrub-event,
// task-state (data-task, data-state), timeline's scrub-cursor (data-ms); predict-toggle,
// predict-card (data-text, data-right), predict-up/-down, input[name=predict-total],
// predict-verdict, predict-total-verdict (data-right), predict-score, preview-hidden.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describePage, expectVisible, screenshot, servedSite } from './helpers.mjs';

const site = servedSite();
const open = site.open;

async function runToEnd(page, problems) {
  await page.selectOption('select[name=speed]', '20');
  await page.click('[data-testid=run]');
  await page
    .waitForFunction(() => ['done', 'error'].includes(document.querySelector('[data-testid=status]')?.dataset.state), null, {
      timeout: 30_000,
    })
    .catch(async (e) => assert.fail(`the run did not end: ${e.message}\n${await describePage(page, problems)}`));
}

const texts = (page, selector) => page.$$eval(selector, (els) => els.map((el) => el.textContent.trim()));
const taskStates = (page) =>
  page.$$eval('[data-testid=task-state]', (els) => Object.fromEntries(els.map((el) => [el.dataset.task, el.dataset.state])));

test('a link with t= opens the preview at that moment: console, task states and cursor agree', async (t) => {
  const { page, problems } = await open(t, '#/say-hello?alice=2&bob=1&charlie=3&mode=concurrent&speed=1&ideal=1&t=1.5&v=1');
  await expectVisible(page, '[data-testid=scrub-time]', 'no scrubber readout', problems);
  assert.equal(await page.textContent('[data-testid=scrub-time]'), 't = 1.500 s');
  assert.deepEqual(await texts(page, '[data-testid=ideal-line]'), ['Hello, Bob!'], 'only the lines printed by 1.5 s');
  assert.deepEqual(await taskStates(page), { main: 'waiting', task1: 'waiting', task2: 'done', task3: 'waiting' });
  assert.equal(await page.getAttribute('[data-testid=scrub-cursor]', 'data-ms'), '1500', 'the timeline draws the cursor');
  assert.equal(await page.inputValue('input[name=t]'), '1500');
  await screenshot(page, 'scrub-link-1.5s');
  assert.deepEqual(problems, []);
});

test('after a real run, arrows step event by event and the address keeps the moment', async (t) => {
  const { page, problems } = await open(t, '#/say-hello');
  await runToEnd(page, problems);
  const slider = page.locator('input[name=t]');
  await slider.focus();
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.querySelector('[data-testid=scrubber]')?.dataset.event === '0');
  assert.deepEqual(await texts(page, '[data-testid=line]'), [], 'nothing printed before the start');
  // Step until the first line appears: the event that printed it is named.
  let steps = 0;
  while ((await page.$$('[data-testid=line]')).length === 0 && steps < 60) {
    await page.keyboard.press('ArrowRight');
    steps += 1;
    await page.waitForFunction((n) => document.querySelector('[data-testid=scrubber]')?.dataset.event === String(n), steps);
  }
  assert.deepEqual(await texts(page, '[data-testid=line]'), ['Hello, Bob!']);
  assert.match(await page.textContent('[data-testid=scrub-event]'), /task2.*Hello, Bob!/);
  const states = await taskStates(page);
  assert.equal(states.task1, 'waiting', JSON.stringify(states));
  assert.equal(states.task3, 'waiting', JSON.stringify(states));
  // One step back: the line is gone again.
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=line]').length === 0);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=line]').length === 1);
  await page.waitForFunction(() => /[?&]t=\d/.test(location.hash));
  const ms = Number(await page.getAttribute('[data-testid=scrubber]', 'data-ms'));
  assert.ok(ms >= 900 && ms <= 3_000, `the first line came at ${ms} ms`);
  const shared = await page.evaluate(() => location.href);
  await screenshot(page, 'scrub-after-run');

  // The moment survives a reload of the address (on the preview: the same moment of the ideal run).
  const { page: other, problems: otherProblems } = await open(t, new URL(shared).hash);
  await expectVisible(other, '[data-testid=scrub-time]', 'no scrubber on the shared link', otherProblems);
  assert.equal(await other.getAttribute('[data-testid=scrubber]', 'data-ms'), String(ms));
  assert.deepEqual(await texts(other, '[data-testid=ideal-line]'), ['Hello, Bob!']);

  // End: the whole run again, and t= leaves the address.
  await page.click('[data-testid=scrub-end]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=line]').length === 3);
  await page.waitForFunction(() => !/[?&]t=/.test(location.hash));
  assert.deepEqual(problems, []);
  assert.deepEqual(otherProblems, []);
});

test('the slider moves the cursor by time', async (t) => {
  const { page, problems } = await open(t, '#/say-hello');
  await expectVisible(page, 'input[name=t]', 'no slider', problems);
  await page.locator('input[name=t]').fill('2500');
  await page.waitForFunction(() => document.querySelector('[data-testid=scrubber]')?.dataset.ms === '2500');
  assert.deepEqual(await texts(page, '[data-testid=ideal-line]'), ['Hello, Bob!', 'Hello, Alice!']);
  assert.equal((await taskStates(page)).task3, 'waiting');
  assert.match(await page.evaluate(() => location.hash), /[?&]t=2\.5(&|$)/);
  assert.deepEqual(problems, []);
});

test('predict mode hides the preview, then marks each guess with its reason', async (t) => {
  const { page, problems } = await open(t, '#/say-hello?alice=2&bob=1&charlie=3&mode=concurrent&speed=20&ideal=1&predict=1&v=1');
  await expectVisible(page, '[data-testid=predict-card]', 'no cards to order', problems);
  assert.equal(await page.$$eval('[data-testid=ideal-line]', (els) => els.length), 0, 'the preview gives the answer away');
  await expectVisible(page, '[data-testid=preview-hidden]', 'the timeline is not hidden', problems);
  assert.equal(await page.$$eval('[data-testid=total]', (els) => els.length), 0, 'the ideal total gives the answer away');
  const cards = () => page.$$eval('[data-testid=predict-card]', (els) => els.map((el) => el.dataset.text));
  assert.deepEqual(await cards(), ['Hello, Alice!', 'Hello, Bob!', 'Hello, Charlie!'], 'dealt in code order');
  // Bob up with the button, then Charlie up and back down with Alt+arrows.
  await page.locator('[data-testid=predict-card]').nth(1).locator('[data-testid=predict-up]').click();
  assert.deepEqual(await cards(), ['Hello, Bob!', 'Hello, Alice!', 'Hello, Charlie!']);
  await page.locator('[data-testid=predict-card]').nth(2).focus();
  await page.keyboard.press('Alt+ArrowUp');
  assert.deepEqual(await cards(), ['Hello, Bob!', 'Hello, Charlie!', 'Hello, Alice!']);
  await page.locator('[data-testid=predict-card]').nth(1).focus();
  await page.keyboard.press('Alt+ArrowDown');
  assert.deepEqual(await cards(), ['Hello, Bob!', 'Hello, Alice!', 'Hello, Charlie!']);
  await page.fill('input[name=predict-total]', '-1');
  assert.match(await page.textContent('[data-testid=predict-total-error]'), /“-1” is not a time/);
  await page.fill('input[name=predict-total]', '3');
  assert.equal(await page.$$eval('[data-testid=predict-total-error]', (els) => els.length), 0, 'the message goes once corrected');
  await screenshot(page, 'predict-before');
  await runToEnd(page, problems);
  await expectVisible(page, '[data-testid=predict-score]', 'no score after the run', problems);
  const rights = await page.$$eval('[data-testid=predict-card]', (els) => els.map((el) => el.dataset.right));
  assert.deepEqual(rights, ['true', 'true', 'true']);
  assert.equal(await page.getAttribute('[data-testid=predict-total-verdict]', 'data-right'), 'true');
  assert.equal(await page.textContent('[data-testid=predict-score]'), '3 of 3 lines in the right place · total right');
  assert.match((await texts(page, '[data-testid=predict-verdict]'))[0], /Hello, Bob!” is line 1: task2 prints it at .*sleep\(1\)/);
  await screenshot(page, 'predict-scored');

  // Again, with the code-order guess and the sum as total: both wrong, each with why.
  await page.click('[data-testid=predict-again]');
  await expectVisible(page, '[data-testid=preview-hidden]', 'the preview is shown again before the new guess', problems);
  await page.fill('input[name=predict-total]', '6');
  await runToEnd(page, problems);
  await expectVisible(page, '[data-testid=predict-score]', 'no score after the second run', problems);
  const verdicts = await texts(page, '[data-testid=predict-verdict]');
  assert.match(verdicts[0], /Hello, Alice!” is line 2, not 1/);
  assert.equal(await page.getAttribute('[data-testid=predict-total-verdict]', 'data-right'), 'false');
  assert.match(await page.textContent('[data-testid=predict-total-verdict]'), /overlap/);
  assert.equal(await page.textContent('[data-testid=predict-score]'), '1 of 3 lines in the right place · total not quite');
  assert.deepEqual(problems, []);
});

test('predict mode: a measured time is a card without its number, and the real run scores it', async (t) => {
  const { page, problems } = await open(t, '#/gather?a=1&b=2&speed=20&ideal=1&predict=1&v=1');
  await expectVisible(page, '[data-testid=predict-card]', 'no cards to order', problems);
  const cards = await page.$$eval('[data-testid=predict-card]', (els) => els.map((el) => el.dataset.text));
  assert.deepEqual(cards, ["['Result A', 'Result B']", 'Time: …s'], 'the card must not give the total away');
  await runToEnd(page, problems);
  await expectVisible(page, '[data-testid=predict-score]', 'no score after the run', problems);
  // The real run printed "Time: 2.0Xs": still the same line, in the right place.
  const rights = await page.$$eval('[data-testid=predict-card]', (els) => els.map((el) => el.dataset.right));
  assert.deepEqual(rights, ['true', 'true']);
  assert.deepEqual(problems, []);
});
