// e2e/links.test.mjs: share links, history, bad links, embed mode and sub-path hosting, on the
// release build (dist/) in Chromium. The link format is README.md's "Links"; its codec is tested
// natively (src/link.rs, tests/link_golden.rs, tests/link_properties.rs). Here: what a person does
// with links in a real browser.
//
//   - edit values → read the link from the address bar → open it in a fresh page → same state
//     (and edits replace the history entry instead of adding one per keystroke);
//   - run=1 runs on open, and leaves the address bar once followed;
//   - Back/Forward move between sections, each with its own edited values;
//   - every kind of bad link shows its notice and a page that works (it runs);
//   - Share copies the link (clipboard granted) or selects it with a visible message (refused or
//     unavailable); Embed gives an <iframe> snippet that works in a course page; embed mode has
//     no navigation; lock=1 keeps the mode but not the values;
//   - the same under /some/sub/path/.
//
// Runs go at 20x with short delays: these tests are about state, not timing, so they only check
// order and that runs end. Screenshots: e2e/screenshots/links-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './serve.mjs';
import { DIST, launchForDist, openPage, describePage, expectVisible, screenshot } from './helpers.mjs';

const SUB_PATH = '/some/sub/path/';
const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };
/** The page's clipboard refuses (as with a denied permission or an iframe without allow=…). */
const CLIPBOARD_DENIED = `Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get: () => ({
  writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')),
}) });`;
/** No Clipboard API at all (an old browser, or a page served over plain http). */
const CLIPBOARD_MISSING = `delete Navigator.prototype.clipboard;`;

let browser;
let server;
let subServer;
before(async () => {
  browser = await launchForDist();
  server = await startServer({ root: DIST, prefix: '/' });
  subServer = await startServer({ root: DIST, prefix: SUB_PATH });
});
after(async () => {
  await browser?.close();
  await server?.close();
  await subServer?.close();
});

/** A fresh page (its own context: no shared history or storage) at `url`, closed when the test ends. */
async function open(t, url, contextOptions = {}, init = {}) {
  const { page, context, problems } = await openPage(browser, url, contextOptions, init);
  t.after(() => context.close());
  await expectVisible(page, '[data-testid=run]', `the app did not render at ${url}`, problems);
  return { page, context, problems };
}

const hashOf = (page) => page.evaluate(() => location.hash);

/** Type a value into the code, as a person does, and leave the field. */
async function setValue(page, name, value) {
  const input = page.locator(`input[name=${name}]`).first();
  await input.fill(value);
  await input.press('Enter');
  await page.waitForFunction(
    ([name, value]) => new RegExp(`[?&]${name}=${value.replace('.', '\\.')}(&|$)`).test(location.hash),
    [name, value],
    { timeout: 5_000 },
  );
}

/** Everything a link is meant to reproduce, as the page shows it. */
function readState(page) {
  return page.evaluate(() => {
    const value = (sel) => document.querySelector(sel)?.value ?? null;
    const checked = (sel) => document.querySelector(sel)?.checked ?? null;
    return {
      section: document.querySelector('[data-testid=section-link][aria-current=page]')?.getAttribute('data-id') ?? null,
      title: document.querySelector('h1')?.textContent ?? null,
      values: Object.fromEntries(
        [...document.querySelectorAll('[data-testid=code] input.param')].map((i) => [i.name, i.value]),
      ),
      code: document.querySelector('[data-testid=code]')?.textContent ?? null,
      mode: value('select[name=mode]'),
      speed: value('select[name=speed]'),
      ideal: checked('input[name=ideal]'),
      compare: checked('input[name=compare]'),
      comparison: !!document.querySelector('[data-testid=comparison]'),
      total: document.querySelector('[data-testid=total]')?.getAttribute('data-ms') ?? null,
      preview: [...document.querySelectorAll('[data-testid=ideal-line]')].map((el) => el.textContent),
    };
  });
}

