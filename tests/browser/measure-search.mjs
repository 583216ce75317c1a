// How many bytes a search loads: opens SITE/search.html?q=QUERY from file:// in headless
// Chromium for each query, waits for the results and adds up the sizes of every file the page
// loaded, split into the search index (search/*.js) and everything else (page, styles,
// scripts). Usage, after `npm ci` here:
//
//   node measure-search.mjs SITE_DIR [QUERY ...]
//
// The queries default to a set that covers one word, several words, a prefix, a phrase, a typo
// and a filter; `--max-index-kb N` fails (exit 1) when a query's index bytes exceed N kB.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchBrowser } from './lib/browser.mjs';

const DEFAULT_QUERIES = [
  'Taliban',
  'Russia recognition Taliban',
  'haqq',
  '"Haqqani Network"',
  'Talibn',
  'sanctions Kabul Moscow embassy',
];

const args = process.argv.slice(2);
const maxAt = args.indexOf('--max-index-kb');
const maxKb = maxAt >= 0 ? Number(args.splice(maxAt, 2)[1]) : Infinity;
const [siteArg, ...given] = args;
if (!siteArg) {
  console.error('usage: node measure-search.mjs SITE_DIR [QUERY ...] [--max-index-kb N]');
  process.exit(2);
}
const site = path.resolve(siteArg);
const queries = given.length ? given : DEFAULT_QUERIES;
const base = pathToFileURL(site).href.replace(/\/?$/, '/');

const browser = await launchBrowser();
let failed = false;
try {
  for (const q of queries) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const urls = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(`${base}search.html?q=${encodeURIComponent(q)}`);
    await page.waitForFunction(() => {
      const s = document.querySelector('#search-status')?.textContent ?? '';
      return s && !/searching/i.test(s);
    }, null, { timeout: 30000 });
    const status = await page.evaluate(() => document.querySelector('#search-status').textContent);
    let index = 0;
    let other = 0;
    const shards = [];
    for (const url of new Set(urls.map((u) => u.replace(/[?#].*$/, '')))) {
      if (!url.startsWith('file:')) continue;
      const file = fileURLToPath(url);
      const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
      const rel = path.relative(site, file);
      if (rel.startsWith('search' + path.sep)) {
        index += size;
        shards.push(path.basename(rel));
      } else {
        other += size;
      }
    }
    const kb = (n) => (n / 1000).toFixed(1);
    console.log(`${JSON.stringify(q)}: index ${kb(index)} kB (${shards.length} files: ${shards.join(' ')}), ` +
      `page and assets ${kb(other)} kB, total ${kb(index + other)} kB — ${status.trim()}`);
    if (index / 1000 > maxKb) failed = true;
    await context.close();
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
