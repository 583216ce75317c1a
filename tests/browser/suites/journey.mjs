// Requirement 2: the reader's path through the cross-links ends on the exact paragraph,
// highlighted and on screen: home → article → actor mention → actor page → keyword-in-context
// line, and timeline entry → paragraph.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertNone, Finding, load, watchPage, withPage } from '../lib/browser.mjs';

// Where a paragraph link points: articles/<id>.html#pN, relative to the linking page.
const PARAGRAPH_HREF = /^(?:\.\.\/|\.\/)?articles\/([^/#?]+)\.html#(p\d+)$/;

/** Follows `link` (a Locator) and waits until the browser shows `pathSuffix` (+ `hash`). */
export async function follow(page, link, pathSuffix, hash = '') {
  await link.click();
  await page.waitForURL((url) => url.pathname.endsWith(pathSuffix) && url.hash === hash);
  await page.waitForLoadState('load');
}

/** The href of `link`, checked to be a paragraph link; returns { article, paragraph }. */
async function paragraphTarget(link, what) {
  const href = await link.getAttribute('href');
  const match = PARAGRAPH_HREF.exec(href ?? '');
  if (!match) throw new Finding(`${what} links to "${href}", not to articles/<id>.html#pN`);
  return { article: match[1], paragraph: match[2] };
}

// Runs in the page: how the paragraph with this id looks now.
function describeLanding(id) {
  const transparent = (c) => c === 'transparent' || /^rgba\(.*,\s*0\)$/.test(c);
  const backgroundBehind = (node) => {
    for (let n = node; n; n = n.parentElement) {
      const c = getComputedStyle(n).backgroundColor;
      if (!transparent(c)) return c;
    }
    return 'rgb(255, 255, 255)'; // the canvas
  };
  const el = document.getElementById(id);
  if (!el) return { exists: false };
  const r = el.getBoundingClientRect();
  // Whatever is drawn near the paragraph's top-left corner: a sticky header would show up here.
  const hit = document.elementFromPoint(r.left + Math.min(20, r.width / 2), r.top + Math.min(10, r.height / 2));
  const name = (n) => n && `${n.tagName.toLowerCase()}${n.id ? '#' + n.id : ''}${n.className ? '.' + String(n.className).trim().replace(/\s+/g, '.') : ''}`;
  return {
    exists: true,
    targetId: document.querySelector(':target')?.id ?? null,
    background: getComputedStyle(el).backgroundColor,
    transparent: transparent(getComputedStyle(el).backgroundColor),
    bodyBackground: backgroundBehind(document.body),
    top: r.top,
    viewportHeight: innerHeight,
    coveredBy: hit && !el.contains(hit) ? name(hit) : null,
  };
}

/** Asserts the page landed on paragraph `id`: it is :target, highlighted, and visible. */
export async function assertLandedOn(page, id) {
  assert.equal(new URL(page.url()).hash, `#${id}`, 'URL hash');
  // Smooth scrolling may still be moving: give the paragraph a moment to arrive on screen.
  await page
    .waitForFunction((pid) => {
      const r = document.getElementById(pid)?.getBoundingClientRect();
      return r && r.top > -1 && r.top < innerHeight; // -1: scrolling lands on sub-pixel offsets
    }, id, { timeout: 3000 })
    .catch(() => {});
  const at = await page.evaluate(describeLanding, id);
  const problems = [];
  if (!at.exists) throw new Finding(`no element with id="${id}" on ${page.url()}`);
  if (at.targetId !== id) problems.push(`:target is ${at.targetId ?? 'nothing'}, not #${id}`);
  if (at.transparent || at.background === at.bodyBackground) {
    problems.push(`not highlighted: background ${at.background}, page background ${at.bodyBackground}`);
  }
  if (!(at.top > -1 && at.top < at.viewportHeight)) {
    problems.push(`not in the viewport: its top is at ${Math.round(at.top)}px, viewport height ${at.viewportHeight}px`);
  }
  if (at.coveredBy) problems.push(`its top-left corner is covered by ${at.coveredBy}`);
  assertNone(problems, `landing on #${id} of ${page.url()}`);
}

async function homeToParagraph(h, origin) {
  await withPage(h.browser, {}, async (page) => {
    const seen = await watchPage(page, h.prefix(origin));
    await load(page, h.url(origin, 'index.html'));

    const card = page.locator('ol.cards li a').first();
    const articleHref = await card.getAttribute('href');
    await follow(page, card, `/${articleHref}`);

    const mention = page.locator('main .body a[href^="../actors/"]').first();
    const actorHref = await mention.getAttribute('href');
    if (!actorHref) throw new Finding(`no actor mention (a link to ../actors/) on ${page.url()}`);
    await follow(page, mention, actorHref.replace(/^\.\.\//, '/'));

    const line = page.locator('ul.kwic a').first();
    const to = await paragraphTarget(line, `the first keyword-in-context line on ${page.url()}`);
    await follow(page, line, `/articles/${to.article}.html`, `#${to.paragraph}`);
    await assertLandedOn(page, to.paragraph);
    assertNone(await seen(), 'problems along the way');
  });
}

async function timelineToParagraph(h, origin) {
  await withPage(h.browser, {}, async (page) => {
    const seen = await watchPage(page, h.prefix(origin));
    await load(page, h.url(origin, 'timeline.html'));
    // a.to-paragraph is the dedicated link if the timeline grows one; the source link goes there today.
    const link = page.locator('li.event a.to-paragraph, li.event .source a').first();
    const to = await paragraphTarget(link, 'the first timeline entry');
    await follow(page, link, `/articles/${to.article}.html`, `#${to.paragraph}`);
    await assertLandedOn(page, to.paragraph);
    assertNone(await seen(), 'problems along the way');
  });
}

export function journeySuite(h) {
  describe('reader journeys land on the highlighted paragraph', () => {
    for (const origin of ['file', 'http']) {
      it(`${origin}: home → article → mention → actor → KWIC line → paragraph`, () => homeToParagraph(h, origin));
      it(`${origin}: timeline entry → paragraph`, () => timelineToParagraph(h, origin));
    }
  });
}
