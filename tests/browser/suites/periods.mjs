// The timeline's period pages as a reader uses them, on a generated site dense enough to have
// them (lib/dense.mjs): from the overview to a year by its chart bar or the period table, on to
// a month, along the previous/next links, and from an article's date to its row and back to
// the article; axe finds nothing on any of these pages, in either colour scheme.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { formatViolations, runAxe } from '../lib/axe.mjs';
import { assertNone, Finding, load, watchPage, withPage } from '../lib/browser.mjs';
import { buildDenseSite, DENSE } from '../lib/dense.mjs';
import { startServer } from '../lib/server.mjs';
import { fileBase } from '../lib/site.mjs';
import { THEMES } from './a11y.mjs';
import { assertLandedOn, follow } from './journey.mjs';

const { busy } = DENSE;
const [before_, after_] = DENSE.quiet;

/** The text of the page's h1, trimmed. */
const heading = (page) => page.locator('main h1').innerText().then((t) => t.trim());

/** The visible chart's bar for `year` (the wide or the narrow chart, whichever is shown). */
function chartBar(page, year) {
  return page.locator(`.timeline-figure svg.tl-svg:visible a.tl-year[href="timeline/${year}.html"]`);
}

async function overviewToMonths(page, base) {
  await load(page, `${base}timeline.html`);
  await follow(page, chartBar(page, busy), `/timeline/${busy}.html`);
  assert.equal(await heading(page), String(busy), 'the chart bar leads to the year');

  await load(page, `${base}timeline.html`);
  await follow(page, page.locator(`table.period-table th a[href="timeline/${busy}.html"]`), `/timeline/${busy}.html`);
  // A split year's page leads to each of its months.
  const months = page.locator('nav.months a');
  assert.equal(await months.count(), 12, `${busy} lists its 12 months`);
  await follow(page, months.nth(2), `/timeline/${busy}-03.html`);
  assert.equal(await heading(page), `March ${busy}`);
  assert.equal(await page.locator('li.event').count(), 28, 'one row per date of March');

  await follow(page, page.locator('a[rel="next"]'), `/timeline/${busy}-04.html`);
  assert.equal(await heading(page), `April ${busy}`);
  await follow(page, page.locator('a[rel="prev"]'), `/timeline/${busy}-03.html`);
  // The ends of the split year lead to the quiet years around it.
  await load(page, `${base}timeline/${busy}-12.html`);
  await follow(page, page.locator('a[rel="next"]'), `/timeline/${after_}.html`);
  await follow(page, page.locator('a[rel="prev"]'), `/timeline/${busy}-12.html`);
  await load(page, `${base}timeline/${before_}.html`);
  await follow(page, page.locator('a[rel="next"]'), `/timeline/${busy}.html`);
}

async function dateToRowAndBack(page, base) {
  // Dispatch 70 of the busy year cites 15 March; its title names the year alone.
  const article = `d${busy}-070`;
  await load(page, `${base}articles/${article}.html`);
  const row = `t${busy}-03-15`;
  await follow(page, page.locator(`main .body a[href^="../timeline"][href$="#${row}"]`).first(), `/timeline/${busy}-03.html`, `#${row}`);
  await assertLandedOn(page, row);

  const source = page.locator(`#${row} .source a`).first();
  const href = await source.getAttribute('href');
  const to = /articles\/([^/#]+)\.html#(p\d+)$/.exec(href ?? '');
  if (!to) throw new Finding(`the row's source links to "${href}", not to an article's paragraph`);
  assert.equal(to[1], article, "the row's source is the article the reader came from");
  await follow(page, source, `/articles/${article}.html`, `#${to[2]}`);
  await assertLandedOn(page, to[2]);
  // The browser's back button returns to the row, still the target.
  await page.goBack();
  await page.waitForURL((url) => url.hash === `#${row}`);
  await assertLandedOn(page, row);

  // A date that names no month stays on its split year's own page.
  await load(page, `${base}articles/${article}.html`);
  await follow(page, page.locator(`main .body a[href^="../timeline"][href$="#t${busy}"]`).first(), `/timeline/${busy}.html`, `#t${busy}`);
  await assertLandedOn(page, `t${busy}`);
}

export function periodsSuite(h) {
  const dense = {};
  describe('timeline period pages (a generated site with a year split into months)', () => {
    before(async () => {
      Object.assign(dense, buildDenseSite());
      dense.server = await startServer(dense.site);
    });
    after(async () => {
      await dense.server?.close();
      dense.remove?.();
    });

    for (const origin of ['file', 'http']) {
      const base = () => (origin === 'file' ? fileBase(dense.site) : dense.server.base);
      it(`${origin}: overview → year (chart bar, period table) → month → next/previous → neighbouring years`, () =>
        withPage(h.browser, {}, async (page) => {
          const seen = await watchPage(page, base());
          await overviewToMonths(page, base());
          assertNone(await seen(), 'problems along the way');
        }));
      it(`${origin}: article date → its row on the month page (target, visible) → the article → back; a year-only date → the split year's page`, () =>
        withPage(h.browser, {}, async (page) => {
          const seen = await watchPage(page, base());
          await dateToRowAndBack(page, base());
          assertNone(await seen(), 'problems along the way');
        }));
    }

    const pages = [
      'timeline.html',
      `timeline/${before_}.html`,
      `timeline/${busy}.html#t${busy}`,
      `timeline/${busy}-03.html#t${busy}-03-15`,
      'actors/committee.html',
    ];
    for (const theme of THEMES) {
      it(`axe: the overview, a year, a split year and a month, each with a row targeted, and a busy actor, ${theme}`, () =>
        withPage(h.browser, { bypassCSP: true }, async (page) => {
          await page.emulateMedia({ colorScheme: theme });
          const found = [];
          for (const rel of pages) {
            await load(page, dense.server.base + rel);
            const { violations } = await runAxe(page);
            if (violations.length > 0) found.push(`${rel} (${theme}):\n${formatViolations(violations)}`);
          }
          if (found.length > 0) throw new Finding(`axe violations:\n${found.join('\n')}`);
        }));
    }
  });
}
