// Requirement 3: the search page works straight from file:// (no server, no fetch of a JSON
// index): results for a query, best article first, excerpts with <mark>, a clear "no results",
// and live updates while typing. Expected rankings are computed from seeds/, not hard-coded.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { assertNone, Finding, load, watchPage, withPage } from '../lib/browser.mjs';
import { expectedTopArticles, REPO_ROOT, requirePage } from '../lib/site.mjs';

const SEARCH = 'search.html';
const WAIT_MS = 5000;
// A status line that tells the reader nothing matched: "No results", "0 articles", "Nothing found"…
const SAYS_NONE = /\b(no|0|zero|nothing)\b/i;

// Runs in the page: the status line and each result's link and marked words.
function readResults() {
  return {
    status: (document.querySelector('#search-status')?.textContent ?? '').trim(),
    results: [...document.querySelectorAll('#search-results li')]
      .filter((li) => li.querySelector('a'))
      .map((li) => ({
        href: li.querySelector('a').href,
        marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
      })),
  };
}

/** Waits until results are listed and the status line has something to say beyond "searching". */
async function waitForResults(page, what) {
  try {
    await page.waitForFunction(
      () => {
        const status = (document.querySelector('#search-status')?.textContent ?? '').trim();
        return document.querySelectorAll('#search-results li a').length > 0 && status && !/loading|searching/i.test(status);
      },
      null,
      { timeout: WAIT_MS },
    );
  } catch {
    const now = await page.evaluate(readResults).catch(() => ({}));
    throw new Finding(`no results for ${what} within ${WAIT_MS} ms; status: "${now.status ?? ''}", results: ${now.results?.length ?? 0}`);
  }
  return page.evaluate(readResults);
}

function articleOf(href) {
  return new URL(href).pathname.replace(/^.*\/(articles\/[^/]+\.html)$/, '$1');
}

/**
 * Asserts the first article among the results is one of the expected articles (an actor page
 * named after the term may rank above it, rightly) and every result marks its match.
 */
function assertRanked(found, term) {
  const expected = expectedTopArticles(term);
  assert.ok(expected.length > 0, `no seed contains "${term}": the test's premise is wrong`);
  const articles = found.results.map((r) => articleOf(r.href)).filter((p) => p.startsWith('articles/'));
  assert.ok(articles.length > 0, `no article among the results for "${term}"`);
  const top = articles[0];
  assert.ok(expected.includes(top), `top article for "${term}" is ${top}, expected ${expected.join(' or ')}`);
  const unmarked = found.results.filter((r) => r.marks.length === 0).map((r) => articleOf(r.href));
  assertNone(unmarked, `results for "${term}" whose excerpt has no <mark>`);
  const marksTerm = found.results[0].marks.some((m) => m.toLowerCase().includes(term.toLowerCase()));
  assert.ok(marksTerm, `top result's <mark>s (${found.results[0].marks.join(', ')}) do not include "${term}"`);
}

/** Opens search.html?q=… from file:// and hands the page and its problem log to fn. */
async function onSearchPage(h, query, fn) {
  requirePage(h.siteDir, SEARCH);
  await withPage(h.browser, {}, async (page) => {
    const seen = await watchPage(page, h.prefix('file'));
    const q = query === null ? '' : `?q=${encodeURIComponent(query)}`;
    await load(page, h.url('file', SEARCH + q));
    await fn(page);
    assertNone(await seen(), 'problems on the search page');
  });
}

/** Result pages (site-relative, without the #anchor) for a query, once the status settles. */
async function resultPages(h, query) {
  let pages = [];
  await onSearchPage(h, query, async (page) => {
    const found = await waitForResults(page, `?q=${query}`);
    pages = found.results.map((r) => new URL(r.href).pathname.replace(/^.*?\/((articles|actors)\/[^/]+\.html|timeline[^/]*\.html)$/, '$1'));
  });
  return pages;
}

