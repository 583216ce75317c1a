// What a reader sees of the timeline chart's axis: every bar at 1280 px has a year under it
// (a busy year between two others reads '22), and no two year labels touch at any width.
import { describe, it } from 'node:test';
import { assertNone, load, withPage } from '../lib/browser.mjs';

const WIDE = { viewport: { width: 1280, height: 900 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

export function chartSuite(h) {
  describe('timeline chart axis', () => {
    it('the timeline chart labels every bar at 1280 px, and its year labels never touch (1280 and 390 px)', async () => {
      const problems = [];
      for (const [label, opts] of [['1280', WIDE], ['390', PHONE]]) {
        await withPage(h.browser, opts, async (page) => {
          await load(page, h.url('file', h.types.timeline));
          const got = await page.evaluate(() => {
            const svg = [...document.querySelectorAll('.timeline-figure .tl-svg')].find((s) => s.getBoundingClientRect().width > 0);
            const cols = [...svg.querySelectorAll('a.tl-year')];
            const texts = [...svg.querySelectorAll('text.tl-label')].map((t) => t.getBoundingClientRect()).sort((a, b) => a.left - b.left);
            const touching = texts.slice(1).filter((r, i) => r.left < texts[i].right).length;
            return { cols: cols.length, unlabelled: cols.filter((a) => !a.querySelector('text.tl-label')).map((a) => a.querySelector('title')?.textContent), touching };
          });
          if (got.cols === 0) problems.push(`${label} px: no year columns`);
          if (got.touching > 0) problems.push(`${label} px: ${got.touching} year labels touch`);
          if (label === '1280' && got.unlabelled.length > 0) problems.push(`${label} px: unlabelled bars ${got.unlabelled.join(', ')}`);
        });
      }
      assertNone(problems, 'timeline chart labels');
    });
  });
}
