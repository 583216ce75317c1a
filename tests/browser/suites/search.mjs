// Requirement 3: the search page works straight from file:// (no server, no fetch of a JSON
// index): results for a query, best article first, excerpts with <mark>, a clear "no results",
// and live updates while typing. Expected rankings are computed from seeds/, not hard-coded.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertNone, Finding, load, watchPage, withPage } from '../lib/browser.mjs';
import { expectedTopArticles, requirePage } from '../lib/site.mjs';

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

export function searchSuite(h) {
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