/** Waits until the status line says something other than "Searching…" and reads the page. */
async function settled(page) {
  await page
    .waitForFunction(() => {
      const status = (document.querySelector('#search-status')?.textContent ?? '').trim();
      return status && !/loading|searching/i.test(status);
    }, null, { timeout: WAIT_MS })
    .catch(() => {});
  return page.evaluate(() => ({
    ...{ status: (document.querySelector('#search-status')?.textContent ?? '').trim() },
    suggest: (document.querySelector('#search-suggest:not([hidden])')?.textContent ?? '').trim(),
    results: [...document.querySelectorAll('#search-results li a')].map((a) => a.getAttribute('href')),
    kinds: [...document.querySelectorAll('#search-results .result-kind')].map((p) => p.textContent),
  }));
}

const KEYS_TSV = path.join(REPO_ROOT, 'tests', 'fixtures', 'search-keys', 'keys.tsv');

export function searchSuite(h) {
  describe('search: forms, spellings, typos, phrases and filters', () => {
    it('recognised, recognized and recognise find the same pages', async () => {
      const sets = [];
      for (const q of ['recognised', 'recognized', 'recognise', 'recognizing']) {
        sets.push({ q, pages: [...new Set(await resultPages(h, q))].sort() });
      }
      assert.ok(sets[0].pages.length > 0, 'no results for recognised');
      for (const s of sets.slice(1)) {
        assert.deepEqual(s.pages, sets[0].pages, `"${s.q}" finds other pages than "${sets[0].q}"`);
      }
    });

    it('the page stems words as the index does (tests/fixtures/search-keys/keys.tsv)', () =>
      onSearchPage(h, null, async (page) => {
        await page.waitForFunction(() => window.dossierSearchWords && window.dossierPorter2, null, { timeout: WAIT_MS });
        const rows = fs.readFileSync(KEYS_TSV, 'utf8').trim().split('\n').map((l) => l.split('\t'));
        const differ = await page.evaluate((rows) => {
          const W = window.dossierSearchWords;
          return rows.filter(([w, k]) => W.indexKeys(w).join(' ') !== (k ?? '')).map(([w, k]) => `${w}: index ${k}, page ${W.indexKeys(w).join(' ')}`);
        }, rows);
        assert.ok(rows.length > 1000, `only ${rows.length} words in keys.tsv`);
        assertNone(differ.slice(0, 20), `words the page keys differently from the index (${differ.length} of ${rows.length})`);
      }));

    it('?q=Talibn: "Did you mean Taliban?" and the Taliban results, marked as a similar spelling', () =>
      onSearchPage(h, 'Talibn', async (page) => {
        const got = await settled(page);
        assert.match(got.suggest, /Did you mean Taliban\?/, `suggestion line: "${got.suggest}"`);
        assert.ok(got.results.length > 0, `no results; status "${got.status}"`);
        assert.match(got.status, /similar spelling/i, got.status);
        assert.ok(got.kinds.some((k) => /similar spelling/i.test(k)), `results not marked: ${got.kinds.join(', ')}`);
        await page.locator('#search-suggest a').click();
        await page.waitForFunction(() => document.querySelector('#q').value === 'Taliban', null, { timeout: WAIT_MS });
        const after = await settled(page);
        assert.equal(after.suggest, '', 'the corrected query still gets a suggestion');
      }));

    it('a "quoted phrase" matches only words that stand together', async () => {
      const loose = await resultPages(h, 'Network Haqqani');
      assert.ok(loose.length > 0, 'the two words find nothing unquoted');
      const phrase = await resultPages(h, '"Haqqani Network"');
      assert.ok(phrase.length > 0, 'the phrase finds nothing');
      await onSearchPage(h, '"Network Haqqani"', async (page) => {
        const got = await settled(page);
        assert.equal(got.results.length, 0, `reversed phrase found ${got.results.join(', ')}`);
        assert.ok(SAYS_NONE.test(got.status), got.status);
      });
    });

    it('the outlet, year and actor filters narrow the results and stay in the address', () =>
      onSearchPage(h, 'Taliban', async (page) => {
        const before = await waitForResults(page, '?q=Taliban');
        const options = await page.evaluate(() => Object.fromEntries(['actor', 'outlet', 'year'].map((n) => [n,
          [...document.querySelectorAll(`#filter-${n} option`)].map((o) => o.value).filter(Boolean)])));
        for (const name of ['actor', 'outlet', 'year']) {
          assert.ok(options[name].length > 0, `no ${name} filter options`);
        }
        const outlet = options.outlet[0];
        await page.selectOption('#filter-outlet', outlet);
        await page.waitForFunction(() => /filtered|No results/.test(document.querySelector('#search-status').textContent), null, { timeout: WAIT_MS });
        const narrowed = await settled(page);
        assert.ok(narrowed.results.length > 0, `nothing from ${outlet}: ${narrowed.status}`);
        assert.ok(narrowed.results.length <= before.results.length, 'the filter added results');
        for (const href of narrowed.results.filter((r) => r.includes('articles/'))) {
          const html = fs.readFileSync(path.join(h.siteDir, href.replace(/#.*$/, '')), 'utf8');
          assert.ok(html.includes(outlet), `${href} is not from ${outlet}`);
        }
        assert.match(new URL(page.url()).search, /outlet=/, 'the outlet is not in the address');
        await page.selectOption('#filter-outlet', '');
        const years = options.year;
        await page.selectOption('#filter-year', years[years.length - 1]);
        const byYear = await settled(page);
        assert.ok(byYear.results.length <= before.results.length);
        await page.selectOption('#filter-year', '');
        await page.selectOption('#filter-actor', options.actor[0]);
        const byActor = await settled(page);
        assert.ok(byActor.results.length > 0, `nothing naming ${options.actor[0]}: ${byActor.status}`);
      }));
  });

  describe('search from file://', () => {
    for (const term of ['Haqqani', 'Najibullah']) {
      it(`?q=${term}: the article that says it most comes first, excerpts are marked`, () =>
        onSearchPage(h, term, async (page) => {
          assertRanked(await waitForResults(page, `?q=${term}`), term);
        }));
    }

    it('?q=xyzzyqq: zero results, and the status says so', () =>
      onSearchPage(h, 'xyzzyqq', async (page) => {
        await page
          .waitForFunction(
            (src) => new RegExp(src, 'i').test(document.querySelector('#search-status')?.textContent ?? ''),
            SAYS_NONE.source,
            { timeout: WAIT_MS },
          )
          .catch(() => {});
        const found = await page.evaluate(readResults);
        assert.equal(found.results.length, 0, `expected no results, got ${found.results.map((r) => articleOf(r.href)).join(', ')}`);
        assert.ok(SAYS_NONE.test(found.status), `status should say there are no results, it says "${found.status}"`);
      }));

    it('typing into #q updates the results', () =>
      onSearchPage(h, 'Haqqani', async (page) => {
        const before = await waitForResults(page, '?q=Haqqani');
        const box = page.locator('#q');
        await box.fill('');
        await box.pressSequentially('Najibullah', { delay: 30 });
        const expected = expectedTopArticles('Najibullah');
        await page
          .waitForFunction(
            (want) => {
              const a = document.querySelector('#search-results li a');
              return a && want.some((p) => new URL(a.href).pathname.endsWith('/' + p));
            },
            expected,
            { timeout: WAIT_MS },
          )
          .catch(() => {});
        const after = await page.evaluate(readResults);
        assert.ok(after.results.length > 0, `no results after typing "Najibullah"; status: "${after.status}"`);
        assert.notDeepEqual(after.results, before.results, 'results did not change after typing');
        assertRanked(after, 'Najibullah');
      }));
  });
}
