import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
const [hash = '#/say-hello', out = '/work/scratch/shot.png', width = '1280', actions = ''] = process.argv.slice(2);
const server = await startServer({ root: '/work/main/dist', prefix: '/' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
const problems = [];
page.on('pageerror', (e) => problems.push('pageerror ' + e.message));
page.on('console', (m) => { if (m.type() === 'error') problems.push('console ' + m.text()); });
await page.goto(server.url + hash);
await page.locator('[data-testid=run]').waitFor();
await page.waitForTimeout(500);
if (actions) { const f = new Function('page', `return (async () => { ${actions} })()`); await f(page); }
await page.waitForTimeout(400);
await page.screenshot({ path: out, fullPage: false });
console.log(JSON.stringify({ problems, hash: await page.evaluate(() => location.hash) }));
await browser.close(); await server.close();
