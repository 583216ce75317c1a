// Requirement 4: on a phone-sized screen the margin notes fold into <details class="notes">,
// closed by default, and a keyboard user can reach one with Tab and open it with Enter. The
// notes are made by dossier.js from each paragraph's own links: every actor the paragraph
// links, once, by its page's name, and every date as resolved, with its words.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

// Runs in the page: each notes element against the links of the blocks it is about (a
// paragraph or heading, or every item of a list), and every block with links covered.
function notesAgainstLinks() {
  const BLOCK = 'p[id], li[id], h2[id], h3[id], h4[id], h5[id], h6[id]';
  const body = document.querySelector('.reader .body');
  const problems = [];
  // A mention link says its kind by its address alone; a highlight in an author's link by its class.
  const isActor = (a) => a.classList.contains('ma') || (a.getAttribute('href') || '').startsWith('../actors/');
  const isDate = (a) => a.classList.contains('md') || (a.getAttribute('href') || '').startsWith('../timeline');
  const linksOf = (blocks) => [...body.querySelectorAll('a[href^="../actors/"], a[href^="../timeline"], mark.ma, mark.md')]
    .filter((a) => blocks.includes(a.closest(BLOCK)) && !a.closest('.margin'));
  // The date a link's timeline anchor spells, which the page leaves out of data-d.
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const spelled = (h) => {
    const day = /#t([1-9]\d{3})-(\d{2})-(\d{2})$/.exec(h || '');
    if (day && MONTHS[day[2] - 1] && day[3] >= 1 && day[3] <= 31) return `${Number(day[3])} ${MONTHS[day[2] - 1]} ${day[1]}`;
    const month = /#t([1-9]\d{3})-(\d{2})$/.exec(h || '');
    if (month && MONTHS[month[2] - 1]) return `${MONTHS[month[2] - 1]} ${month[1]}`;
    const week = /#t([1-9]\d{3})-W(\d{2})$/.exec(h || '');
    if (week && week[2] >= 1 && week[2] <= 53) return `week ${Number(week[2])} of ${week[1]}`;
    const year = /#t([1-9]\d{3})$/.exec(h || '');
    return year ? year[1] : null;
  };
  const covered = new Set();
  for (const notes of body.querySelectorAll('details.notes')) {
    const first = document.getElementById(notes.id.slice(2));
    if (!first) { problems.push(`${notes.id}: names no block`); continue; }
    let blocks = [first];
    if (first.tagName === 'LI') {
      let list = first.parentElement;
      while (list.parentElement !== body && /^(UL|OL|LI)$/.test(list.parentElement.tagName)) list = list.parentElement;
      blocks = [...list.querySelectorAll('li[id]')];
    }
    blocks.forEach((b) => covered.add(b));
    const links = linksOf(blocks);
    const href = (a) => a.getAttribute('href') || a.dataset.h;
    const actors = [...new Set(links.filter(isActor).map(href))];
    const listed = [...notes.querySelectorAll('.note-actors a')].map((a) => a.getAttribute('href'));
    if (JSON.stringify(actors) !== JSON.stringify(listed)) problems.push(`${notes.id}: actors ${listed} for links ${actors}`);
    const dates = links.filter(isDate);
    const noted = [...notes.querySelectorAll('.note-date')];
    if (dates.length !== noted.length) { problems.push(`${notes.id}: ${noted.length} dates noted for ${dates.length}`); continue; }
    dates.forEach((d, i) => {
      const a = noted[i].querySelector('a');
      if (a.getAttribute('href') !== href(d)) problems.push(`${notes.id}: date note links ${a.getAttribute('href')}`);
      if (a.textContent !== (d.dataset.d || spelled(href(d)) || d.textContent)) problems.push(`${notes.id}: date note says ${a.textContent}`);
      if (!noted[i].querySelector('.words').textContent.includes(d.textContent)) problems.push(`${notes.id}: date note lacks the words`);
    });
  }
  for (const block of body.querySelectorAll(BLOCK)) {
    if (!block.closest('.margin') && !covered.has(block) && linksOf([block]).length) problems.push(`#${block.id}: links but no notes`);
  }
  return problems;
}

// The page as written: each mention link's words and address, and each repeated mention's
// words (a bare <b>, which only a mention can be in an article body), in order.
function writtenMentions(html) {
  // Margin cells hold editorial notes (one <details> each), whose links are no mentions.
  const body = html.slice(html.indexOf('<div class="body">'))
    .replace(/<div class="margin">(?:<details[\s\S]*?<\/details>)*<\/div>/g, '');
  const decode = (s) => s.replace(/<[^>]*>/g, '').replace(/&#39;/g, "'").replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const found = [];
  const re = /<a href="(\.\.\/(?:actors\/|timeline|entities\/)[^"]*)"[^>]*>(.*?)<\/a>|<b>(.*?)<\/b>/g;
  for (let m; (m = re.exec(body));) {
    found.push(m[1] ? { href: m[1], words: decode(m[2]) } : { words: decode(m[3]) });
  }
  return found;
}

// Runs in the page: each mention link of the text (not of margin cells or the notes the
// script made), and any <b> left.
function shownMentions() {
  const body = document.querySelector('.reader .body');
  const links = [...body.querySelectorAll('a[href^="../actors/"], a[href^="../timeline"], a[href^="../entities/"]')]
    .filter((a) => !a.closest('.margin, details.notes'))
    .map((a) => ({ href: a.getAttribute('href'), words: a.textContent }));
  return { links, bare: [...body.querySelectorAll('b')].map((b) => b.textContent) };
}

export function notesSuite(h) {
  describe('repeated mentions', () => {
    it('a mention written as <b> becomes the link its words last had, on every article', async () => {
      await withPage(h.browser, { viewport: PHONE }, async (page) => {
        const problems = [];
        let repeats = 0;
        for (const rel of h.pagesByType.article) {
          const written = writtenMentions(readFileSync(join(h.siteDir, rel), 'utf8'));
          const latest = new Map();
          const expected = written.map((w) => {
            if (w.href) latest.set(w.words, w.href);
            else repeats++;
            return { href: w.href || latest.get(w.words), words: w.words };
          });
          await load(page, h.url('file', rel));
          const shown = await page.evaluate(shownMentions);
          if (shown.bare.length) problems.push(`${rel}: left as <b>: ${shown.bare.join(', ')}`);
          if (JSON.stringify(shown.links) !== JSON.stringify(expected)) {
            problems.push(`${rel}: ${shown.links.length} mention links shown for ${expected.length} written`);
          }
        }
        assert.deepEqual(problems, []);
        assert.ok(repeats > 0, 'no article wrote a repeated mention: the check proved nothing');
      });
    });
  });

  describe('margin notes at 390 px', () => {
    it('every annotated paragraph gets notes listing its actors once and each date with its words', async () => {
      await withPage(h.browser, { viewport: PHONE }, async (page) => {
        const problems = [];
        for (const rel of h.pagesByType.article) {
          await load(page, h.url('file', rel));
          problems.push(...(await page.evaluate(notesAgainstLinks)).map((p) => `${rel} ${p}`));
        }
        assert.deepEqual(problems, []);
      });
    });

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
