// Requirement 1: every page of every type loads cleanly from file:// and from the /dossier/
// subpath over HTTP: no console errors, no uncaught exceptions, no CSP violations, and no
// request that leaves the site (which would break offline reading or a subpath deployment).
import { describe, it } from 'node:test';
import { assertNone, load, watchPage, withPage } from '../lib/browser.mjs';
import { requirePage } from '../lib/site.mjs';

export function builtPagesSuite(h) {
  describe('the built site has every page type', () => {
    for (const [type, rel] of Object.entries(h.types)) {
      it(`${type}: ${rel}`, () => requirePage(h.siteDir, rel));
    }
  });
}

/** Loads each page in turn in one tab; returns "page: problem" lines. */
async function problemsLoading(h, origin, pages) {
  return withPage(h.browser, {}, async (page) => {
    const seen = await watchPage(page, h.prefix(origin));
    const problems = [];
    for (const rel of pages) {
      await load(page, h.url(origin, rel));
      for (const p of await seen()) problems.push(`${rel}: ${p}`);
    }
    return problems;
  });
}

/** The policy's directives as { name: [sources] }. */
function parsePolicy(policy) {
  const directives = {};
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives[name.toLowerCase()] = sources;
  }
  return directives;
}

/** What is wrong with a page's declared CSP, or null when it forbids inline scripts. */
function cspProblem(policy) {
  if (policy == null) return 'no <meta http-equiv="Content-Security-Policy">';
  const directives = parsePolicy(policy);
  const scriptSources = directives['script-src'] ?? directives['default-src'];
  if (!scriptSources) return `policy sets neither script-src nor default-src: "${policy}"`;
  if (scriptSources.includes("'unsafe-inline'")) return `scripts may be inline ('unsafe-inline'): "${policy}"`;
  return null;
}

export function loadsSuite(h) {
  describe('clean loads: no console errors, no requests outside the site, no CSP violations', () => {
    for (const origin of ['file', 'http']) {
      for (const [type, pages] of Object.entries(h.pagesByType)) {
        it(`${origin}: every ${type} page (${pages.length})`, async () => {
          for (const rel of pages) requirePage(h.siteDir, rel);
          const problems = await problemsLoading(h, origin, pages);
          assertNone(problems, `problems loading ${type} pages from ${h.prefix(origin)}`);
        });
      }
    }

    it('every page declares a Content-Security-Policy that forbids inline scripts', async () => {
      const problems = [];
      await withPage(h.browser, { javaScriptEnabled: false }, async (page) => {
        for (const rel of Object.values(h.pagesByType).flat()) {
          if (!requirePageQuietly(h, rel, problems)) continue;
          await page.goto(h.url('file', rel));
          const meta = page.locator('head meta[http-equiv="Content-Security-Policy" i]');
          const policy = (await meta.count()) > 0 ? await meta.first().getAttribute('content') : null;
          const problem = cspProblem(policy);
          if (problem) problems.push(`${rel}: ${problem}`);
        }
      });
      assertNone(problems, 'pages without a strict Content-Security-Policy');
    });
  });
}

/** Notes a missing page as a problem instead of aborting a test that checks many pages. */
function requirePageQuietly(h, rel, problems) {
  try {
    requirePage(h.siteDir, rel);
    return true;
  } catch (err) {
    problems.push(err.message);
    return false;
  }
}
