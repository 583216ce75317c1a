// A tiny static file server for the built site, mounted under a subpath (/dossier/) as on a
// project page of a static host, so links that assume the site sits at "/" show up as
// requests outside the site. Loopback only, on a free port chosen by the OS.
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

export const MOUNT = '/dossier/';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/** Maps a request path to a file inside siteDir, or null when it is outside the mount or the site. */
function fileFor(siteDir, urlPath) {
  if (!urlPath.startsWith(MOUNT)) return null;
  let rel;
  try {
    rel = decodeURIComponent(urlPath.slice(MOUNT.length));
  } catch {
    return null;
  }
  const file = path.resolve(siteDir, rel);
  // Refuse anything that climbs out of the site folder (../).
  if (file !== siteDir && !file.startsWith(siteDir + path.sep)) return null;
  return file;
}

async function readServable(file) {
  const stat = await fs.stat(file).catch(() => null);
  if (stat?.isDirectory()) return readServable(path.join(file, 'index.html'));
  if (!stat?.isFile()) return null;
  return { file, body: await fs.readFile(file) };
}

async function handle(siteDir, req, res) {
  const urlPath = new URL(req.url, 'http://localhost').pathname;
  if (urlPath === MOUNT.slice(0, -1)) {
    res.writeHead(301, { Location: MOUNT }).end();
    return;
  }
  const file = fileFor(siteDir, urlPath);
  const found = file && (await readServable(file));
  if (!found) {
    // Like a static host: the site's own 404 page, with a 404 status.
    const notFound = await fs.readFile(path.join(siteDir, '404.html')).catch(() => 'not found');
    res.writeHead(404, { 'Content-Type': CONTENT_TYPES['.html'], 'Cache-Control': 'no-store' }).end(notFound);
    return;
  }
  const type = CONTENT_TYPES[path.extname(found.file).toLowerCase()] ?? 'application/octet-stream';
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(found.body);
}

/** Starts serving siteDir at http://127.0.0.1:PORT/dossier/. Resolves to { base, close }. */
export async function startServer(siteDir) {
  const root = path.resolve(siteDir);
  const server = http.createServer((req, res) => {
    handle(root, req, res).catch((err) => {
      res.writeHead(500).end(String(err));
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    base: `http://127.0.0.1:${port}${MOUNT}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
