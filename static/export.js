// static/export.js: the Export row's work in the DOM (src/browser/export.rs is its Rust face): a
// file download (a Blob behind an `<a download>`), the timeline as a standalone SVG (its CSS
// inlined) and as a PNG (that SVG drawn on a canvas at 2x), and handing a trace to the Perfetto UI
// with its documented `window.open` + PING/PONG + `postMessage` handshake. What is exported (the
// trace, the .py) is built in Rust by the pure `crate::report`; this only delivers it.
//
// Plain JS loaded only when an export is first wanted (static/boot.js's `playgroundImport`), not
// Rust in the app's wasm: none of it is needed to open the page, and in the wasm it was part of
// every first load (issue 7). Errors that explain themselves are thrown as strings: the page shows
// them after "Could not save <file>: ".

const SVG_NS = 'http://www.w3.org/2000/svg';
const PERFETTO_ORIGIN = 'https://ui.perfetto.dev';
// How often to PING the Perfetto window, and how long to wait for its PONG.
const PING_EVERY_MS = 50;
const PONG_WITHIN_MS = 10_000;
// Room under the picture for the note saying which lanes it has.
const NOTE_H = 24;

/** Save `text` as `fileName` (`mime` says what it is). */
export function downloadText(fileName, mime, text) {
  downloadBlob(fileName, new Blob([text], { type: mime }));
}

/** An object URL clicked through a detached `<a download>`. The URL is revoked a little later,
 * not at once: the download reads it after the click returns. */
function downloadBlob(fileName, blob) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Save the timeline on the page as `fileName`, a standalone SVG. */
export function saveTimelineSvg(fileName, title, lanes) {
  downloadText(fileName, 'image/svg+xml', timelineSvg(title, lanes).text);
}

/** Save the timeline on the page as `fileName`, a PNG drawn at 2x. */
export async function saveTimelinePng(fileName, title, lanes) {
  const { text, width, height } = timelineSvg(title, lanes);
  downloadBlob(fileName, await svgToPng(text, width, height, 2));
}

/** A number attribute, as Rust's `parse::<f64>()` reads it: `null` when absent or not a number. */
function number(text) {
  if (text == null || text.trim() === '') return null;
  const value = Number(text);
  return Number.isNaN(value) ? null : value;
}

/**
 * The timeline on the page as a standalone SVG document: its drawing, the hatching patterns it
 * fills bars with (they live in the legend's `<defs>`), and the page's CSS rules that apply to it
 * with the light theme's colours, in a `<style>`, so it looks the same opened on its own. Returns
 * the text and its size in CSS pixels. When the page draws the lanes of a long run in a scrolling
 * box (only the rows near the scroll position exist), the picture has the axis and those rows, cut
 * to them, and says which of `lanes` they are.
 */