/** Press Run (at 20x) and wait for the run to end; returns the printed lines. */
async function runToEnd(page, problems, { timeout = 20_000 } = {}) {
  await page.selectOption('select[name=speed]', '20');
  await page.locator('[data-testid=run]').click();
  return waitForEnd(page, problems, timeout);
}

async function waitForEnd(page, problems, timeout = 20_000) {
  await page
    .waitForFunction(() => ['done', 'error'].includes(document.querySelector('[data-testid=status]')?.getAttribute('data-state')), null, {
      timeout,
      polling: 50,
    })
    .catch(async () => assert.fail(`the run did not end within ${timeout / 1000} s\n${await describePage(page, problems)}`));
  return page.evaluate(() => ({
    state: document.querySelector('[data-testid=status]').getAttribute('data-state'),
    lines: [...document.querySelectorAll('[data-testid=line]')].map((el) => el.textContent),
  }));
}

function noProblems(problems) {
  assert.deepEqual(problems, [], `the page reported problems:\n  ${problems.join('\n  ')}`);
}

test('edited values, mode, speed and view survive the trip through a link into a fresh page', async (t) => {
  const { page, problems } = await open(t, server.url + '#/say-hello');
  const historyBefore = await page.evaluate(() => history.length);
  await setValue(page, 'alice', '1.5');
  await setValue(page, 'bob', '0.25');
  // Arrow keys step a value, as in an editor.
  await page.locator('input[name=charlie]').first().press('ArrowUp');
  await page.waitForFunction(() => /charlie=3\.1/.test(location.hash));
  await page.selectOption('select[name=mode]', 'sequential');
  await page.selectOption('select[name=speed]', '5');
  await page.locator('input[name=ideal]').uncheck();
  await page.locator('input[name=compare]').uncheck();
  await page.waitForFunction(() => location.hash.includes('compare=0'));
  assert.equal(
    await page.evaluate(() => history.length),
    historyBefore,
    'edits replace the history entry: Back must not replay every keystroke',
  );

  const link = page.url();
  assert.equal(
    link,
    `${server.url}#/say-hello?alice=1.5&bob=0.25&charlie=3.1&mode=sequential&speed=5&ideal=0&compare=0&v=2`,
  );
  const shown = await readState(page);
  assert.equal(shown.comparison, false, 'compare=0 hides the comparison');

  const fresh = await open(t, link);
  const reopened = await readState(fresh.page);
  assert.deepEqual(reopened, shown, 'the link reopens exactly what was on screen');
  assert.deepEqual(reopened.values, { alice: '1.5', bob: '0.25', charlie: '3.1' });
  assert.equal(await hashOf(fresh.page), new URL(link).hash, 'a valid link is shown as it is');
  assert.equal(await fresh.page.locator('[data-testid=notice]').count(), 0, 'a good link gives no notice');
  // With the ideal overlay off, a real run draws no ideal shapes behind it.
  const ran = await runToEnd(fresh.page, fresh.problems);
  assert.deepEqual(ran.lines, ['Hello, Alice!', 'Hello, Bob!', 'Hello, Charlie!'], 'sequential order');
  assert.equal(await fresh.page.locator('[data-testid=ideal-segment]').count(), 0);
  await fresh.page.locator('input[name=ideal]').check();
  assert.ok((await fresh.page.locator('[data-testid=ideal-segment]').count()) > 0, 'ideal=1 draws it again');
  noProblems(problems);
  noProblems(fresh.problems);
});

