// e2e/selfcheck.mjs: checks the contract test (e2e/say-hello.test.mjs) itself, without a wasm
// build: it must PASS on e2e/fixtures/good (a plain-JS page fulfilling the contract) and FAIL,
// with a message naming the problem, on e2e/fixtures/broken (runs never print) and on a blank
// page (no app). A test that can't fail proves nothing. The other e2e files test the real app's
// sections, which the fixtures don't have, so they are not run here.
// Run: node e2e/selfcheck.mjs   (about 90 s: the failing cases wait for their timeouts)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const blank = mkdtempSync(path.join(tmpdir(), 'e2e-blank-'));
writeFileSync(path.join(blank, 'index.html'), '<!doctype html><title>blank</title><p>nothing here</p>');

const cases = [
  { dist: 'e2e/fixtures/good', pass: true },
  { dist: 'e2e/fixtures/broken', pass: false, message: 'the run did not finish' },
  { dist: blank, pass: false, message: 'the app did not render its run button' },
];
let ok = true;
for (const c of cases) {
  const r = spawnSync(process.execPath, ['--test', 'e2e/say-hello.test.mjs'], {
    cwd: repoRoot,
    env: { ...process.env, E2E_DIST: c.dist },
    encoding: 'utf8',
  });
  const out = r.stdout + r.stderr;
  const passed = r.status === 0;
  const good = passed === c.pass && (c.pass || out.includes(c.message));
  ok &&= good;
  console.log(`${good ? 'ok  ' : 'FAIL'} ${c.dist}: suite ${passed ? 'passed' : 'failed'} (expected to ${c.pass ? 'pass' : `fail with "${c.message}"`})`);
  if (!good) console.log(out);
}
rmSync(blank, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
