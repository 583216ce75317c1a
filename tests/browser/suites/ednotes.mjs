// Editorial notes: a reader sees the quoted words highlighted, can open the note beside them
// (by keyboard on a phone-sized screen, where notes fold) and read it; on a wide screen the
// note is already shown in the margin; axe finds nothing wrong with an open note.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { formatViolations, runAxe } from '../lib/axe.mjs';
import { Finding, load, withPage } from '../lib/browser.mjs';

const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1280, height: 900 };

/** The first article page (by name) that has an editorial note, read from disk. */
function articleWithNote(siteDir) {
  const dir = path.join(siteDir, 'articles');
  const page = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .find((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes('<details class="ednote"'));
  if (!page) throw new Finding('no article page has an editorial note (<details class="ednote">)');
  return `articles/${page}`;
}

// Runs in the page: the first note's highlight and note, as the reader gets them.
function firstNote() {
  const details = document.querySelector('details.ednote');
  const mark = document.getElementById(`${details.id}-quote`);
  const body = details.querySelector('.ednote-body');
  const box = body.getBoundingClientRect();
  const style = mark && getComputedStyle(mark);
  return {
    id: details.id,
    open: details.open,
    marked: mark ? mark.textContent : null,
    markBackground: style ? style.backgroundColor : null,
    markVisible: mark ? mark.getBoundingClientRect().width > 0 : false,
    bodyText: body.innerText.trim(),
    bodyShown: body.checkVisibility() && box.width > 0 && box.height > 0,
  };
}

export function ednotesSuite(h) {
  describe('editorial notes', () => {
    const rel = articleWithNote(h.siteDir);

    it('a wide screen shows the highlighted quote and its note in the margin', async () => {
      await withPage(h.browser, { viewport: WIDE }, async (page) => {
        await load(page, h.url('file', rel));
        const note = await page.evaluate(firstNote);
        assert.ok(note.markVisible, `the quote of ${note.id} is not shown`);
        assert.ok(note.marked && note.marked.length > 0, 'the highlighted quote is empty');
        assert.notEqual(note.markBackground, 'rgba(0, 0, 0, 0)', 'the quote is not highlighted');
        assert.ok(note.bodyShown, 'the note is not shown in the margin on a wide screen');
        assert.ok(note.bodyText.length > 20, `the note has no text: ${note.bodyText}`);
      });
    });

    it('at 390 px the note folds and opens from the keyboard', async () => {
      await withPage(h.browser, { viewport: PHONE }, async (page) => {
        await load(page, h.url('file', rel));
        const closed = await page.evaluate(firstNote);
        assert.equal(closed.open, false, 'the note should start closed at 390 px');
        assert.equal(closed.bodyShown, false, 'a closed note shows its text');
        await page.focus('details.ednote > summary');
        const label = await page.evaluate(() => document.activeElement.textContent);
        assert.match(label, /Editor’s note on “/);
        await page.keyboard.press('Enter');
        const opened = await page.evaluate(firstNote);
        assert.equal(opened.open, true, 'Enter on the summary did not open the note');
        assert.ok(opened.bodyShown && opened.bodyText.length > 20, 'the open note shows no text');
      });
    });

    for (const theme of ['light', 'dark']) {
      it(`axe passes with a note open (${theme})`, async () => {
        const { violations } = await withPage(h.browser, { viewport: PHONE, bypassCSP: true }, async (page) => {
          await page.emulateMedia({ colorScheme: theme });
          await load(page, h.url('http', rel));
          await page.evaluate(() => { document.querySelector('details.ednote').open = true; });
          return runAxe(page);
        });
        if (violations.length > 0) {
          throw new Finding(`${violations.length} axe violation(s) on ${rel} with a note open (${theme}):\n${formatViolations(violations)}`);
        }
      });
    }
  });
}
