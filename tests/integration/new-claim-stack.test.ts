// A stack dropped on 新建报销: read without storing anything, then the claim created with every paper under
// its kind in one step, reusing the drop's readings (by file hash) instead of reading each paper twice; a
// failed creation leaves no claim and no document. Real sample papers, real OCR models, a real SQLite file.
import sharp from 'sharp';
import { copyFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClaimWithStack, readStack, StackReadings } from '../../electron/core/import-stack';
import type { PageAnalyser } from '../../electron/core/pages/analyse';
import { analyseInThread } from '../../electron/core/pages/pipeline';
import { listClaims, listDocuments } from '../../electron/core/repo';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';
import { prefillOfInvoices } from '../../renderer/src/components/invoice-prefill';
import { stackSummary } from '../../shared/stack';
import { seedSampleClaim } from '../helpers/sample-claim';
import { makeTempDir } from '../helpers/tmp';

const SAMPLES = resolve(import.meta.dirname, '../../resources/samples');
let tmp: { dir: string; cleanup: () => void };
let ws: Workspace;
let claimantId: number;
let blank: string;

/** analyseInThread, counting the files it really looks at. */
function countingAnalyser(): { analyse: PageAnalyser; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    analyse: async (input, options) => {
      calls.push(String(input.displayName));
      return analyseInThread(input, options);
    },
  };
}

