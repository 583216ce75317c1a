// Requirements 6 and 7: full-page screenshots of every page type (1280 and 390 px, light and
// dark) for people to look at, and no horizontal scrolling on narrow phones (320 and 390 px).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { assertNone, load, withPage } from '../lib/browser.mjs';
import { ARTIFACTS_DIR, requirePage } from '../lib/site.mjs';
import { THEMES } from './a11y.mjs';

const SCREENSHOT_DIR = path.join(ARTIFACTS_DIR, 'screenshots');
// A phone: the first paragraph of an article must start within its first ~600 px.
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const FIRST_SCREEN_PX = 600;

// Runs in the page: where the article's text starts and what its folded header shows.
function articleTop() {
  const p = document.querySelector('.body p');
  const about = document.querySelector('details.about');
  const chip = about?.querySelector('.chips a');
  const shown = (el) => !!el && el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true });
  return {
    firstParagraph: p ? Math.round(p.getBoundingClientRect().top + window.scrollY) : null,
    about: !!about,
    open: !!about?.open,
    chipShown: shown(chip),
    hasChips: !!chip,
  };
}
const SCREENSHOT_WIDTHS = [1280, 390];
const NARROW_WIDTHS = [320, 390];

// Runs in the page: whether the document scrolls sideways, and which elements stick out
// (the innermost ones, which are where a fix goes).
function horizontalOverflow() {
  const limit = window.innerWidth;
  const sticksOut = (el) => el.getBoundingClientRect().right > limit + 0.5;
  const one = (el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.classList.length ? '.' + [...el.classList].join('.') : ''}`;
  // A short selector path plus the element's text, so the culprit can be found in the template.
  const name = (el) => {
    const path = [el, el.parentElement, el.parentElement?.parentElement].filter(Boolean).reverse().map(one).join(' > ');
    const text = el.textContent.trim().replace(/\s+/g, ' ').slice(0, 30);
    return text ? `${path} "${text}"` : path;
  };
  const culprits = [...document.body.querySelectorAll('*')]
    .filter((el) => sticksOut(el) && ![...el.children].some(sticksOut))
    .slice(0, 5)
    .map((el) => `${name(el)} reaches ${Math.round(el.getBoundingClientRect().right)}px`);
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: limit, culprits };
}

export function layoutSuite(h) {
  describe('screenshots', () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    for (const [type, rel] of Object.entries(h.types)) {
      it(`${type}: ${SCREENSHOT_WIDTHS.join(' and ')} px, ${THEMES.join(' and ')}`, async () => {
        requirePage(h.siteDir, rel);
        for (const width of SCREENSHOT_WIDTHS) {
          await withPage(h.browser, { viewport: { width, height: 900 } }, async (page) => {
            for (const theme of THEMES) {
              await page.emulateMedia({ colorScheme: theme });
              await load(page, h.url('http', rel));
              await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${type}-${width}-${theme}.png`), fullPage: true });
            }
          });
        }
      });
    }
  });

  describe('phone reading (390 × 844)', () => {
    it('every article starts its text on the first screen; metadata and actors fold behind a <details>', async () => {
      const problems = [];
      for (const rel of h.pagesByType.article) {
        await withPage(h.browser, PHONE, async (page) => {
          await load(page, h.url('file', rel));
          const top = await page.evaluate(articleTop);
          if (top.firstParagraph === null) return; // an article without a paragraph
          if (top.firstParagraph > FIRST_SCREEN_PX) problems.push(`${rel}: first paragraph at ${top.firstParagraph} px`);
          if (!top.about) problems.push(`${rel}: no details.about`);
          else if (top.open || top.chipShown) problems.push(`${rel}: the article's details are open on a phone`);
        });
      }
      assertNone(problems, `articles whose text starts below ${FIRST_SCREEN_PX} px on a phone`);
    });

    it('the folded details open with a tap, JavaScript or not', async () => {
      const rel = h.types.article;
      for (const javaScriptEnabled of [true, false]) {
        await withPage(h.browser, { ...PHONE, javaScriptEnabled }, async (page) => {
          // No page script may run with JavaScript off, so only locators look at the page.
          await page.goto(h.url('file', rel), { waitUntil: 'load' });
          const chip = page.locator('details.about .chips a').first();
          assert.equal(await chip.count(), 1, `${rel} lists no actors to fold`);
          assert.equal(await chip.isVisible(), false, 'the actors show before the tap');
          await page.locator('details.about > summary').tap({ timeout: 5000 });
          await chip.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
          const how = javaScriptEnabled ? 'on' : 'off';
          assert.ok(await chip.isVisible(), `tapping the summary did not show the actors (JavaScript ${how})`);
        });
      }
    });

    it('wide screens show the details open, without a tap', () =>
      withPage(h.browser, { viewport: { width: 1280, height: 900 } }, async (page) => {
        await load(page, h.url('file', h.types.article));
        const top = await page.evaluate(articleTop);
        assert.ok(top.chipShown, 'the actor chips are hidden at 1280 px');
        assert.equal(await page.locator('details.about > summary').isVisible(), false, 'the fold control shows at 1280 px');
      }));

    it('previous and next stack flush left on a phone; readers see no source path', async () => {
      const problems = [];
      for (const rel of h.pagesByType.article) {
        await withPage(h.browser, PHONE, async (page) => {
          await load(page, h.url('file', rel));
          const got = await page.evaluate(() => {
            const left = (sel) => {
              const a = document.querySelector(sel);
              if (!a) return null;
              const r = document.createRange();
              r.selectNodeContents(a);
              return Math.round(Math.min(...[...r.getClientRects()].map((x) => x.left)));
            };
            return {
              prev: left('.prevnext .prev a'),
              next: left('.prevnext .next a'),
              text: document.querySelector('main').innerText,
            };
          });
          if (got.prev !== null && got.next !== null && Math.abs(got.prev - got.next) > 2) {
            problems.push(`${rel}: "previous" starts at ${got.prev} px, "next" at ${got.next} px`);
          }
          if (/Source:\s*\S+\.(txt|md)/.test(got.text)) problems.push(`${rel}: shows its source path`);
        });
      }
      assertNone(problems, 'article pages');
      const exported = fs.readFileSync(path.join(h.siteDir, 'data', 'annotations.json'), 'utf8');
      assert.match(exported, /"source":\s*"[^"]+\.(txt|md)"/, 'the export no longer names the source files');
    });

    it('the home page and the timeline count the same dated mentions', () =>
      withPage(h.browser, {}, async (page) => {
        await load(page, h.url('file', h.types.home));
        const home = await page.locator('main').innerText();
        await load(page, h.url('file', h.types.timeline));
        const timeline = await page.locator('main').innerText();
        const count = (text) => text.match(/(\d[\d,]*) dated mentions?\b/)?.[1];
        assert.ok(count(home), `the home page does not say how many dated mentions: ${home.slice(0, 300)}`);
        assert.equal(count(home), count(timeline), 'the home page and the timeline give different counts');
        assert.doesNotMatch(home, /dated events/, 'the home page still says "dated events"');
      }));
  });

  describe('no horizontal overflow on narrow screens', () => {
    for (const [type, rel] of Object.entries(h.types)) {
      it(`${type}: ${NARROW_WIDTHS.join(' and ')} px`, async () => {
        requirePage(h.siteDir, rel);
        const problems = [];
        for (const width of NARROW_WIDTHS) {
          await withPage(h.browser, { viewport: { width, height: 800 } }, async (page) => {
            await load(page, h.url('http', rel));
            const o = await page.evaluate(horizontalOverflow);
            if (o.scrollWidth > o.innerWidth) {
              problems.push(`${width}px: page is ${o.scrollWidth}px wide; ${o.culprits.join(', ') || 'no single element found'}`);
            }
          });
        }
        assertNone(problems, `${rel} scrolls sideways`);
      });
    }
  });
}