test('run=1 runs the shared state on open, then leaves the address bar', async (t) => {
  const { page, problems } = await open(t, server.url + '#/say-hello?alice=0.4&bob=0.2&charlie=0.6&speed=20&run=1&v=1');
  const ended = await waitForEnd(page, problems);
  assert.equal(ended.state, 'done', await describePage(page, problems));
  assert.deepEqual(ended.lines, ['Hello, Bob!', 'Hello, Alice!', 'Hello, Charlie!']);
  const hash = await hashOf(page);
  assert.ok(!hash.includes('run='), `run=1 is an instruction, not a state: the address bar now shows ${hash}`);
  assert.match(hash, /^#\/say-hello\?alice=0\.4&bob=0\.2&charlie=0\.6&mode=concurrent&speed=20&ideal=1&compare=1&v=2$/);
  // A reload (the same address) shows the state without running it again.
  await page.reload();
  await expectVisible(page, '[data-testid=run]', 'after a reload', problems);
  assert.equal(await page.locator('[data-testid=status]').getAttribute('data-state'), 'idle');
  noProblems(problems);
});

test('Back and Forward move between sections, each with its own edits', async (t) => {
  const { page, problems } = await open(t, server.url + '#/say-hello');
  await setValue(page, 'alice', '1.5');
  await page.locator('[data-testid=section-link][data-id=gather]').click();
  await page.waitForFunction(() => location.hash.startsWith('#/gather?'));
  await setValue(page, 'a', '0.5');
  await page.locator('[data-testid=section-link][data-id=background]').click();
  await page.waitForFunction(() => location.hash.startsWith('#/background?'));

  const expectSection = async (id, values, what) => {
    await page.waitForFunction((id) => location.hash.startsWith(`#/${id}?`), id, { timeout: 5_000 });
    await page.waitForFunction(
      (id) => document.querySelector('[data-testid=section-link][aria-current=page]')?.getAttribute('data-id') === id,
      id,
      { timeout: 5_000 },
    );
    const state = await readState(page);
    for (const [name, value] of Object.entries(values)) {
      assert.equal(state.values[name], value, `${what}: ${name}`);
    }
  };
  await page.goBack();
  await expectSection('gather', { a: '0.5', b: '2' }, 'Back to gather');
  await page.goBack();
  await expectSection('say-hello', { alice: '1.5', bob: '1' }, 'Back to say-hello');
  await page.goForward();
  await expectSection('gather', { a: '0.5' }, 'Forward to gather');
  await page.goForward();
  await expectSection('background', { period: '5', main: '10' }, 'Forward to background');
  // The page still works after travelling through history.
  await page.goBack();
  await expectSection('gather', { a: '0.5' }, 'Back to gather again');
  const ran = await runToEnd(page, problems);
  assert.equal(ran.state, 'done');
  assert.equal(ran.lines[0], "['Result A', 'Result B']");
  noProblems(problems);
});

// Each bad link: what it must say, and the nearest valid state it must show instead.
const BAD_LINKS = [
  {
    what: 'an unknown section',
    hash: '#/no-such-section?alice=0.3',
    notice: /a section "no-such-section" that does not exist/,
    section: 'say-hello',
    values: { alice: '0.3' },
  },
  {
    what: 'unknown keys',
    hash: '#/gather?a=0.5&b=0.2&colour=red&theme=dark',
    notice: /"colour" and "theme" are not used/,
    section: 'gather',
    values: { a: '0.5', b: '0.2' },
  },
  {
    what: 'a word instead of a number',
    hash: '#/say-hello?alice=abc&bob=0.2&charlie=0.3',
    notice: /alice="abc" is not a number: using the default 2 s/,
    section: 'say-hello',
    values: { alice: '2', bob: '0.2' },
  },
  {
    what: 'a negative delay',
    hash: '#/say-hello?alice=0.5&bob=-4&charlie=0.3',
    notice: /bob=-4 is below the minimum 0 s: using 0 s/,
    section: 'say-hello',
    values: { bob: '0' },
  },
  {
    what: 'NaN',
    hash: '#/gather?a=NaN&b=0.2',
    notice: /a="NaN" is not a number/,
    section: 'gather',
    values: { a: '1', b: '0.2' },
  },
  {
    what: 'a huge value',
    hash: '#/context-manager?acquire=1e308&release=0.1',
    notice: /acquire=1e308 is above the maximum 60 s: using 60 s/,
    section: 'context-manager',
    values: { acquire: '60' },
    slow: true,
  },
  {
    what: 'a link cut off in a key',
    hash: '#/say-hello?alice=0.5&bob=0.3&charl',
    notice: /looks cut off/,
    section: 'say-hello',
    values: { alice: '0.5', bob: '0.3', charlie: '3' },
  },
  {
    what: 'a link cut off in the section',
    hash: '#/say-he',
    notice: /"say-he" looks cut off/,
    section: 'say-hello',
    values: { alice: '2' },
  },
  {
    what: 'a link encoded twice',
    hash: '#%2Fsay-hello%3Falice%3D0.5%26bob%3D0.3%26charlie%3D0.1',
    notice: /encoded twice/,
    section: 'say-hello',
    values: { alice: '0.5', bob: '0.3', charlie: '0.1' },
  },
  {
    what: 'a value encoded twice',
    hash: '#/gather?a=0%252E5&b=0.1',
    notice: /encoded twice/,
    section: 'gather',
    values: { a: '0.5' },
  },
  {
    what: 'a link from a newer version',
    hash: '#/say-hello?alice=0.5&bob=0.3&charlie=0.1&v=3&theme=dark',
    notice: /newer version of the playground \(v=3\)/,
    section: 'say-hello',
    values: { alice: '0.5' },
  },
  {
    what: 'an address the fetch example must not request',
    hash: '#/fetch-urls?url=javascript:alert(1)&url=sample-api/users/ada',
    notice: /URL 1 \(javascript:alert\(1\)\) is not an http\(s\) address/,
    section: 'fetch-urls',
    values: {},
    fetch: true,
  },
];

for (const bad of BAD_LINKS) {
  test(`a bad link (${bad.what}) shows its notice and a page that works`, async (t) => {
    const { page, problems } = await open(t, server.url + bad.hash);
    const notice = page.locator('[data-testid=notice]');
    await notice.waitFor({ state: 'visible', timeout: 5_000 }).catch(async () =>
      assert.fail(`no notice for ${bad.hash}\n${await describePage(page, problems)}`),
    );
    assert.match(await notice.textContent(), bad.notice);
    const state = await readState(page);
    assert.equal(state.section, bad.section, 'the nearest valid section');
    for (const [name, value] of Object.entries(bad.values)) {
      assert.equal(state.values[name], value, `${name} shows the nearest valid value`);
    }
    // The address bar now holds the corrected link, in place: Back leaves the page rather than
    // returning to the bad link.
    const hash = await hashOf(page);
    assert.match(hash, new RegExp(`^#/${bad.section}\\?.*&v=2$`));
    const historyLength = await page.evaluate(() => history.length);
    if (!bad.fetch) {
      // And it runs.
      const ran = await runToEnd(page, problems, { timeout: bad.slow ? 30_000 : 20_000 });
      assert.equal(ran.state, 'done', await describePage(page, problems));
      assert.ok(ran.lines.length > 0, 'the run printed its lines');
    }
    // The notice can be dismissed.
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    assert.equal(await notice.count(), 0);
    assert.equal(await page.evaluate(() => history.length), historyLength, 'running and dismissing add no history');
    await page.goBack();
    assert.equal(page.url(), 'about:blank', 'the bad link was replaced, not kept behind the corrected one');
    noProblems(problems);
  });
}

test('Share copies the link, confirms it, and the copied link opens the same state', async (t) => {
  const { page, problems } = await open(t, server.url + '#/gather', CLIPBOARD);
  await setValue(page, 'a', '0.3');
  await page.locator('[data-testid=share]').click();
  const status = page.locator('[data-testid=share-panel] [data-testid=copy-status]');
  await page.waitForFunction(() => document.querySelector('[data-testid=share-panel] [data-testid=copy-status]')?.dataset.state === 'copied');
  assert.match(await status.textContent(), /Copied to the clipboard/);
  const field = await page.locator('[data-testid=share-link]').inputValue();
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clipboard, field);
  assert.equal(clipboard, page.url(), 'the shared link is the address bar’s');
  await screenshot(page, 'links-share-copied');

  // Editing with the panel open: the link follows, and the panel says the copy is stale.
  await setValue(page, 'b', '0.2');
  assert.match(await page.locator('[data-testid=share-link]').inputValue(), /a=0\.3&b=0\.2/);
  assert.equal(await status.getAttribute('data-state'), 'changed');

  // "Run it as soon as it opens" adds run=1 and copies again.
  await page.locator('input[name=share-run]').check();
  await page.waitForFunction(() => document.querySelector('[data-testid=share-panel] [data-testid=copy-status]')?.dataset.state === 'copied');
  const withRun = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(withRun, `${server.url}#/gather?a=0.3&b=0.2&speed=1&ideal=1&run=1&v=2`);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('[data-testid=share-panel]').count(), 0, 'Escape closes the panel');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'share', 'focus returns to Share');

  const fresh = await open(t, withRun);
  const ended = await waitForEnd(fresh.page, fresh.problems);
  assert.deepEqual(ended.lines.slice(0, 1), ["['Result A', 'Result B']"]);
  assert.deepEqual((await readState(fresh.page)).values, { a: '0.3', b: '0.2' });
  noProblems(problems);
  noProblems(fresh.problems);
});

