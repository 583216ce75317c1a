// A small generated site dense enough for the timeline's period pages: two quiet years with a
// page each, and one busy year between them split into a page per month; and a busy actor. The shipped site's
// timeline fits one page, so without this the browser never sees a period page.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './site.mjs';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The busy year (split into months) and the quiet years around it (a page each). */
export const DENSE = { busy: 2020, quiet: [2019, 2021] };

/** The release binary the site is built with: $DOSSIER_BIN, else the repository's. */
function dossierBinary() {
  const bin = process.env.DOSSIER_BIN ?? path.join(REPO_ROOT, 'target', 'release', 'dossier');
  if (!fs.existsSync(bin)) {
    throw new Error(`${bin} is missing: run cargo build --release (tests/browser/run.sh does) or set DOSSIER_BIN`);
  }
  return bin;
}

/** `days` articles, each citing one day of `year` in a long sentence (28 days a month). */
function writeDispatches(seeds, year, days) {
  for (let n = 0; n < days; n++) {
    const month = MONTHS[Math.floor(n / 28) % 12];
    const day = (n % 28) + 1;
    const text =
      `Dispatch ${year} number ${n}\n\nOn ${day} ${month} ${year}, the harbour committee met again to weigh the long ` +
      'list of complaints about the ferry timetable, the fares, the new quay and the noise of the night shift, ' +
      'and adjourned without a decision once more. ' +
      // Eight mentions of the committee an article make it a busy actor (over 2,000), whose
      // page lists a row per article; one paragraph, which a standfirst would take otherwise.
      'The committee heard the committee clerk; the committee chair thanked the committee, ' +
      'the committee staff and the committee secretary, and the committee rose.\n';
    fs.writeFileSync(path.join(seeds, `d${year}-${String(n).padStart(3, '0')}.txt`), text);
  }
}

/** Builds the dense site into a fresh temporary folder; resolves to { dir, site, remove }. */
export function buildDenseSite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-dense.'));
  const seeds = path.join(dir, 'seeds');
  fs.mkdirSync(seeds);
  fs.writeFileSync(path.join(dir, 'site.toml'),
    'title = "Harbour dispatches"\n[[actors]]\nid = "committee"\nname = "Harbour committee"\n' +
    'aliases = ["committee", "harbour committee"]\n');
  writeDispatches(seeds, DENSE.busy, 12 * 28);
  for (const year of DENSE.quiet) writeDispatches(seeds, year, 5);
  const site = path.join(dir, 'site');
  const run = spawnSync(dossierBinary(), ['build', '-o', site], { cwd: dir, encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(`dossier build of the dense site failed (${run.status}):\n${run.stderr}`);
  }
  return { dir, site, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
