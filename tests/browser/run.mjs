// Browser tests of a built dossier site in headless Chromium (Debian's package, driven by
// playwright-core). Usage: node --test-reporter=spec run.mjs SITE_DIR — or tests/browser/run.sh,
// which installs what is needed and builds the site first. Exits non-zero on any failure.
import { after, before, describe } from 'node:test';
import { launchBrowser } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import { allPagesByType, fileBase, pageTypes, siteDirFromArgs } from './lib/site.mjs';
import { a11ySuite } from './suites/a11y.mjs';
import { journeySuite } from './suites/journey.mjs';
import { layoutSuite } from './suites/layout.mjs';
import { marginSuite } from './suites/margin.mjs';
import { builtPagesSuite, loadsSuite } from './suites/loads.mjs';
import { chartSuite } from './suites/chart.mjs';
import { ednotesSuite } from './suites/ednotes.mjs';
import { notesSuite } from './suites/notes.mjs';
import { periodsSuite } from './suites/periods.mjs';
import { searchSuite } from './suites/search.mjs';
import { themeSuite } from './suites/theme.mjs';

const siteDir = siteDirFromArgs();

// Shared by every suite; browser and server are filled in once the run starts.
const harness = {
  siteDir,
  types: pageTypes(siteDir),
  pagesByType: allPagesByType(siteDir),
  browser: null,
  server: null,
  /** Every request a page makes must start with this, per origin ('file' or 'http'). */
  prefix(origin) {
    return origin === 'file' ? fileBase(siteDir) : this.server.base;
  },
  /** Address of a site-relative page (may carry ?query and #hash) on an origin. */
  url(origin, rel) {
    return this.prefix(origin) + rel;
  },
};

describe(`dossier in headless Chromium (${siteDir})`, () => {
  before(async () => {
    harness.browser = await launchBrowser();
    harness.server = await startServer(siteDir);
  });
  after(async () => {
    await harness.browser?.close();
    await harness.server?.close();
  });

  builtPagesSuite(harness);
  loadsSuite(harness);
  journeySuite(harness);
  searchSuite(harness);
  notesSuite(harness);
  ednotesSuite(harness);
  themeSuite(harness);
  a11ySuite(harness);
  layoutSuite(harness);
  chartSuite(harness);
  marginSuite(harness);
  periodsSuite(harness);
});
