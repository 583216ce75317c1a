// Launching Debian's Chromium through playwright-core, and the watchers every page load uses:
// console errors, uncaught exceptions, CSP violations, and requests that leave the site.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.DOSSIER_CHROMIUM ?? '/usr/bin/chromium';

/** Error whose report is just its message: these are findings about the site, not test bugs. */
export class Finding extends Error {
  constructor(message) {
    super(message);
    this.name = 'Finding';
    this.stack = message;
  }
}

/** Throws a Finding listing `problems` under `title` when there are any. */
export function assertNone(problems, title) {
  if (problems.length > 0) {
    throw new Finding(`${title} (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function launchBrowser() {
  // Playwright's own browser builds cannot be downloaded here; Debian's chromium package is used.
  return chromium.launch({ executablePath: CHROMIUM, headless: true });
}

/**
 * Opens a fresh context (own storage, own viewport) and page, runs fn(page, context) and closes
 * the context whatever happens, so no state leaks between tests.
 */
export async function withPage(browser, options, fn) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  try {
    const page = await context.newPage();
    return await fn(page, context);
  } finally {
    await context.close();
  }
}

// Runs in the page before its own scripts: CSP violations also reach the console, but this
// also catches the ones from report-only policies and names the directive that was broken.
function recordCspViolations() {
  window.__dossierCsp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__dossierCsp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`);
  });
}

/**
 * Starts recording what goes wrong on `page`. Every request must start with `sitePrefix` (the
 * site's file:// folder or http://127.0.0.1:PORT/dossier/); data: URLs are not network requests.
 * Returns a function that resolves to the list of problems seen so far.
 */
export async function watchPage(page, sitePrefix) {
  const problems = [];
  await page.addInitScript(recordCspViolations);
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const where = msg.location()?.url ? ` [${msg.location().url}]` : '';
      problems.push(`console error: ${msg.text()}${where}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(sitePrefix) && !url.startsWith('data:')) {
      problems.push(`request outside the site: ${req.resourceType()} ${url}`);
    }
  });
  page.on('requestfailed', (req) => {
    problems.push(`request failed: ${req.url()} (${req.failure()?.errorText ?? 'unknown'})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  return async () => {
    const csp = await page.evaluate(() => window.__dossierCsp ?? []).catch(() => []);
    return [...problems, ...csp.map((v) => `CSP violation: ${v}`)];
  };
}

/** Loads a page and waits until the network is quiet, so late script errors are seen too. */
export async function load(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
}
