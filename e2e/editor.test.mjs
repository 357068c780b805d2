// e2e/editor.test.mjs: the code editor on the release build (dist/) in Chromium — what a person
// does with the code itself.
//
//   - typing with the keyboard (not only fill): Enter keeps the indentation, Tab/Shift+Tab indent,
//     the ideal timeline and console follow the text, and the edit runs for real;
//   - a syntax error is underlined and explained under its line, the last good timeline stays
//     (greyed), and the page keeps working once the error is fixed;
//   - the code survives a reload (a draft in localStorage) and a link wins over a draft, which the
//     page offers back; Reset brings the chapter's code back and Ctrl+Z undoes the Reset;
//   - Share's link carries the code (v=2, code=) into a fresh browser context;
//   - the values panel lists a literal of the person's code, and sliding it rewrites the code;
//   - every gallery program opens by its link and runs;
//   - Escape then Tab leaves the editor (a keyboard user is never trapped).
//
// Screenshots: e2e/screenshots/editor-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedSite, screenshot, describePage } from './helpers.mjs';

const site = servedSite();
const open = (t, hash, ...rest) => site.open(t, hash, ...rest);
const editor = (page) => page.locator('textarea[name=code]');
const idealLines = (page) => page.locator('[data-testid=ideal-line]').allTextContents();

function noProblems(problems) {
  assert.deepEqual(problems, [], `the page reported problems:\n  ${problems.join('\n  ')}`);
}

/** Run the page's program and wait for its end; returns the console's lines. */
async function runToEnd(page, problems) {
  await page.locator('[data-testid=run]').click();
  try {
    await page.waitForFunction(
      () => ['done', 'error'].includes(document.querySelector('[data-testid=status]')?.getAttribute('data-state')),
      null,
      { timeout: 30_000 },
    );
  } catch (e) {
    throw new Error(`the run did not end:\n${await describePage(page, problems)}`);
  }
  return page.locator('[data-testid=line]').allTextContents();
}

test('typing with the keyboard: indentation keys, the preview follows, and the edit runs for real', async (t) => {
  const { page, problems } = await open(t, '#/code?speed=20');
  const code = editor(page);
  await code.click();
  await page.keyboard.press('Control+End');
  const before = await idealLines(page);
  // Enter after a colon opens a block; the next Enter keeps its indentation.
  await page.keyboard.type('async def extra():');
  await page.keyboard.press('Enter');
  assert.match(await code.inputValue(), /async def extra\(\):\n {4}$/, 'Enter adds a level after a colon');
  await page.keyboard.type('print("typed")');
  await page.keyboard.press('Enter');
  assert.match(await code.inputValue(), /print\("typed"\)\n {4}$/, 'Enter keeps the indentation');
  // Shift+Tab dedents the new line; Tab and Shift+Tab move a selected line.
  await page.keyboard.press('Shift+Tab');
  assert.match(await code.inputValue(), /print\("typed"\)\n$/);
  await page.keyboard.type('asyncio.run(extra())');
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid=ideal-line]')].some((l) => l.textContent === 'typed'),
  );
  const after = await idealLines(page);
  assert.deepEqual(after, [...before, 'typed'], 'the ideal console follows the text');
  assert.ok(await page.locator('[data-testid=code-modified]').isVisible(), 'the code is marked modified');
  await page.keyboard.press('Home');
  await page.keyboard.press('Tab');
  assert.match(await code.inputValue(), /\n {4}asyncio\.run\(extra\(\)\)$/, 'Tab indents the line');
  await page.keyboard.press('Shift+Tab');
  assert.match(await code.inputValue(), /\nasyncio\.run\(extra\(\)\)$/, 'Shift+Tab dedents it');
  await page.waitForFunction(() => location.hash.includes('code=') && location.hash.includes('v=2'));
  const ran = await runToEnd(page, problems);
  assert.equal(ran.at(-1), 'typed', 'the typed code runs for real');
  // Escape, then Tab, leaves the editor.
  await code.focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'code', 'Esc, Tab leaves');
  noProblems(problems);
});

