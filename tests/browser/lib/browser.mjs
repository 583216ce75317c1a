// Launching Debian's Chromium through playwright-core, and the watchers every page load uses:
// console errors, uncaught exceptions, CSP violations, and requests that leave the site.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.DOSSIER_CHROMIUM ?? '/usr/bin/chromium';

/** Error whose report is just its message: these are findings about the site, not test bugs. */
export class Finding extends Error {
  constructor(message) {
    super(message);
    this.stack = `Finding: ${message}`; // no stack frames: they would only point into the tests
  }
}
Finding.prototype.name = 'Finding';

/** Throws a Finding listing `problems` under `title` when there are any. */
export function assertNone(problems, title) {
  if (problems.length > 0) {
    throw new Finding(`${title} (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function launchBrowser() {
  // Playwright's own browser builds cannot be downloaded here; Debian's chromium package is used.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // A page that reaches for another host must be reported, not actually reach it: every
    // name except the loopback server's resolves to nothing.
    args: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
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
 * Chromium itself asks for /favicon.ico at the server's root when a page names no icon, once in
 * a while and outside the page's control of timing; a 404 for it is not the page's error.
 */
function isImplicitFavicon(resourceUrl, pageUrl) {
  if (!resourceUrl || !pageUrl.startsWith('http')) return false;
  return resourceUrl === new URL('/favicon.ico', pageUrl).href;
}

/**
 * Starts recording what goes wrong on `page`. Every request must start with `sitePrefix` (the
 * site's file:// folder or http://127.0.0.1:PORT/dossier/); data: URLs are not network requests.
 * Returns a function that resolves to the problems seen since it was last called, so one page
 * can be reused for many loads (a fresh context costs a third of a second on a busy machine).
 */
export async function watchPage(page, sitePrefix) {
  const problems = [];
  await page.addInitScript(recordCspViolations);
  page.on('console', (msg) => {
    if (msg.type() !== 'error' || isImplicitFavicon(msg.location()?.url, page.url())) return;
    const where = msg.location()?.url ? ` [${msg.location().url}]` : '';
    problems.push(`console error: ${msg.text()}${where}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(sitePrefix) && !url.startsWith('data:')) {
      problems.push(`request outside the site: ${req.resourceType()} ${url}`);
    }
  });
  page.on('requestfailed', (req) => {
    // A request cut short because the page navigated away (a reload, a click) is not a
    // failure of the site: Chromium aborts in-flight fetches such as the favicon.
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${req.url()} (${req.failure()?.errorText ?? 'unknown'})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  return async () => {
    const csp = await page.evaluate(() => window.__dossierCsp.splice(0)).catch(() => []);
    return [...problems.splice(0), ...csp.map((v) => `CSP violation: ${v}`)];
  };
}

/**
 * Loads a page and lets it settle: the load event, then two animation frames so scripts that
 * run on load have done their first work and any error they raise has been seen. (Waiting for
 * network idle would add half a second to each of the ~100 loads.)
 */
export async function load(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}
