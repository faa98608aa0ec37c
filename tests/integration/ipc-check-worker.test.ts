// The import's page analysis in a worker thread (as the desktop app runs it): the same facts as the
// in-thread analysePage on real photos through real sharp, progress per file for a multi-file import, and a
// clear refusal (not a hang) when the worker dies.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageCheckWorker } from '../../electron/core/api/check-in-worker';
import { dispatch } from '../../electron/core/api/dispatch';
import { FileGrants } from '../../electron/core/api/grants';
import { createHandlers, type ApiState, type Platform } from '../../electron/core/api/handlers';
import { analyseInThread } from '../../electron/core/pages/pipeline';
import type { PageFacts } from '../../shared/page-facts';
import { openWorkspace } from '../../electron/core/workspace';
import type { Envelope, IpcResponse, ProgressEvent } from '../../shared/ipc';

const SAMPLES = resolve(import.meta.dirname, '../../resources/samples');
const WORKER = {
  url: new URL('../helpers/ts-worker.mjs', import.meta.url),
  argv: [resolve(import.meta.dirname, '../../electron/core/api/check-worker.ts')],
};
let dir: string;
let state: ApiState;
let pool: PageCheckWorker;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'claimdesk-checkworker-'));
  state = { ws: await openWorkspace(join(dir, 'data')) };
  pool = new PageCheckWorker(WORKER);
});
afterAll(async () => {
  await pool.close();
  state.ws.close();
  await rm(dir, { recursive: true, force: true });
});

/** Elapsed time differs run to run; everything else in the facts must be identical. */
function withoutTiming(facts: PageFacts): unknown {
  const { elapsedMs: _t, ...rest } = facts.quality!;
  return { ...facts, quality: rest };
}

describe('photo checks in a worker thread', () => {
  it('gives the same reports as the in-thread checker', async () => {
    const blurred = join(dir, 'blurred.jpg');
    await sharp(join(SAMPLES, 'invoice.jpg')).blur(6).jpeg().toFile(blurred);
    const files = [
      {
        path: join(SAMPLES, 'invoice.jpg'),
        mime: 'image/jpeg' as const,
        kind: 'invoice',
        displayName: '发票.jpg',
      },
      { path: blurred, mime: 'image/jpeg' as const, kind: 'invoice', displayName: '发票-糊.jpg' },
      {
        path: join(SAMPLES, 'diagnosis.jpg'),
        mime: 'image/jpeg' as const,
        kind: 'diagnosis_certificate',
        displayName: '诊断.jpg',
      },
    ];
    // The worker runs the same analyser with the same page reader (OCR text, lines, fields) as this thread.
    const inThread = (f: Parameters<typeof analyseInThread>[0]) => analyseInThread(f);
    // Sent together, they queue in the one worker and come back to the right callers.
    const fromWorker = await Promise.all(files.map((f) => pool.check(f)));
    for (const [i, f] of files.entries())
      expect(withoutTiming(fromWorker[i]!)).toEqual(withoutTiming(await inThread(f)));
    expect(fromWorker[1]!.quality!.verdict).toBe('fail');
    expect(fromWorker[0]!.quality!.verdict).not.toBe('fail');
    // The invoice's QR was read in the worker too, from the one decode.
    expect(fromWorker[0]!.qr).not.toBeNull();
  }, 180_000);

  it('imports a multi-file drop with progress per file, naming the file being checked', async () => {
    const platform: Platform = {
      shell: 'test',
      version: 'test',
      chooseFiles: async () => [],
      chooseSavePath: async () => null,
      openPath: async () => undefined,
      showInFolder: async () => undefined,
      printPdf: async () => false,
    };
    const grants = new FileGrants();
    const handlers = createHandlers(state, platform, grants, undefined, () => pool.check);
    const call = async <T>(
      method: Parameters<typeof dispatch>[1],
      payload: unknown,
      events: ProgressEvent[] = [],
    ) => {
      const r = (await dispatch(
        handlers,
        method,
        payload,
        { emitProgress: (e) => events.push(e) },
        { validateResponses: true },
      )) as Envelope<T>;
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const h = await call<IpcResponse<'createHousehold'>>('createHousehold', { name: '李家' });
    const p = await call<IpcResponse<'createPerson'>>('createPerson', {
      householdId: h.id,
      name: '李四',
      idNumber: '11010519491231002X',
      relation: 'self',
      insuranceType: 'employee',
      insuredRegion: '北京市',
    });
    const c = await call<IpcResponse<'createClaim'>>('createClaim', {
      claimantId: p.id,
      careSetting: 'outpatient',
      hospital: '北京协和医院',
      treatmentRegion: '北京市',
      visitDate: '2026-10-03',
      crossRegion: null,
    });
    const g = await grants.grant(
      [join(SAMPLES, 'invoice.jpg'), join(dir, 'blurred.jpg'), join(SAMPLES, 'itemized-bill.jpg')],
      ['一.jpg', '二.jpg', '三.jpg'],
    );
    const events: ProgressEvent[] = [];
    const doc = await call<IpcResponse<'importDocument'>>(
      'importDocument',
      { claimId: c.id, kind: 'invoice', files: g.map((x) => x.token) },
      events,
    );
    expect(events.map((e) => `${e.done}/${e.total} ${e.label}`)).toEqual([
      '0/3 一.jpg',
      '1/3 二.jpg',
      '2/3 三.jpg',
      '3/3 三.jpg',
    ]);
    expect(doc.pages.map((pg) => (pg.quality as { verdict: string }).verdict)[1]).toBe('fail');
  }, 180_000);

  it('refuses the waiting check when the worker dies, and starts a new one for the next', async () => {
    const doomed = new PageCheckWorker(WORKER);
    // A 病历资料 page is checked but not read: the new worker need not load the OCR models a third time in
    // this file (3–12 s) to show that it answers.
    const file = { path: join(SAMPLES, 'invoice.jpg'), kind: 'medical_record', displayName: 'a.jpg' };
    const pending = doomed.check(file);
    // Stands in for a crash: the worker thread goes away with a job outstanding.
    const jobs = (doomed as unknown as { jobs: { current: { terminate(): Promise<number> } } }).jobs;
    await jobs.current.terminate();
    await expect(pending).rejects.toMatchObject({ zh: expect.stringContaining('照片检查意外中断') });
    const again = await doomed.check(file);
    expect(again.quality?.verdict).toBeDefined();
    await doomed.close();
  }, 180_000);
});
