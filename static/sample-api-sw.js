// sample-api-sw.js: the playground's built-in sample API, a service worker.
//
// It answers GET requests to `sample-api/…` (relative to the page, so the site works under any
// sub-path) after the waits the URL asks for — `delay`: seconds until the status line and headers,
// `body`: seconds the body then takes, streamed in pieces — so the page's fetch() is a real round
// trip through the browser that the page waits for, offline too. Every other request goes to the
// network untouched. The page sends its speed in the X-Playground-Speed header (only to this API):
// every wait is divided by it, like the run's other waits.
//
// The answers must be exactly those of src/scenarios/sample_api.rs (the virtual clock's copy of
// this API, which predicts the ideal run): same statuses, same bodies, character for character.
// e2e/fetch.test.mjs checks that a real run prints the ideal run's lines.
'use strict';

const MAX_WAIT = 60;
const FILLER = "Sample text standing in for a real profile, so that this response is as long as the chapter's. ";
const REASONS = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found',
  304: 'Not Modified', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 408: 'Request Timeout', 409: 'Conflict', 410: 'Gone', 418: "I'm a Teapot",
  422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error', 501: 'Not Implemented',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};
const NOT_FOUND = '{\n  "message": "Not Found",\n  "documentation_url": "sample-api/"\n}';
const INDEX =
  '{\n  "users": "sample-api/users/{login}",\n  "status": "sample-api/status/{code}",\n  "html": "sample-api/html",\n' +
  '  "waits": "?delay={seconds until the headers}&body={seconds the body takes}"\n}';
const HTML =
  '<!doctype html>\n<html lang="en">\n<head><title>Sample page</title></head>\n<body>\n  <h1>Café ☕</h1>\n' +
  '  <img src="x" onerror="alert(\'this never runs: the playground shows bodies as text\')">\n' +
  "  <script>alert('nor does this')</script>\n</body>\n</html>\n";

/** A wait from the query: 0 when absent, null unless plain digits (one dot allowed) from 0 to 60. */
function wait(params, name) {
  if (!params.has(name)) return 0;
  const text = params.get(name);
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const seconds = Number(text);
  return seconds >= 0 && seconds <= MAX_WAIT ? seconds : null;
}

/** Python's repr of a whole number of seconds drops the ".0": 60, not 60.0. */
function number(n) {
  return String(n);
}

function user(login) {
  const known = { python: ['Python', 'Organization', 1263], github: ['GitHub', 'Organization', 1241], torvalds: ['Linus Torvalds', 'User', 1223] };
  let [name, kind, size] = known[login.toLowerCase()] ?? [login, 'User', 0];
  if (!known[login.toLowerCase()]) {
    let sum = 0;
    for (const c of login) sum += c.charCodeAt(0);
    size = 900 + ((sum * 7) % 300);
  }
  const head =
    `{\n  "login": "${login}",\n  "name": "${name}",\n  "type": "${kind}",\n  "url": "sample-api/users/${login}",\n` +
    `  "source": "the playground's built-in sample API: made up in your browser, not GitHub's data",\n  "bio": "`;
  const tail = '"\n}';
  const need = Math.max(0, size - head.length - tail.length);
  let filler = '';
  while (filler.length < need) filler += FILLER;
  return head + filler.slice(0, need) + tail;
}

function route(path) {
  if (path === '') return [200, INDEX];
  if (path === 'html') return [200, HTML];
  if (path.startsWith('users/')) {
    const login = path.slice('users/'.length);
    return /^[A-Za-z0-9-]{1,39}$/.test(login) ? [200, user(login)] : [404, NOT_FOUND];
  }
  if (path.startsWith('status/')) {
    const code = path.slice('status/'.length);
    const status = /^\d{3}$/.test(code) ? Number(code) : 0;
    if (status >= 200 && status <= 599) {
      return [status, `{\n  "status": ${status},\n  "message": "${REASONS[status] ?? ''}"\n}`];
    }
  }
  return [404, NOT_FOUND];
}

/** The answer to a sample-api URL: [status, reason, content type, body, delay, body seconds]. */
function respond(url, base) {
  const path = url.pathname.slice(new URL(base).pathname.length).replace(/^\/+/, '');
  const delay = wait(url.searchParams, 'delay');
  const bodyTakes = wait(url.searchParams, 'body');
  if (delay === null || bodyTakes === null) {
    const message = `delay and body must be seconds from 0 to ${number(MAX_WAIT)}, like delay=0.3`;
    return [400, REASONS[400], 'application/json; charset=utf-8', `{\n  "message": "${message}"\n}`, 0, 0];
  }
  let [status, body] = route(path);
  if ([204, 205, 304].includes(status)) body = '';
  const type = path === 'html' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8';
  return [status, REASONS[status] ?? '', type, body, delay, bodyTakes];
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function answer(request, base) {
  const url = new URL(request.url);
  const speed = Number(request.headers.get('x-playground-speed')) || 1;
  const [status, reason, type, body, delay, bodyTakes] = respond(url, base);
  await sleep((delay * 1000) / speed);
  const headers = { 'content-type': type, 'cache-control': 'no-store', 'x-sample-api': 'playground' };
  if (!body || bodyTakes === 0) {
    return new Response(body || null, { status, statusText: reason, headers });
  }
  // The body arrives in ten pieces over `body` seconds: reading it (response.text()) really waits.
  const bytes = new TextEncoder().encode(body);
  const pieces = 10;
  let cancelled = false;
  const stream = new ReadableStream({
    async start(controller) {
      for (let i = 0; i < pieces && !cancelled; i += 1) {
        await sleep((bodyTakes * 1000) / speed / pieces);
        if (cancelled) return;
        controller.enqueue(bytes.slice(Math.floor((i * bytes.length) / pieces), Math.floor(((i + 1) * bytes.length) / pieces)));
      }
      if (!cancelled) controller.close();
    },
    // The page aborted the request (a time-out, Stop): stop sending.
    cancel() {
      cancelled = true;
    },
  });
  return new Response(stream, { status, statusText: reason, headers });
}

// Take over at once, and take control of the open page, so its first request already comes here.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
// A page reloaded with Shift is not controlled by any worker; it asks this one to take control.
self.addEventListener('message', (event) => {
  if (event.data === 'claim') event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const base = new URL('sample-api', self.registration.scope).href;
  const url = event.request.url;
  if (event.request.method !== 'GET' || !(url === base || url.startsWith(base + '/') || url.startsWith(base + '?'))) return;
  event.respondWith(answer(event.request, base));
});
