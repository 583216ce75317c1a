// Requirement 5 (theme part): the theme toggle switches between light and dark, remembers the
// choice across reloads and pages, and the site still reads fine with JavaScript off, where
// the toggle could do nothing and so must not be shown.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertNone, Finding, load, watchPage, withPage } from '../lib/browser.mjs';
import { pageExists } from '../lib/site.mjs';

const STORAGE_KEY = 'dossier-theme';
const TOGGLE = 'button#theme-toggle';

// Runs in the page: the theme in force, what is stored, and what the reader actually sees.
function themeState(key) {
  const chosen = document.documentElement.dataset.theme;
  const system = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  const transparent = (c) => c === 'transparent' || /^rgba\(.*,\s*0\)$/.test(c);
  const body = getComputedStyle(document.body).backgroundColor;
  return {
    theme: chosen ?? null,
    effective: chosen || system,
    stored: localStorage.getItem(key),
    background: transparent(body) ? getComputedStyle(document.documentElement).backgroundColor : body,
  };
}

async function toggleRoundTrip(h, origin, system) {
  await withPage(h.browser, { colorScheme: system }, async (page) => {
    const seen = await watchPage(page, h.prefix(origin));
    await load(page, h.url(origin, 'index.html'));
    const toggle = page.locator(TOGGLE);
    if ((await toggle.count()) === 0) throw new Finding(`no ${TOGGLE} on the home page`);
    if (!(await toggle.isVisible())) throw new Finding(`${TOGGLE} is on the page but not visible with JavaScript on`);

    const before = await page.evaluate(themeState, STORAGE_KEY);
    const wanted = before.effective === 'dark' ? 'light' : 'dark';
    await toggle.click();
    const after = await page.evaluate(themeState, STORAGE_KEY);
    assert.equal(after.theme, wanted, 'documentElement.dataset.theme after clicking');
    assert.equal(after.stored, wanted, `localStorage["${STORAGE_KEY}"] after clicking`);
    assert.notEqual(after.background, before.background, 'the page background did not change');

    await page.reload({ waitUntil: 'load' });
    const reloaded = await page.evaluate(themeState, STORAGE_KEY);
    assert.equal(reloaded.theme, wanted, 'theme after reload');
    assert.equal(reloaded.background, after.background, 'page background after reload');

    await load(page, h.url(origin, 'timeline.html'));
    const elsewhere = await page.evaluate(themeState, STORAGE_KEY);
    assert.equal(elsewhere.theme, wanted, 'theme on another page');
    assertNone(await seen(), 'problems while toggling');
  });
}

/** Problems with one page read without JavaScript. */
async function noScriptProblems(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  const problems = [];
  const main = page.locator('main');
  if ((await main.count()) === 0) return ['no <main>'];
  const text = (await main.first().innerText()).trim();
  if (!(await main.first().isVisible()) || text.length === 0) problems.push('<main> is empty or hidden');
  const toggle = page.locator(TOGGLE);
  if ((await toggle.count()) > 0 && (await toggle.first().isVisible())) {
    problems.push(`${TOGGLE} is shown but cannot work without JavaScript`);
  }
  return problems;
}

export function themeSuite(h) {
  describe('theme toggle', () => {
    // Both system preferences: the first click must flip whichever theme the reader sees.
    for (const origin of ['file', 'http']) {
      for (const system of ['light', 'dark']) {
        it(`${origin}, system ${system}: clicking switches the theme, which persists across reload and pages`, () =>
          toggleRoundTrip(h, origin, system));
      }
    }

    it('without JavaScript every page renders its main content and no toggle', async () => {
      const problems = [];
      await withPage(h.browser, { javaScriptEnabled: false }, async (page) => {
        for (const rel of Object.values(h.pagesByType).flat()) {
          if (!pageExists(h.siteDir, rel)) {
            problems.push(`${rel}: missing from the built site`);
            continue;
          }
          for (const p of await noScriptProblems(page, h.url('file', rel))) problems.push(`${rel}: ${p}`);
        }
      });
      assertNone(problems, 'pages that fail without JavaScript');
    });
  });
}