const claimCount = () => listClaims(ws.db, { pageSize: 500 }).total;
/** Files in the content-addressed store (the originals of stored pages). */
function storedFiles(): number {
  const dir = join(ws.dataDir, 'files');
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

const CLAIM = () => ({
  claimantId,
  careSetting: 'inpatient',
  hospital: '上海市第一人民医院',
  treatmentRegion: '上海市',
  admissionDate: '2026-09-01',
  dischargeDate: '2026-09-10',
  crossRegion: null,
});

beforeAll(async () => {
  tmp = makeTempDir('claimdesk-newstack-');
  ws = await openWorkspace(join(tmp.dir, 'data'));
  claimantId = seedSampleClaim(ws.db, { person: { phone: undefined }, claim: null }).claimantId;
  blank = join(tmp.dir, '空白.jpg');
  await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#eeeae0' } })
    .jpeg()
    .toFile(blank);
});
afterAll(() => {
  ws.close();
  tmp.cleanup();
});

describe('a stack dropped on the new-claim screen', () => {
  it('is read without storing, and the claim is created with it from the same readings', async () => {
    const invoice = join(tmp.dir, '发票.jpg');
    copyFileSync(join(SAMPLES, 'invoice.jpg'), invoice);
    const files = [
      { path: invoice, name: '发票.jpg' },
      { path: join(SAMPLES, 'itemized-bill.jpg'), name: '费用清单.jpg' },
      { path: join(SAMPLES, 'diagnosis.jpg'), name: '诊断证明.jpg' },
      { path: blank, name: '空白.jpg' },
      { path: join(SAMPLES, 'manifest.json'), name: 'manifest.json' },
    ];
    const readings = new StackReadings();
    const counter = countingAnalyser();
    const claimsBefore = claimCount();
    const storedBefore = storedFiles();
    const progress: string[] = [];
    const { read, rejected } = await readStack(ws, {
      files,
      readings,
      analyse: counter.analyse,
      onProgress: (d, t) => progress.push(`${d}/${t}`),
    });
    expect(progress).toEqual(['1/5', '2/5', '3/5', '4/5', '5/5']);
    expect(read.map((r) => [r.index, r.name, r.kind])).toEqual([
      [0, '发票.jpg', 'invoice'],
      [1, '费用清单.jpg', 'itemized_bill'],
      [2, '诊断证明.jpg', 'diagnosis_certificate'],
      [3, '空白.jpg', null],
    ]);
    expect(rejected.map((r) => r.name)).toEqual(['manifest.json']);
    expect(rejected[0]!.reason).toContain('不是照片或 PDF');
    expect(stackSummary(read).zh).toBe('1 张发票、1 张费用清单、1 张诊断证明、1 张无法识别 — 请选择');
    // What the form is pre-filled with: the sample invoice's 住院 stay at 上海市第一人民医院, 合计 11845.67.
    expect(prefillOfInvoices(read.filter((r) => r.kind === 'invoice').map((r) => r.fields))).toEqual({
      careSetting: 'inpatient',
      hospital: '上海市第一人民医院',
      admissionDate: '2026-09-01',
      dischargeDate: '2026-09-10',
      totalAmount: 11845.67,
    });
    // Nothing stored by reading: no claim, no stored original.
    expect(claimCount()).toBe(claimsBefore);
    expect(storedFiles()).toBe(storedBefore);
    expect(counter.calls).toHaveLength(4);
    expect(readings.size).toBe(4);

    // A wrong answer is refused before any file work, and creates nothing.
    await expect(
      createClaimWithStack(ws, {
        claim: { ...CLAIM(), claimantId: 999_999 },
        files: files.slice(0, 4),
        readings,
        analyse: counter.analyse,
      }),
    ).rejects.toThrow(/999999|找不到/);
    expect(counter.calls).toHaveLength(4);
    expect(claimCount()).toBe(claimsBefore);

    // Created: every paper under its kind, each read once in all (the drop's readings reused).
    const made = await createClaimWithStack(ws, {
      claim: CLAIM(),
      files: files.slice(0, 4),
      readings,
      analyse: counter.analyse,
    });
    expect(counter.calls).toHaveLength(4);
    expect(readings.size).toBe(0);
    expect(claimCount()).toBe(claimsBefore + 1);
    expect(storedFiles()).toBe(storedBefore + 4);
    expect(made.placed.map((p) => [p.name, p.kind])).toEqual([
      ['发票.jpg', 'invoice'],
      ['费用清单.jpg', 'itemized_bill'],
      ['诊断证明.jpg', 'diagnosis_certificate'],
      ['空白.jpg', null],
    ]);
    expect(
      listDocuments(ws.db, made.claim.id).map((d) => [d.kind, d.pages.map((p) => p.originalName)]),
    ).toEqual([
      ['invoice', ['发票.jpg']],
      ['itemized_bill', ['费用清单.jpg']],
      ['diagnosis_certificate', ['诊断证明.jpg']],
      ['other', ['空白.jpg']],
    ]);
    expect(made.claim.fields.hospital).toBe('上海市第一人民医院');
  }, 400_000);

  it('reads a file again when it changed since the drop, and refuses the whole claim when one is gone', async () => {
    const paper = join(tmp.dir, '材料.jpg');
    const gone = join(tmp.dir, '诊断.jpg');
    // A fresh blank of another colour: bytes this workspace has not stored yet.
    await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#e4ece8' } })
      .jpeg()
      .toFile(paper);
    copyFileSync(join(SAMPLES, 'diagnosis.jpg'), gone);
    const files = [
      { path: paper, name: '材料.jpg' },
      { path: gone, name: '诊断.jpg' },
    ];
    const readings = new StackReadings();
    const counter = countingAnalyser();
    const { read } = await readStack(ws, { files, readings, analyse: counter.analyse });
    expect(read.map((r) => r.kind)).toEqual([null, 'diagnosis_certificate']);
    expect(counter.calls).toEqual(['材料.jpg', '诊断.jpg']);

    // The person's file changes (another photo saved under the same name): its old reading is not used.
    copyFileSync(join(SAMPLES, 'itemized-bill.jpg'), paper);
    rmSync(gone);
    const claimsBefore = claimCount();
    const documentsBefore = listClaims(ws.db, { pageSize: 500 }).items.flatMap((c) =>
      listDocuments(ws.db, c.id),
    ).length;
    await expect(
      createClaimWithStack(ws, { claim: CLAIM(), files, readings, analyse: counter.analyse }),
    ).rejects.toThrow(/报销单没有创建：“诊断\.jpg”找不到了/);
    expect(counter.calls).toEqual(['材料.jpg', '诊断.jpg', '材料.jpg']);
    expect(claimCount()).toBe(claimsBefore);
    expect(listClaims(ws.db, { pageSize: 500 }).items.flatMap((c) => listDocuments(ws.db, c.id)).length).toBe(
      documentsBefore,
    );

    // Without the missing file it goes through, the changed one placed by what it now is.
    const made = await createClaimWithStack(ws, {
      claim: CLAIM(),
      files: files.slice(0, 1),
      readings,
      analyse: counter.analyse,
    });
    expect(made.placed.map((p) => [p.name, p.kind])).toEqual([['材料.jpg', 'itemized_bill']]);
    writeFileSync(gone, ''); // leave the temp folder as tidy as the cleanup expects
  }, 400_000);
});
