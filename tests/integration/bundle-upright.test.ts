// A paper photographed sideways (no orientation tag) is printed upright in the bundle: import reads it turned
// (ocr/orientation.ts) and keeps the turn in the page's facts, and the export turns the photo the same way,
// so a reviewer does not turn the sheet. Real import (real OCR) into a real SQLite workspace, real export,
// the PDF's image read back by poppler (pdfimages) and read again by our reader, which must now find it
// upright without turning it.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportStoredClaim } from '../../electron/core/export/stored-claim';
import { importDocument } from '../../electron/core/import';
import { readPaper } from '../../electron/core/pages/reader';
import { listDocuments } from '../../electron/core/repo';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';
import { shoot } from '../../scripts/ocr-corpus/shots';
import { seedSampleClaim } from '../helpers/sample-claim';
import { makeTempDir } from '../helpers/tmp';

const tmp = makeTempDir('claimdesk-upright-');
let ws: Workspace;
let claimId: number;
let upright: unknown;
let uprightName: string | null = null;

beforeAll(async () => {
  // A portrait itemized bill, turned 90° clockwise by sharp with no orientation tag: it lies on its side.
  const shot = await shoot('itemized_bill', 5150, 0, { w: 2000, h: 1500 });
  const asPrinted = await sharp(shot.jpeg).metadata();
  expect(asPrinted.height).toBeGreaterThan(asPrinted.width!);
  const sideways = join(tmp.dir, '清单-横拍.jpg');
  writeFileSync(sideways, await sharp(shot.jpeg).rotate(90).jpeg({ quality: 90 }).toBuffer());
  uprightName = String(shot.paper.truth.patientName);

  ws = await openWorkspace(join(tmp.dir, 'data'));
  claimId = seedSampleClaim(ws.db).claimId;
  await importDocument(ws, { claimId, kind: 'itemized_bill', paths: [sideways], checks: false });
  upright = listDocuments(ws.db, claimId)[0]!.pages[0]!.facts?.upright;
}, 300_000);
afterAll(() => {
  ws?.close();
  tmp.cleanup();
});

describe('a sideways photo in the bundle', () => {
  it('is read turned, and the turn is stored with the page', () => {
    expect(upright).toBe(270);
  });

  it('is printed upright: portrait in the PDF, and it reads without turning', async () => {
    const out = join(tmp.dir, 'bundle.pdf');
    await exportStoredClaim(ws, {
      claimId,
      outFile: out,
      imagesDir: null,
      allowIncomplete: true,
      today: '2026-11-20',
      onProgress: () => {},
    });
    const dir = join(tmp.dir, 'img');
    spawnSync('mkdir', ['-p', dir]);
    expect(spawnSync('pdfimages', ['-j', out, join(dir, 'p')]).status).toBe(0);
    // The one photo in the bundle (the cover, checklist and pledge are drawn, not images).
    const images = readdirSync(dir).filter((f) => f.endsWith('.jpg'));
    expect(images).toHaveLength(1);
    const meta = await sharp(join(dir, images[0]!)).metadata();
    expect(meta.height!).toBeGreaterThan(meta.width!);
    const read = await readPaper(join(dir, images[0]!), { kind: 'itemized_bill' });
    expect(read.upright).toBe(0);
    expect(read.fields.patientName?.value).toBe(uprightName);
  }, 300_000);
});