test('a syntax error is shown where it is, the last good timeline stays, and the page keeps working', async (t) => {
  const { page, problems } = await open(t, '#/say-hello');
  const code = editor(page);
  const good = await code.inputValue();
  // The timeline is drawn a frame after the page is ready (README "Hooks"): wait for it.
  await page.locator('[data-testid=segment]').first().waitFor();
  const segments = await page.locator('[data-testid=segment]').count();
  await code.fill(good.replace('async def main():', 'async def main(:'));
  const error = page.locator('[data-testid=error]');
  await error.waitFor({ state: 'visible', timeout: 5_000 });
  assert.match(await error.textContent(), /SyntaxError|invalid syntax|never closed|expected/i);
  const line = Number(await error.getAttribute('data-line'));
  const col = Number(await error.getAttribute('data-col'));
  const lines = good.split('\n');
  assert.equal(lines[line - 1].trim().startsWith('async def main'), true, `data-line ${line} is the broken line`);
  assert.ok(col >= 1, 'data-col is a column');
  assert.ok(await page.locator('.editor .wrong').count() >= 1, 'the place is underlined');
  assert.equal(await page.locator('[data-testid=segment]').count(), segments, 'the last good timeline stays');
  assert.ok(await page.locator('.timeline-pane.stale, [data-stale=true]').count() >= 1, 'greyed out as stale');
  await screenshot(page, 'editor-syntax-error');
  await code.fill(good);
  await error.waitFor({ state: 'detached', timeout: 5_000 });
  assert.deepEqual(await idealLines(page), ['Hello, Bob!', 'Hello, Alice!', 'Hello, Charlie!']);
  noProblems(problems);
});

test('the code survives a reload; a link wins over a draft, which is offered back; Reset is undoable', async (t) => {
  const { page, problems } = await open(t, '#/gather');
  const code = editor(page);
  const original = await code.inputValue();
  const edited = original.replace('return "Result A"', 'return "Mine"');
  await code.fill(edited);
  await page.waitForFunction(() => location.hash.includes('code='));
  // A reload keeps it (the address has it), and so does opening the bare section again: the
  // draft kept in this browser comes back, and the page says so.
  await page.reload();
  await code.waitFor();
  await page.waitForFunction((text) => document.querySelector('textarea[name=code]')?.value === text, edited);
  await page.goto(site.url + '#/say-hello');
  await page.waitForFunction(() => document.querySelector('textarea[name=code]')?.value.includes('say_hello'));
  await page.goto(site.url + '#/gather');
  await page.waitForFunction((text) => document.querySelector('textarea[name=code]')?.value === text, edited);
  assert.ok(await page.locator('[data-testid=draft-restored][data-state=restored]').isVisible(), 'the page says the draft was restored');

  // A link with its own values wins; the draft is set aside and one click brings it back.
  await page.goto(site.url + '#/gather?a=1.5&b=2&v=1');
  const linked = original.replace('sleep(1)', 'sleep(1.5)');
  await page.waitForFunction((text) => document.querySelector('textarea[name=code]')?.value === text, linked);
  const aside = page.locator('[data-testid=draft-restored][data-state=set-aside]');
  await aside.waitFor({ timeout: 5_000 });
  await aside.locator('button').first().click();
  await page.waitForFunction((text) => document.querySelector('textarea[name=code]')?.value === text, edited);

  // Reset, then Ctrl+Z: the edit is back.
  await page.waitForFunction(() => document.querySelector('[data-testid=reset-code]'));
  await page.locator('[data-testid=reset-code]').click();
  await page.waitForFunction((text) => document.querySelector('textarea[name=code]')?.value === text, original);
  assert.equal(await page.locator('[data-testid=code-modified]').count(), 0);
  await code.focus();
  await page.keyboard.press('Control+z');
  await page.waitForFunction((text) => document.querySelector('textarea[name=code]')?.value === text, edited);
  noProblems(problems);
});

