// Requirement 4: on a phone-sized screen the margin notes fold into <details class="notes">,
// closed by default, and a keyboard user can reach one with Tab and open it with Enter.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Finding, load, withPage } from '../lib/browser.mjs';
import { requirePage } from '../lib/site.mjs';

const PHONE = { width: 390, height: 844 };
const MAX_TABS = 400; // an article's body has many links before its notes; this bounds the walk

const SUMMARY = 'details.notes > summary';

/** Presses Tab until the first notes summary has focus; returns how many presses it took. */
async function tabToFirstSummary(page) {
  for (let presses = 1; presses <= MAX_TABS; presses++) {
    await page.keyboard.press('Tab');
    const there = await page.evaluate((sel) => document.activeElement === document.querySelector(sel), SUMMARY);
    if (there) return presses;
  }
  throw new Finding(`the first ${SUMMARY} never got focus in ${MAX_TABS} presses of Tab`);
}

// Runs in the page: the first notes element's state, and the size of what it shows when open.
function notesState(sel) {
  const summary = document.querySelector(sel);
  const details = summary.parentElement;
  const content = document.createRange();
  content.setStartAfter(summary);
  content.setEndAfter(details.lastChild);
  const box = content.getBoundingClientRect();
  return { open: details.open, width: box.width, height: box.height };
}

export function notesSuite(h) {
  describe('margin notes at 390 px', () => {
    it('the first note is closed, reachable by Tab, and opens with Enter', async () => {
      requirePage(h.siteDir, h.types.article);
      await withPage(h.browser, { viewport: PHONE }, async (page) => {
        await load(page, h.url('file', h.types.article));
        if ((await page.locator(SUMMARY).count()) === 0) {
          throw new Finding(`${h.types.article} has no ${SUMMARY}`);
        }
        const closed = await page.evaluate(notesState, SUMMARY);
        assert.equal(closed.open, false, 'notes should start closed at 390 px');

        await tabToFirstSummary(page);
        await page.keyboard.press('Enter');
        const opened = await page.evaluate(notesState, SUMMARY);
        assert.equal(opened.open, true, 'Enter on the summary did not open the notes');
        assert.ok(opened.width > 0 && opened.height > 0, `the open notes show nothing (${opened.width}×${opened.height})`);
      });
    });
  });
}