for (const [kind, initScript, message] of [
  ['refused', CLIPBOARD_DENIED, /didn't allow copying/],
  ['unavailable', CLIPBOARD_MISSING, /doesn't let the page copy/],
]) {
  test(`Share with the clipboard ${kind}: the link is shown selected, with what to press`, async (t) => {
    const { page, problems } = await open(t, server.url + '#/say-hello?alice=1.5', {}, { initScript });
    await page.locator('[data-testid=share]').click();
    const status = page.locator('[data-testid=share-panel] [data-testid=copy-status]');
    await page.waitForFunction(() => document.querySelector('[data-testid=share-panel] [data-testid=copy-status]')?.dataset.state === 'refused');
    const text = await status.textContent();
    assert.match(text, message);
    assert.match(text, /press Ctrl\+C/);
    const selection = await page.evaluate(() => {
      const field = document.activeElement;
      return { testid: field?.dataset.testid, start: field?.selectionStart, end: field?.selectionEnd, length: field?.value.length, value: field?.value };
    });
    assert.equal(selection.testid, 'share-link', 'the link field has the focus');
    assert.deepEqual([selection.start, selection.end], [0, selection.length], 'the whole link is selected');
    assert.equal(selection.value, page.url());
    assert.ok(await page.locator('[data-testid=share-link]').isVisible());
    if (kind === 'refused') await screenshot(page, 'links-share-refused');
    noProblems(problems);
  });
}

test('on a phone, the Share and Embed panels fit the screen and a tap outside closes them', async (t) => {
  const { page, problems } = await open(t, server.url + '#/say-hello', { ...CLIPBOARD, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  for (const [button, panel] of [['share', 'share-panel'], ['embed', 'embed-panel']]) {
    await page.locator(`[data-testid=${button}]`).click();
    const box = await page.locator(`[data-testid=${panel}]`).boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390 && box.y >= 0 && box.y + box.height <= 844, `${panel} at ${JSON.stringify(box)}`);
    await screenshot(page, `links-${panel}-phone`);
    await page.mouse.click(200, 800);
    assert.equal(await page.locator(`[data-testid=${panel}]`).count(), 0, `a tap outside closes ${panel}`);
  }
  noProblems(problems);
});

test('Embed gives an <iframe> that works inside a course page, with lock and run options', async (t) => {
  const { page, problems } = await open(t, server.url + '#/say-hello?alice=0.3&bob=0.2&charlie=0.1', CLIPBOARD);
  await page.locator('[data-testid=embed]').click();
  const code = page.locator('[data-testid=embed-code]');
  let snippet = await code.inputValue();
  assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/#\/say-hello\?alice=0\.3&amp;bob=0\.2&amp;charlie=0\.1&amp;mode=concurrent&amp;speed=1&amp;ideal=1&amp;compare=1&amp;embed=1&amp;v=2" title="async playground: 44\.2 Basic example" width="100%" height="\d+"/);
  await page.locator('input[name=embed-lock]').check();
  await page.locator('input[name=embed-run]').check();
  snippet = await code.inputValue();
  assert.match(snippet, /&amp;run=1&amp;embed=1&amp;lock=1&amp;v=2"/);
  await page.locator('[data-testid=embed-panel] [data-testid=copy]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=embed-panel] [data-testid=copy-status]')?.dataset.state === 'copied');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);
  await screenshot(page, 'links-embed-panel');

  // A course page with the snippet pasted in.
  const course = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
  t.after(() => course.close());
  const host = await course.newPage();
  const hostProblems = [];
  host.on('pageerror', (e) => hostProblems.push(`page error: ${e.message}`));
  host.on('console', (m) => m.type() === 'error' && hostProblems.push(`console error: ${m.text()}`));
  await host.setContent(`<!doctype html><html><body style="font-family:sans-serif;margin:24px 40px">
    <h1>Week 7: asyncio</h1><p>Run the example, then change Bob's delay.</p>${snippet}<p>Next: gather.</p></body></html>`);
  const frame = host.frameLocator('iframe');
  await frame.locator('[data-testid=run]').waitFor({ state: 'visible', timeout: 20_000 });
  await frame.locator('[data-testid=status][data-state=done]').waitFor({ timeout: 20_000 });
  const inside = await host.frames()[1].evaluate(() => ({
    nav: document.querySelectorAll('[data-testid=section-link], nav, .topbar').length,
    lines: [...document.querySelectorAll('[data-testid=line]')].map((el) => el.textContent),
    modeDisabled: document.querySelector('select[name=mode]')?.disabled,
    locked: !!document.querySelector('[data-testid=locked]'),
    height: document.documentElement.scrollHeight,
  }));
  assert.equal(inside.nav, 0, 'no navigation inside the embed');
  assert.deepEqual(inside.lines, ['Hello, Charlie!', 'Hello, Bob!', 'Hello, Alice!'], 'run=1 ran it in the course page');
  assert.ok(inside.modeDisabled && inside.locked, 'lock=1: the mode is fixed and says so');
  const frameHeight = Number(/height="(\d+)"/.exec(snippet)[1]);
  console.log(`# embed of 44.2 at ${await host.evaluate(() => document.querySelector('iframe').clientWidth)} px wide: content ${inside.height} px, iframe ${frameHeight} px`);
  await screenshot(host, 'links-embed-course-page');
  noProblems(problems);
  noProblems(hostProblems);
});

test('embed mode shows only the code, controls and timeline; lock=1 keeps the mode, not the values', async (t) => {
  const { page, problems } = await open(t, server.url + '#/say-hello?alice=0.3&bob=0.2&charlie=0.1&mode=sequential&embed=1&lock=1', {
    viewport: { width: 1000, height: 800 },
  });
  // The drawing comes a frame after the Run button (README "Hooks"): its width is measured first.
  await expectVisible(page, '[data-testid=timeline]', 'the embed drew no timeline', problems);
  const present = await page.evaluate(() => ({
    nav: document.querySelectorAll('nav, [data-testid=section-link]').length,
    topbar: document.querySelectorAll('.topbar, .footer, .intro, [data-testid=share], [data-testid=embed]').length,
    code: !!document.querySelector('[data-testid=code]'),
    timeline: !!document.querySelector('[data-testid=timeline]'),
    run: !!document.querySelector('[data-testid=run]'),
    speed: !!document.querySelector('select[name=speed]'),
    modeDisabled: document.querySelector('select[name=mode]')?.disabled,
    title: document.querySelector('h1')?.textContent,
    full: document.querySelector('[data-testid=open-full]')?.getAttribute('href'),
  }));
  assert.equal(present.nav, 0, 'no navigation');
  assert.equal(present.topbar, 0, 'no top bar, intro, footer, Share or Embed');
  assert.ok(present.code && present.timeline && present.run && present.speed, JSON.stringify(present));
  assert.equal(present.modeDisabled, true, 'lock=1 keeps the mode');
  assert.equal(present.title, '44.2 Basic example');
  assert.equal(present.full, `${server.url}#/say-hello?alice=0.3&bob=0.2&charlie=0.1&mode=sequential&speed=1&ideal=1&compare=1&v=2`, 'the way out opens the same state, unlocked');
  // The values stay editable, and the address keeps embed=1&lock=1 (a reload stays embedded).
  await setValue(page, 'bob', '0.4');
  assert.match(await hashOf(page), /bob=0\.4&.*&embed=1&lock=1&v=2$/);
  const ran = await runToEnd(page, problems);
  assert.deepEqual(ran.lines, ['Hello, Alice!', 'Hello, Bob!', 'Hello, Charlie!']);
  await screenshot(page, 'links-embed-mode');
  noProblems(problems);
});

test('the Embed snippet is tall enough to show each section down to the end of its timeline', async (t) => {
  const { page, problems } = await open(t, server.url + '#/coroutine');
  const embed = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  t.after(() => embed.close());
  const frame = await embed.newPage();
  for (const id of ['coroutine', 'say-hello', 'fetch-urls', 'gather', 'background', 'context-manager', 'cpu-vs-io', 'many-tasks']) {
    await page.locator(`[data-testid=section-link][data-id="${id}"]`).click();
    await page.waitForFunction((id) => location.hash.startsWith(`#/${id}?`), id);
    await page.locator('[data-testid=embed]').click();
    const snippet = await page.locator('[data-testid=embed-code]').inputValue();
    await page.locator('[data-testid=embed]').click();
    const height = Number(/height="(\d+)"/.exec(snippet)[1]);
    const src = /src="([^"]+)"/.exec(snippet)[1].replaceAll('&amp;', '&');
    // An iframe 1000 px wide and `height` tall, as the snippet makes it.
    await frame.setViewportSize({ width: 1000, height });
    await frame.goto(src);
    await frame.locator('[data-testid=timeline]').waitFor({ timeout: 20_000 });
    await frame.waitForTimeout(100); // the timeline is drawn at its measured width
    const measured = await frame.evaluate(() => ({
      timeline: Math.ceil(document.querySelector('.timeline-pane').getBoundingClientRect().bottom + scrollY),
      all: document.documentElement.scrollHeight,
    }));
    console.log(`# embed of ${id} at 1000 px: iframe ${height} px, timeline ends at ${measured.timeline} px, page ${measured.all} px`);
    assert.ok(
      measured.timeline <= height,
      `${id}: the snippet's height ${height} px cuts the timeline (it ends at ${measured.timeline} px): update embed_height in src/link.rs`,
    );
  }
  // 44.3 checks whether the page is online by asking api.github.com: offline here, as expected.
  noProblems(problems.filter((p) => !p.includes('api.github.com') && !p.includes('ERR_NAME_NOT_RESOLVED')));
});

