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

    after(() => {
      fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
      fs.writeFileSync(path.join(ARTIFACTS_DIR, 'axe-report.json'), JSON.stringify(report, null, 2));
    });
  });
}
