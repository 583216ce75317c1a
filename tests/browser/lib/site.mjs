// What the tests know about the built site: where it is, which page stands for each page
// type, and what the sources (seeds/) say a search should find. Read from disk, never guessed,
// so the tests follow the site as it changes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const BROWSER_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const REPO_ROOT = path.resolve(BROWSER_DIR, '..', '..');
export const SEEDS_DIR = path.join(REPO_ROOT, 'seeds');
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'target', 'browser');

/** The built site's folder: first argument, else $DOSSIER_SITE. */
export function siteDirFromArgs(argv = process.argv.slice(2), env = process.env) {
  const given = argv.find((a) => !a.startsWith('-')) ?? env.DOSSIER_SITE;
  if (!given) {
    throw new Error('usage: node run.mjs SITE_DIR (or set DOSSIER_SITE); tests/browser/run.sh builds one for you');
  }
  const dir = path.resolve(given);
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`${dir} has no index.html: is it a built dossier site?`);
  }
  return dir;
}

/** Site-relative paths of the HTML files in one folder of the site, sorted. */
function htmlFilesIn(siteDir, sub) {
  const dir = path.join(siteDir, sub);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => (sub ? `${sub}/${f}` : f));
}

/**
 * One representative page per page type (the first article and actor in name order), as
 * site-relative paths. A page type whose file is missing still appears, so the tests that
 * use it fail by name instead of silently shrinking.
 */
export function pageTypes(siteDir) {
  return {
    home: 'index.html',
    article: htmlFilesIn(siteDir, 'articles')[0] ?? 'articles/(none).html',
    actor: htmlFilesIn(siteDir, 'actors')[0] ?? 'actors/(none).html',
    timeline: 'timeline.html',
    search: 'search.html',
    404: '404.html',
  };
}

/** Every built page grouped by page type, for the checks that are cheap enough to run on all. */
export function allPagesByType(siteDir) {
  const types = pageTypes(siteDir);
  return {
    home: [types.home],
    article: htmlFilesIn(siteDir, 'articles'),
    actor: htmlFilesIn(siteDir, 'actors'),
    timeline: [types.timeline],
    search: [types.search],
    404: [types['404']],
  };
}

export function pageExists(siteDir, rel) {
  return fs.existsSync(path.join(siteDir, rel));
}

/** Throws a readable error when a page type has not been built (e.g. search.html before it lands). */
export function requirePage(siteDir, rel) {
  if (!pageExists(siteDir, rel)) {
    throw new Error(`${rel} is missing from the built site (${siteDir}); this page type has not been built yet`);
  }
}

/** file:// address of the site folder, with a trailing slash: every file:// request must start with it. */
export function fileBase(siteDir) {
  return pathToFileURL(siteDir).href.replace(/\/?$/, '/');
}

/** How often `term` occurs in `text`, ignoring case. */
export function countOccurrences(text, term) {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return (text.match(new RegExp(escaped, 'giu')) ?? []).length;
}

/**
 * Which article pages a search for `term` should rank first: the seed(s) whose text contains
 * the term most often (several when tied). Article pages are named after the seed's file stem.
 */
export function expectedTopArticles(term, seedsDir = SEEDS_DIR) {
  const counts = fs
    .readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => ({
      page: `articles/${path.basename(f, '.txt')}.html`,
      count: countOccurrences(fs.readFileSync(path.join(seedsDir, f), 'utf8'), term),
    }));
  const best = Math.max(0, ...counts.map((c) => c.count));
  if (best === 0) return [];
  return counts.filter((c) => c.count === best).map((c) => c.page);
}
