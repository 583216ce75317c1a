// Wide screens (from 1200 px) use the margin right of the reading column: the timeline chart's
// key beside the chart, an actor's co-occurring actors and dates beside its text, the search
// filters beside the search box. Phones (390 px) keep one column in reading order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertNone, load, withPage } from '../lib/browser.mjs';
import { requirePage } from '../lib/site.mjs';

const WIDE = { viewport: { width: 1280, height: 900 } };
const NARROWEST_WIDE = { viewport: { width: 1200, height: 900 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const WAIT_MS = 5000;

// Runs in the page: the boxes of the first shown element for each selector (null when none).
function boxes(selectors) {
  const shown = (el) => el.checkVisibility({ visibilityProperty: true }) && el.getBoundingClientRect().width > 0;
  const out = {};
  for (const [name, sel] of Object.entries(selectors)) {
    const el = [...document.querySelectorAll(sel)].find(shown);
    if (!el) { out[name] = null; continue; }
    const r = el.getBoundingClientRect();
    out[name] = { left: r.left, right: r.right, top: r.top + window.scrollY, bottom: r.bottom + window.scrollY, width: r.width };
  }
  return out;
}

const beside = (a, b) => b.left >= a.right && b.top < a.bottom;
const below = (a, b) => b.top >= a.bottom - 0.5 && Math.abs(b.left - a.left) < 1;
const fmt = (b) => (b ? `${Math.round(b.left)}–${Math.round(b.right)} × ${Math.round(b.top)}–${Math.round(b.bottom)}` : 'none');

/** A word that finds results: the first word of the first actor page's name. */
async function searchTerm(h, page) {
  await load(page, h.url('file', h.types.actor));
  return (await page.locator('h1').first().textContent()).trim().split(/\s+/)[0].toLowerCase();
}

async function searchBoxes(h, page, term) {
  await load(page, h.url('file', `search.html?q=${encodeURIComponent(term)}`));
  await page.waitForFunction(() => document.querySelectorAll('#search-results li a').length > 0
    && !document.querySelector('#search-filters').hidden, null, { timeout: WAIT_MS });
  return page.evaluate(boxes, {
    input: '#q', filters: '#search-filters', help: '#search-help', results: '#search-results',
  });
}

export function marginSuite(h) {
  describe('wide screens use the margin; phones keep one column', () => {
    for (const [label, opts] of [['1280', WIDE], ['1200', NARROWEST_WIDE]]) {
      it(`${label} px: the timeline chart's key stands beside the chart`, () =>
        withPage(h.browser, opts, async (page) => {
          requirePage(h.siteDir, h.types.timeline);
          await load(page, h.url('file', h.types.timeline));
          const b = await page.evaluate(boxes, { chart: '.timeline-figure .tl-svg', key: '.timeline-figure .tl-caption' });
          assert.ok(b.chart && b.key, 'no chart or key');
          assert.ok(beside(b.chart, b.key), `key at ${fmt(b.key)}, chart at ${fmt(b.chart)}`);
        }));

      it(`${label} px: an actor's co-occurring actors and dates stand beside its text`, async () => {
        const problems = [];
        for (const rel of h.pagesByType.actor) {
          await withPage(h.browser, opts, async (page) => {
            await load(page, h.url('file', rel));
            const b = await page.evaluate(boxes, {
              main: '.actor-main', side: '.actor-side', co: '#co-h', dates: '#tl-h', chart: '.actor-side .tl-svg',
            });
            if (!b.co && !b.dates) return;
            if (!b.main || !b.side) { problems.push(`${rel}: no two columns`); return; }
            if (!beside(b.main, b.side)) problems.push(`${rel}: side ${fmt(b.side)} not beside text ${fmt(b.main)}`);
            // The chart in the margin is the artboard drawn for its width, so its text stays legible.
            if (b.chart && b.chart.width < 250) problems.push(`${rel}: margin chart only ${Math.round(b.chart.width)} px wide`);
          });
        }
        assertNone(problems, 'actor pages whose lookups are not in the margin');
      });

      it(`${label} px: the search filters stand beside the search box and do not push the results down`, () =>
        withPage(h.browser, opts, async (page) => {
          const b = await searchBoxes(h, page, await searchTerm(h, page));
          assert.ok(beside(b.input, b.filters), `filters at ${fmt(b.filters)}, box at ${fmt(b.input)}`);
          assert.ok(b.results.top - b.help.bottom < 64, `results start ${Math.round(b.results.top - b.help.bottom)} px below the help`);
        }));
    }

    it('390 px: the chart key, an actor\'s lookups and the filters stay in one column, in reading order', () =>
      withPage(h.browser, PHONE, async (page) => {
        const problems = [];
        await load(page, h.url('file', h.types.timeline));
        const t = await page.evaluate(boxes, { chart: '.timeline-figure .tl-svg', key: '.timeline-figure .tl-caption' });
        if (!(t.key && t.chart && t.key.bottom <= t.chart.top + 0.5)) problems.push(`timeline: key ${fmt(t.key)} not above chart ${fmt(t.chart)}`);
        for (const rel of h.pagesByType.actor) {
          await load(page, h.url('file', rel));
          const a = await page.evaluate(boxes, { main: '.actor-main', side: '.actor-side', co: '#co-h', dates: '#tl-h' });
          if ((a.co || a.dates) && !below(a.main, a.side)) problems.push(`${rel}: side ${fmt(a.side)} not below text ${fmt(a.main)}`);
        }
        const s = await searchBoxes(h, page, await searchTerm(h, page));
        if (!(s.filters.top >= s.input.bottom && s.filters.bottom <= s.help.top + 0.5)) {
          problems.push(`search: filters ${fmt(s.filters)} not between the box ${fmt(s.input)} and its help ${fmt(s.help)}`);
        }
        assertNone(problems, 'phone pages that left one column');
      }));
  });
}
