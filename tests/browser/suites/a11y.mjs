// Requirement 5 (axe part): axe-core finds no WCAG 2.2 AA violation on any page type, in the
// light and the dark colour scheme. Everything found is also written to
// target/browser/axe-report.json for whoever fixes it.
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { formatViolations, runAxe } from '../lib/axe.mjs';
import { Finding, load, withPage } from '../lib/browser.mjs';
import { ARTIFACTS_DIR, requirePage } from '../lib/site.mjs';

export const THEMES = ['light', 'dark'];

export function a11ySuite(h) {
  const report = [];
  describe('accessibility: axe-core, WCAG 2.2 A/AA', () => {
    for (const [type, rel] of Object.entries(h.types)) {
      for (const theme of THEMES) {
        it(`${type} (${rel}), ${theme}`, async () => {
          requirePage(h.siteDir, rel);
          // bypassCSP: axe is injected as an inline script, which the site's CSP rightly forbids.
          const { violations, incomplete } = await withPage(h.browser, { bypassCSP: true }, async (page) => {
            await page.emulateMedia({ colorScheme: theme });
            await load(page, h.url('http', rel));
            return runAxe(page);
          });
          report.push({ page: rel, type, theme, violations, incomplete });
          if (violations.length > 0) {
            throw new Finding(`${violations.length} axe violation(s) on ${rel} (${theme}):\n${formatViolations(violations)}`);
          }
        });
      }
    }

    // The search page as a reader uses it: results, the filters and a "Did you mean".
    for (const theme of THEMES) {
      it(`search with results, filters and a suggestion (search.html?q=Talibn), ${theme}`, async () => {
        requirePage(h.siteDir, h.types.search);
        const rel = `${h.types.search}?q=Talibn`;
        const { violations, incomplete } = await withPage(h.browser, { bypassCSP: true }, async (page) => {
          await page.emulateMedia({ colorScheme: theme });
          await load(page, h.url('http', rel));
          await page.waitForSelector('#search-results li', { timeout: 5000 });
          await page.waitForSelector('#search-filters select', { timeout: 5000 });
          await page.waitForSelector('#search-suggest:not([hidden])', { timeout: 5000 });
          return runAxe(page);
        });
        report.push({ page: rel, type: 'search-results', theme, violations, incomplete });
        if (violations.length > 0) {
          throw new Finding(`${violations.length} axe violation(s) on ${rel} (${theme}):\n${formatViolations(violations)}`);
        }
      });
    }

    after(() => {
      fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
      fs.writeFileSync(path.join(ARTIFACTS_DIR, 'axe-report.json'), JSON.stringify(report, null, 2));
    });
  });
}