test("Share's link carries the code, values and moment into a fresh browser context", async (t) => {
  const { page, problems } = await open(t, '#/say-hello');
  const code = editor(page);
  await code.fill((await code.inputValue()).replace('Hello, {name}!', 'Hi {name}!'));
  await page.locator('input[name=bob]').first().fill('0.5');
  await page.locator('input[name=bob]').first().press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=ideal-line]')].some((l) => l.textContent === 'Hi Bob!'));
  await page.locator('[data-testid=share]').click();
  const link = await page.locator('[data-testid=share-link]').inputValue();
  assert.match(link, /[?&]code=[A-Za-z0-9_-]+/);
  assert.match(link, /[?&]v=2/);
  const shown = await code.inputValue();
  const fresh = await site.browser.newContext();
  t.after(() => fresh.close());
  const other = await fresh.newPage();
  await other.goto(link);
  await other.locator('textarea[name=code]').waitFor();
  assert.equal(await other.locator('textarea[name=code]').inputValue(), shown, 'same code');
  assert.equal(await other.locator('input[name=bob]').first().inputValue(), '0.5', 'same values');
  assert.deepEqual(await idealLines(other), await idealLines(page), 'same preview');
  noProblems(problems);
});

test('a link with code runs its preview at once but its real run waits for a click, even with run=1', async (t) => {
  // The link as README's node one-liner builds it.
  const { deflateRawSync } = await import('node:zlib');
  const program = 'import asyncio\n\nasync def main():\n    await asyncio.sleep(0.2)\n    print("from a link")\n\nasyncio.run(main())\n';
  const code = deflateRawSync(Buffer.from(program), { level: 9 }).toString('base64url');
  const { page, problems } = await open(t, `#/code?speed=20&run=1&code=${code}&v=2`);
  assert.equal(await editor(page).inputValue(), program, 'the link\'s code is in the editor');
  assert.deepEqual(await idealLines(page), ['from a link'], 'the preview ran at once');
  await page.locator('[data-testid=run-waits]').waitFor();
  assert.equal(await page.locator('[data-testid=status]').getAttribute('data-state'), 'idle', 'no real run by itself');
  const ran = await runToEnd(page, problems);
  assert.deepEqual(ran, ['from a link'], 'a click runs it');
  assert.equal(await page.locator('[data-testid=run-waits]').count(), 0);
  noProblems(problems);
});

test('the values panel lists the literals of the code; sliding one rewrites the code', async (t) => {
  const { page, problems } = await open(t, '#/code');
  const sliders = page.locator('[data-testid=value-slider]');
  assert.ok((await sliders.count()) >= 2);
  const first = sliders.first();
  const line = Number(await first.getAttribute('data-line'));
  assert.ok(line >= 1);
  await first.focus();
  await page.keyboard.press('ArrowRight');
  const text = await editor(page).inputValue();
  const value = await first.inputValue();
  assert.ok(text.split('\n')[line - 1].includes(value), `line ${line} now has ${value}: ${text.split('\n')[line - 1]}`);
  noProblems(problems);
});

test('every gallery program opens by its link and runs', async (t) => {
  const { page, problems } = await open(t, '#/code');
  const ids = await page.locator('[data-testid=section-link]').evaluateAll((links) =>
    links.map((l) => l.getAttribute('data-id')).filter((id) => id.startsWith('gallery-')),
  );
  assert.ok(ids.length >= 12, `at least 12 gallery programs, found ${ids.length}`);
  for (const id of ids) {
    await page.goto(`${site.url}#/${id}?speed=20`);
    await page.waitForFunction((id) => location.hash.startsWith(`#/${id}`), id);
    await editor(page).waitFor();
    const ran = await runToEnd(page, problems);
    assert.ok(ran.length > 0, `${id} printed something`);
  }
  await screenshot(page, 'editor-gallery-after-run');
  noProblems(problems);
});

test('on a phone, the editor fits and takes typing', async (t) => {
  const { page, problems } = await open(t, '#/say-hello', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const code = editor(page);
  await code.tap();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# a note from a phone');
  await page.waitForFunction(() => location.hash.includes('code='));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page does not scroll sideways (${overflow}px)`);
  await screenshot(page, 'editor-phone-edit');
  noProblems(problems);
});
