// e2e/test-api-server.mjs: a small HTTP API on 127.0.0.1 for the 44.3 tests (node only, no
// dependencies). Every endpoint answers a real round trip after a delay the URL chooses, with CORS
// headers (so the page may read it) unless the endpoint is about CORS:
//
//   GET /users/<login>?delay=<s>[&body=<s>]  200, a JSON profile; the body is sent in pieces over
//                                            `body` seconds, so reading it takes time too
//   GET /status/<code>?delay=<s>             that status, with a small JSON body (404, 500, …)
//   GET /no-cors?delay=<s>                   200 without Access-Control-Allow-Origin: the browser
//                                            refuses to let the page read it (a CORS refusal)
//   GET /never                               never answers (the request stays open until aborted)
//   GET /stall-body                          sends the headers, a first piece of body, then nothing
//
// Each request is logged with when it came and when its connection closed, so a test can check
// that a timed-out or stopped request was really aborted by the browser.
//
// CLI, to try the page against it by hand: node e2e/test-api-server.mjs [--port 8090]
// (`node --test` also picks this file up, by its name: it then defines no test and exits at once.)
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CORS = {
  'access-control-allow-origin': '*',
  // The page reads the status text for its messages; nothing else is needed.
  'access-control-expose-headers': 'content-type',
};

function seconds(value) {
  const n = Number(value ?? 0);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, 120) : 0;
}

/** A JSON profile for `login`, about a kilobyte, so previews and sizes have something to show. */
export function profile(login) {
  return JSON.stringify(
    {
      login,
      name: `Test user ${login}`,
      source: 'e2e/test-api-server.mjs',
      bio: 'A response from the local test server, long enough to be worth a preview. '.repeat(8),
    },
    null,
    2,
  );
}

/**
 * Start the API on 127.0.0.1 (port 0 = a free one). Resolves to { url, requests, close() }:
 * `url` ends with "/", `requests` is the log ({ path, at, closedAt, answered }).
 */
export async function startTestApi({ port = 0 } = {}) {
  const requests = [];
  const timers = new Set();
  const later = (ms, fn) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const entry = { path: url.pathname + url.search, at: Date.now(), closedAt: null, answered: false };
    requests.push(entry);
    // 'close' on the response: the exchange ended, answered or aborted by the client.
    res.on('close', () => {
      entry.closedAt = Date.now();
    });
    const delay = seconds(url.searchParams.get('delay')) * 1000;
    const send = (status, body, headers = CORS) => {
      if (res.destroyed) return;
      entry.answered = true;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    if (req.method === 'OPTIONS') return send(204, '', { ...CORS, 'access-control-allow-methods': 'GET' });
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] === 'users' && parts[1]) {
      const text = profile(parts[1]);
      const bodyMs = seconds(url.searchParams.get('body')) * 1000;
      return later(delay, () => {
        if (res.destroyed) return;
        entry.answered = true;
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...CORS });
        if (bodyMs === 0) return res.end(text);
        // Ten pieces over `body` seconds.
        const pieces = 10;
        for (let i = 1; i <= pieces; i += 1) {
          later((bodyMs * i) / pieces, () => {
            if (res.destroyed) return;
            res.write(text.slice(Math.floor(((i - 1) * text.length) / pieces), Math.floor((i * text.length) / pieces)));
            if (i === pieces) res.end();
          });
        }
      });
    }
    if (parts[0] === 'status' && /^\d{3}$/.test(parts[1] ?? '')) {
      const status = Number(parts[1]);
      return later(delay, () => send(status, JSON.stringify({ status, message: `status ${status} from the test server` })));
    }
    if (parts[0] === 'no-cors') {
      return later(delay, () => send(200, profile('no-cors'), {}));
    }
    if (parts[0] === 'never') {
      return; // The request stays open until the browser aborts it.
    }
    if (parts[0] === 'stall-body') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...CORS });
      res.write('{"stalled": "');
      return;
    }
    send(404, JSON.stringify({ message: 'Not Found' }));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actual = server.address().port;
  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

// `node --test e2e/` runs every `test-*.mjs` file as a test file too, this one included: under the
// test runner (NODE_TEST_CONTEXT is set) it only exports, or its server would keep the run waiting.
if (!process.env.NODE_TEST_CONTEXT && process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const api = await startTestApi({ port: i > 0 ? Number(process.argv[i + 1]) : 8090 });
  console.log(`test API at ${api.url} (Ctrl-C stops)`);
}
