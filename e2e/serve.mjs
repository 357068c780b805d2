// e2e/serve.mjs: a tiny static file server (node only, no dependencies) for dist/.
//
// The e2e tests start it on 127.0.0.1 with a free port, optionally under a sub-path prefix
// (e.g. /some/sub/path/), to check that the release build works wherever it is deployed.
// It serves .wasm as application/wasm (needed for WebAssembly.instantiateStreaming), answers
// 404 for anything outside the prefix or missing (no SPA fallback: a wrong asset URL must show
// up as an error), and records those 404s so a test can fail on them.
//
// CLI, to look at a build by hand:
//   node e2e/serve.mjs [--dir dist] [--prefix /playground/] [--port 8081]
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** "/a/b" or "a/b/" → "/a/b/"; "" or "/" → "/". */
export function normalizePrefix(prefix = '/') {
  const inner = prefix.split('/').filter(Boolean).join('/');
  return inner ? `/${inner}/` : '/';
}

/**
 * Serve `root` under `prefix` on `host`:`port` (0 = a free port).
 * Resolves to { url, port, prefix, notFound, close() }; `url` ends with the prefix and "/".
 */
export async function startServer({ root, prefix = '/', host = '127.0.0.1', port = 0 } = {}) {
  const base = path.resolve(root);
  const pfx = normalizePrefix(prefix);
  const notFound = [];

  const server = createServer(async (req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');

    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    // "/some/sub/path" without the slash: redirect, or the page's relative URLs would resolve
    // one level too high.
    if (pfx !== '/' && urlPath === pfx.slice(0, -1)) {
      return send(301, 'moved\n', { location: pfx });
    }
    if (!urlPath.startsWith(pfx)) {
      notFound.push(urlPath);
      return send(404, `not found (outside ${pfx})\n`);
    }
    let file = path.resolve(base, '.' + path.posix.normalize('/' + urlPath.slice(pfx.length)));
    if (file !== base && !file.startsWith(base + path.sep)) return send(403, 'forbidden\n');
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = path.join(file, 'index.html');
        info = await stat(file);
      }
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': info.size,
        // Tests must always see the current build.
        'cache-control': 'no-store',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
    } catch {
      notFound.push(urlPath);
      send(404, 'not found\n');
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  return {
    url: `http://${host}:${actualPort}${pfx}`,
    port: actualPort,
    prefix: pfx,
    notFound,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

// Run from the command line: serve until Ctrl-C.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
  };
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const s = await startServer({
    root: path.resolve(repoRoot, opt('dir', 'dist')),
    prefix: opt('prefix', '/'),
    port: Number(opt('port', '8081')),
  });
  console.log(`serving ${opt('dir', 'dist')} at ${s.url} (Ctrl-C stops)`);
}
