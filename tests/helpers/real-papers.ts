// Real scans and phone photos of Chinese medical papers from the MEBI set (github:csworkcode/EFDBNet,
// folder mebi/). The set has NO licence: the images are used on a developer's machine only and are never
// committed (not in tests, fixtures, docs or screenshots). Our own labels and figures live in docs/.
//
// Only the development files below may be opened. Every other imgs_*/im_* file in that folder is kept for
// acceptance by people outside the project: this module never lists, extracts or reads them.
//
// Where the files come from, first found wins:
//   1. CLAIMDESK_REAL_PAPERS: a folder holding the development files by name (imgs_27.jpg, …);
//   2. the search tool's mirror of the repository (CLAIMDESK_MEBI_MIRROR, default
//      /work/.mirror/csworkcode+EFDBNet/repo), read with `git show` into a cache folder outside the repo.
// Absent both, realPapersDir() returns null and the tests that need the files skip.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The development files issue 21 names; nothing else from the set is ever touched. */
export const REAL_DEV_FILES = [
  'imgs_1',
  'imgs_3',
  'imgs_5',
  'imgs_8',
  'imgs_11',
  'imgs_27',
  'imgs_310',
  'imgs_346',
  'imgs_358',
  'imgs_363',
  'imgs_564',
  'imgs_807',
  'imgs_919',
  'imgs_1092',
  'imgs_1094',
  'imgs_1096',
].map((stem) => `${stem}.jpg`);

const DEFAULT_MIRROR = '/work/.mirror/csworkcode+EFDBNet/repo';

function complete(dir: string): boolean {
  return REAL_DEV_FILES.every((f) => existsSync(join(dir, f)));
}

/** A folder holding every development file, or null when neither the folder nor the mirror is here. */
export function realPapersDir(): string | null {
  const given = process.env.CLAIMDESK_REAL_PAPERS;
  if (given) return complete(given) ? given : null;
  const mirror = process.env.CLAIMDESK_MEBI_MIRROR ?? DEFAULT_MIRROR;
  if (!existsSync(mirror)) return null;
  const cache = join(tmpdir(), 'claimdesk-real-papers-dev');
  if (complete(cache)) return cache;
  try {
    mkdirSync(cache, { recursive: true });
    for (const f of REAL_DEV_FILES) {
      const target = join(cache, f);
      if (existsSync(target)) continue;
      const bytes = execFileSync('git', ['--git-dir', mirror, 'show', `HEAD:mebi/${f}`], {
        maxBuffer: 64 * 1024 * 1024,
      });
      // Whole or absent: a reader never sees half a file.
      writeFileSync(`${target}.part`, bytes);
      renameSync(`${target}.part`, target);
    }
  } catch {
    return null;
  }
  return complete(cache) ? cache : null;
}
