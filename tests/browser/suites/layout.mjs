// Requirements 6 and 7: full-page screenshots of every page type (1280 and 390 px, light and
// dark) for people to look at, and no horizontal scrolling on narrow phones (320 and 390 px).
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { assertNone, load, withPage } from '../lib/browser.mjs';
import { ARTIFACTS_DIR, requirePage } from '../lib/site.mjs';
import { THEMES } from './a11y.mjs';

const SCREENSHOT_DIR = path.join(ARTIFACTS_DIR, 'screenshots');
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