function timelineSvg(title, lanes) {
  const root = document.querySelector('[data-testid=timeline]');
  if (!root) throw 'no timeline on the page';
  const scrolled = root.tagName.toLowerCase() !== 'svg';
  const parts = scrolled ? [...root.querySelectorAll('svg.timeline')] : [root];
  const size = (element, name) => number(element.getAttribute(name)) ?? 0;
  const copies = [];
  let note = null;
  for (const part of parts) {
    const copy = part.cloneNode(true);
    const extent = scrolled ? rowsExtent(copy) : null;
    if (extent) {
      // Only the rendered rows, not the empty height the others would fill.
      const { top, bottom, drawn } = extent;
      copy.setAttribute('viewBox', `0 ${top} ${size(copy, 'width')} ${bottom - top}`);
      copy.setAttribute('height', String(bottom - top));
      if (drawn < lanes) {
        note = `${drawn} of the ${lanes} lanes: the ones in view on the page when saved (the trace .json has them all)`;
      }
    }
    copies.push(copy);
  }
  const width = Math.max(1, copies.reduce((widest, copy) => Math.max(widest, size(copy, 'width')), 0));
  const height = Math.max(1, copies.reduce((sum, copy) => sum + size(copy, 'height'), 0)) + (note ? NOTE_H : 0);

  const svg = (name, attributes = {}) => {
    const element = document.createElementNS(SVG_NS, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
    return element;
  };
  const out = svg('svg', { width: String(width), height: String(height), viewBox: `0 0 ${width} ${height}`, class: 'timeline-export' });
  const heading = svg('title');
  heading.textContent = title;
  out.append(heading);
  const style = svg('style');
  const defs = document.querySelector('svg.defs defs');
  style.textContent = cssFor(defs ? [...parts, defs] : parts);
  out.append(style);
  if (defs) out.append(defs.cloneNode(true));
  // A background, as the page has one: transparent would show whatever the viewer puts behind.
  out.append(svg('rect', { width: '100%', height: '100%', fill: '#ffffff' }));
  let y = 0;
  for (const copy of copies) {
    copy.setAttribute('x', '0');
    copy.setAttribute('y', String(y));
    y += size(copy, 'height');
    out.append(copy);
  }
  if (note) {
    // Presentation attributes, not a class: the page may have no rule for it in use.
    const text = svg('text', { x: '12', y: String(y + 16), fill: '#5b6470', 'font-size': '12', 'font-family': 'system-ui, sans-serif' });
    text.textContent = note;
    out.append(text);
  }
  // No XML declaration: UTF-8 is XML's default, and the file starts with `<svg` as people expect.
  return { text: `${new XMLSerializer().serializeToString(out)}\n`, width, height };
}

/** The vertical extent of the rows drawn in `svg` (each a child of `g.lanes` placed with
 * `translate(0,top)`, its background rect giving its height) and how many of them are lanes. */
function rowsExtent(svg) {
  let extent = null;
  for (const row of svg.querySelectorAll('.lanes > g')) {
    const transform = row.getAttribute('transform');
    const top = transform?.startsWith('translate(0,') && transform.endsWith(')') ? number(transform.slice(12, -1)) : null;
    const height = number(row.querySelector('rect')?.getAttribute('height'));
    if (top !== null && height !== null) {
      extent = extent
        ? { top: Math.min(extent.top, top), bottom: Math.max(extent.bottom, top + height) }
        : { top, bottom: top + height };
    }
  }
  return extent && { ...extent, drawn: svg.querySelectorAll('[data-testid=lane]').length };
}

/** The page's style rules that apply to `targets` or inside them, plus `:root`'s (the colour
 * variables). Only top-level rules: the dark theme and the narrow layout are `@media` blocks, and
 * the export is the light theme at the width it was drawn. */
function cssFor(targets) {
  // A selector the DOM cannot evaluate (a vendor pseudo-element) is not ours.
  const safely = (test) => {
    try {
      return test();
    } catch {
      return false;
    }
  };
  let css = '';
  for (const sheet of document.styleSheets) {
    const rules = safely(() => sheet.cssRules);
    if (!rules) continue;
    for (const rule of rules) {
      if (!(rule instanceof CSSStyleRule)) continue;
      const selector = rule.selectorText;
      const applies =
        selector === ':root' ||
        targets.some((t) => safely(() => t.matches(selector)) || safely(() => t.querySelector(selector) !== null));
      if (applies) css += `${rule.cssText}\n`;
    }
  }
  // Whatever the viewer's preference, the picture is the light theme.
  return `${css}:root { color-scheme: light; }\n`;
}

/** The SVG drawn on a canvas at `scale`x, as a PNG. The SVG goes in as a `data:` URL, which the
 * page's Content-Security-Policy already allows for images (`img-src 'self' data:`), and which
 * doesn't taint the canvas. */
async function svgToPng(svg, width, height, scale) {
  const image = new Image();
  const loaded = new Promise((resolve, reject) => {
    image.onload = resolve;
    image.onerror = reject;
  });
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await loaded.catch(() => {
    throw 'the browser could not draw the SVG';
  });
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw 'no 2d canvas';
  context.scale(scale, scale);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.drawImage(image, 0, 0, width, height);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!(blob instanceof Blob)) throw 'the canvas gave no PNG';
  return blob;
}

/**
 * Open ui.perfetto.dev in a new window and hand it `json` (Perfetto's documented deep-linking
 * protocol): the window's message channel is not buffered, so PING it every 50 ms until it answers
 * PONG, then post `{perfetto: {buffer, title, fileName}}` (the trace's UTF-8 bytes). Must be called
 * inside a click: browsers only open windows for a user gesture. `done` hears how it ended, once:
 * `sent`, `blocked` (a pop-up blocker), `no-answer` (no PONG in 10 s: offline?) or `closed` (the
 * window was closed before it answered).
 */
export function openInPerfetto(json, title, fileName, done) {
  let popup = null;
  try {
    popup = window.open(PERFETTO_ORIGIN, '_blank');
  } catch {
    // A browser that throws rather than returning null blocks it just the same.
  }
  if (!popup) return done('blocked');
  const message = { perfetto: { buffer: new TextEncoder().encode(json).buffer, title, fileName } };
  let finished = false;
  const finish = (outcome) => {
    // A message arriving while we finish finds nothing to do.
    if (finished) return;
    finished = true;
    clearInterval(ping);
    clearTimeout(giveUp);
    window.removeEventListener('message', listener);
    done(outcome);
  };
  const listener = (event) => {
    if (event.source === popup && event.origin === PERFETTO_ORIGIN && event.data === 'PONG') {
      popup.postMessage(message, PERFETTO_ORIGIN);
      finish('sent');
    }
  };
  const ping = setInterval(() => {
    if (popup.closed) {
      finish('closed');
    } else {
      // Until the window shows Perfetto it is about:blank, another origin: the browser drops
      // these, which is what the repetition is for.
      popup.postMessage('PING', PERFETTO_ORIGIN);
    }
  }, PING_EVERY_MS);
  const giveUp = setTimeout(() => finish('no-answer'), PONG_WITHIN_MS);
  window.addEventListener('message', listener);
}
