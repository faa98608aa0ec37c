// Measures the longest stall of this (the "main") thread's event loop while the app's handlers import photos
// and export a bundle, with the work in this thread versus in the worker threads the desktop app uses.
// Run after `node scripts/build.mjs` (the workers are the built dist/*.mjs):
//   npx tsx tests/e2e/support/measure-main-stall.ts
// Prints figures; asserts nothing (timings belong in a measurement, not in a test).
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import sharp from 'sharp';
import { PageCheckWorker } from '../../../electron/core/api/check-in-worker';
import { dispatch } from '../../../electron/core/api/dispatch';
import { exportInWorker } from '../../../electron/core/api/export-in-worker';
import { FileGrants } from '../../../electron/core/api/grants';
import { createHandlers, type ApiState, type Platform } from '../../../electron/core/api/handlers';
import { openWorkspace } from '../../../electron/core/workspace';

const ROOT = resolve(import.meta.dirname, '../../..');
const SAMPLES = join(ROOT, 'resources/samples');
const ROUNDS = 3;

async function longestStallMs(work: () => Promise<unknown>): Promise<number> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  await work();
  h.disable();
  return h.max / 1e6;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'claimdesk-stall-'));
  await mkdir(join(dir, 'out'));
  // A 12-megapixel phone photo (the sample scaled up) besides the samples: big photos stall longest.
  const big = join(dir, 'big.jpg');
  await sharp(join(SAMPLES, 'invoice.jpg'))
    .resize(4000, 3000, { fit: 'fill' })
    .jpeg({ quality: 90 })
    .toFile(big);
  const files = [
    join(SAMPLES, 'invoice.jpg'),
    join(SAMPLES, 'itemized-bill.jpg'),
    join(SAMPLES, 'diagnosis.jpg'),
    big,
  ];
  const pool = new PageCheckWorker({ url: join(ROOT, 'dist/app/check-worker.mjs') });
  const exportWorker = { url: join(ROOT, 'dist/app/export-worker.mjs') };
  const platform: Platform = {
    shell: 'test',
    version: 'bench',
    chooseFiles: async () => [],
    chooseSavePath: async (name) => join(dir, 'out', name),
    openPath: async () => undefined,
    showInFolder: async () => undefined,
    printPdf: async () => false,
    today: () => '2026-10-01',
  };
  const results: Record<string, number[]> = {};
  for (const mode of ['in-thread', 'worker'] as const) {
    const state: ApiState = { ws: await openWorkspace(join(dir, `data-${mode}`)) };
    const grants = new FileGrants();
    const handlers =
      mode === 'worker'
        ? createHandlers(
            state,
            platform,
            grants,
            (ws, opts) => exportInWorker(exportWorker, ws.dataDir, opts),
            () => pool.check,
          )
        : createHandlers(state, platform, grants);
    const call = async <T>(method: Parameters<typeof dispatch>[1], payload: unknown): Promise<T> => {
      const r = await dispatch(handlers, method, payload, { emitProgress: () => undefined });
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value as T;
    };
    const h = await call<{ id: number }>('createHousehold', { name: '测' });
    const p = await call<{ id: number }>('createPerson', {
      householdId: h.id,
      name: '张三',
      idNumber: '11010519491231002X',
      relation: 'self',
      insuranceType: 'employee',
      insuredRegion: '北京市',
    });
    for (let round = 0; round < ROUNDS; round++) {
      const c = await call<{ id: number }>('createClaim', {
        claimantId: p.id,
        careSetting: 'outpatient',
        hospital: `医院${round}`,
        treatmentRegion: '北京市',
        visitDate: '2026-09-20',
        crossRegion: null,
      });
      const tokens = (await grants.grant(files)).map((g) => g.token);
      const importStall = await longestStallMs(() =>
        call('importDocument', { claimId: c.id, kind: 'invoice', files: tokens }),
      );
      const exportStall = await longestStallMs(() =>
        call('exportBundle', { claimId: c.id, withImages: true, allowIncomplete: true }),
      );
      (results[`${mode} import (4 photos, one 12 MP)`] ??= []).push(importStall);
      (results[`${mode} export`] ??= []).push(exportStall);
    }
    if (mode === 'worker') {
      // A stack of 20 photos dropped on 整叠放入: each is OCR'd and classified in the worker (distinct bytes:
      // the same file twice is refused).
      const stack: string[] = [];
      const papers = [
        'invoice.jpg',
        'itemized-bill.jpg',
        'diagnosis.jpg',
        'discharge-summary.jpg',
        'id-card.jpg',
      ];
      for (let i = 0; i < 20; i++) {
        const out = join(dir, `stack-${i}.jpg`);
        await sharp(join(SAMPLES, papers[i % papers.length]!))
          .rotate()
          .modulate({ brightness: 0.95 + 0.005 * i })
          .jpeg({ quality: 88 })
          .toFile(out);
        stack.push(out);
      }
      const c = await call<{ id: number }>('createClaim', {
        claimantId: p.id,
        careSetting: 'outpatient',
        hospital: '整叠医院',
        treatmentRegion: '北京市',
        visitDate: '2026-09-20',
        crossRegion: null,
      });
      const tokens = (await grants.grant(stack)).map((g) => g.token);
      const started = performance.now();
      const stall = await longestStallMs(() => call('importStack', { claimId: c.id, files: tokens }));
      results['worker importStack (20 photos, OCR each)'] = [stall];
      console.log(`importStack of 20 photos took ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    state.ws.close();
  }
  await pool.close();
  console.log(`Longest main-thread event-loop stall, ms (${ROUNDS} rounds; first round includes start-up):`);
  for (const [name, ms] of Object.entries(results))
    console.log(`  ${name.padEnd(40)} ${ms.map((m) => m.toFixed(0).padStart(5)).join(' ')}`);
  await rm(dir, { recursive: true, force: true });
}

await main();