test('under /some/sub/path/: a shared link opens there, runs, and Share links back under the sub-path', async (t) => {
  const link = `${subServer.url}#/gather?a=0.3&b=0.1&speed=20&ideal=1&run=1&v=1`;
  const { page, problems } = await open(t, link, CLIPBOARD);
  const ended = await waitForEnd(page, problems);
  assert.equal(ended.state, 'done', await describePage(page, problems));
  assert.equal(ended.lines[0], "['Result A', 'Result B']");
  assert.ok(page.url().startsWith(`${subServer.url}#/gather?`), page.url());
  await page.locator('[data-testid=share]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=share-panel] [data-testid=copy-status]')?.dataset.state === 'copied');
  const shared = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(shared, `${subServer.url}#/gather?a=0.3&b=0.1&speed=20&ideal=1&v=2`);
  const fresh = await open(t, shared);
  assert.deepEqual((await readState(fresh.page)).values, { a: '0.3', b: '0.1' });
  const embedded = await open(t, shared.replace('&v=2', '&embed=1&v=2'));
  assert.equal(await embedded.page.locator('[data-testid=section-link]').count(), 0);
  assert.deepEqual(subServer.notFound, [], 'every asset was found under the sub-path');
  noProblems(problems);
  noProblems(fresh.problems);
  noProblems(embedded.problems);
});
