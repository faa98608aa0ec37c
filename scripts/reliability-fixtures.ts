// Inputs for the fault-injection tests (tests/integration/{kill,fuzz,reliability,offline}-*.test.ts):
// distinct photos made once with sharp, a data folder holding one claim, a seeded PRNG, and checks that a data
// folder survived (integrity, every page's file present with its hash, no leftover temp files).
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { databasePath } from '../electron/core/db/open';
import { storeRoot, verifyStoredFile } from '../electron/core/files/store';
import { openWorkspace } from '../electron/core/workspace';
import { seedSampleClaim } from '../tests/helpers/sample-claim';

export const GENERATED_DIR = join(import.meta.dirname, '..', 'tests', 'fixtures', 'generated');

import { seededRandom } from './seeded-random';

export { seededRandom };

/**
 * `count` different invoice-like JPEGs (text, lines, a red seal) of about 40–60 KB each, made once and
 * reused: big enough that copying and hashing take measurable time, small enough to keep the suite fast.
 */
export async function ensurePhotos(
  name: string,
  count: number,
  size = { width: 1000, height: 750 },
): Promise<string[]> {
  const dir = join(GENERATED_DIR, name);
  const files = Array.from({ length: count }, (_, i) =>
    join(dir, `photo-${String(i + 1).padStart(3, '0')}.jpg`),
  );
  if (files.every((f) => existsSync(f))) return files;
  mkdirSync(dir, { recursive: true });
  const rnd = seededRandom(count * 7919 + size.width);
  for (const [i, file] of files.entries()) {
    const rows = Array.from({ length: 14 }, (_, r) => {
      const y = 150 + r * 38;
      const w = 300 + Math.floor(rnd() * 500);
      return `<rect x="80" y="${y}" width="${w}" height="14" fill="#333" opacity="${(0.4 + rnd() * 0.5).toFixed(2)}"/>`;
    }).join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}">
      <rect width="100%" height="100%" fill="#f4f1ea"/>
      <rect x="40" y="40" width="${size.width - 80}" height="${size.height - 80}" fill="none" stroke="#222" stroke-width="3"/>
      <text x="80" y="110" font-size="44" font-family="sans-serif" fill="#111">INVOICE No. ${100000 + i * 37}</text>
      ${rows}
      <circle cx="${size.width - 200}" cy="${size.height - 190}" r="90" fill="none" stroke="#d22" stroke-width="10"/>
    </svg>`;
    // Test files run in parallel workers that may all generate at once: unique temp names, atomic renames.
    const tmp = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
    await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toFile(tmp);
    renameSync(tmp, file);
  }
  return files;
}

/** A data folder with one household, one person and one inpatient claim (#1). */
export async function makeClaimDataDir(dataDir: string): Promise<{ claimId: number }> {
  const ws = await openWorkspace(dataDir);
  try {
    const { claimId } = seedSampleClaim(ws.db, {
      person: { phone: undefined },
      claim: { totalAmount: undefined, crossRegion: undefined },
    });
    return { claimId };
  } finally {
    ws.close();
  }
}

export interface DataDirHealth {
  integrity: string;
  documents: number;
  pagesPerDocument: number[];
  /** document_pages rows whose stored file is missing or whose bytes no longer hash to the name. */
  badPages: Array<{ sha256: string; state: string }>;
  /** files rows with no stored file. */
  filesWithoutBytes: number;
  /** Leftover .part files in the store's temp folder. */
  tempFiles: number;
}

/**
 * Inspects a data folder the way the app would after a crash: openWorkspace (integrity check, migrations,
 * temp-file clean-up), then re-hashes every page's stored file.
 */
export async function inspectDataDir(dataDir: string): Promise<DataDirHealth> {
  const ws = await openWorkspace(dataDir);
  ws.close();
  const db = new Database(databasePath(dataDir), { readonly: true });
  try {
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>)
      .map((r) => r.integrity_check)
      .join('; ');
    const docs = db
      .prepare(
        'SELECT d.id, count(p.id) AS n FROM documents d LEFT JOIN document_pages p ON p.document_id = d.id GROUP BY d.id',
      )
      .all() as Array<{
      id: number;
      n: number;
    }>;
    const shas = (
      db.prepare('SELECT DISTINCT file_sha256 AS sha FROM document_pages').all() as Array<{ sha: string }>
    ).map((r) => r.sha);
    const badPages: DataDirHealth['badPages'] = [];
    for (const sha of shas) {
      const state = await verifyStoredFile(dataDir, sha);
      if (state !== 'ok') badPages.push({ sha256: sha, state });
    }
    let filesWithoutBytes = 0;
    for (const r of db.prepare('SELECT sha256 FROM files').all() as Array<{ sha256: string }>) {
      if ((await verifyStoredFile(dataDir, r.sha256)) !== 'ok') filesWithoutBytes++;
    }
    const tmp = join(storeRoot(dataDir), 'tmp');
    const tempFiles = existsSync(tmp) ? readdirSync(tmp).filter((n) => n.endsWith('.part')).length : 0;
    return {
      integrity,
      documents: docs.length,
      pagesPerDocument: docs.map((d) => d.n),
      badPages,
      filesWithoutBytes,
      tempFiles,
    };
  } finally {
    db.close();
  }
}

/** Number of .part files in the store's temp folder right now (before any reopen cleans them). */
export function countTempFiles(dataDir: string): number {
  const tmp = join(storeRoot(dataDir), 'tmp');
  return existsSync(tmp) ? readdirSync(tmp).filter((n) => n.endsWith('.part')).length : 0;
}
