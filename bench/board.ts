// `npm run bench board`: the claims board's list request (`claims:list` through the app's own dispatcher and
// handlers) at a billing desk's 200 claims, each with the sample claim's nine papers (their facts read once
// from resources/samples by the real import, then given to every claim; each claim's invoice its own QR
// identity, file and fingerprint, so no claim is another's duplicate). Beside it, in the same run:
//  - the same page evaluating each of its 50 claims on every request (what the board did before verdicts
//    were kept: the peer);
//  - a page whose verdicts are not kept yet (a new day, or the first look after a change everywhere);
//  - the raw store query of the page (listClaims alone: the floor).
//  - a new day once the desktop app's warmer has made the day's verdicts in idle turns.
// Targets (issue 26): the list request ≤ 50 ms at 200 claims, a page turn ≤ 200 ms.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dispatch } from '../electron/core/api/dispatch';
import { FileGrants } from '../electron/core/api/grants';
import { createHandlers, type ApiState } from '../electron/core/api/handlers';
import { evaluateClaimVerdict, verdictWarmer } from '../electron/core/claim-verdict';
import { store } from '../electron/core/db/store';
import { storeFile } from '../electron/core/files/store';
import { importDocument } from '../electron/core/import';
import {
  addDocument,
  createClaim,
  createHousehold,
  createPerson,
  listClaims,
  listDocuments,
} from '../electron/core/repo';
import { openWorkspace } from '../electron/core/workspace';
import { readWorkMeter, workSince } from '../electron/core/work-meter';
import type { PageFacts } from '../shared/page-facts';
import { idCheckChar } from '../shared/validators';

const CLAIMS = Number(process.env.BENCH_BOARD_CLAIMS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const LIST_TARGET_MS = 50;
const TURN_TARGET_MS = 200;
const SAMPLES = resolve(import.meta.dirname, '../resources/samples');
const PAPERS: Array<[string, string]> = [
  ['invoice', 'invoice.jpg'],
  ['itemized_bill', 'itemized-bill.jpg'],
  ['diagnosis_certificate', 'diagnosis.jpg'],
  ['discharge_summary', 'discharge-summary.jpg'],
  ['referral_certificate', 'referral.jpg'],
  ['medical_record', 'medical-record.jpg'],
  ['id_card', 'id-card.jpg'],
  ['insurance_card', 'insurance-card.jpg'],
  ['bank_account', 'bank-card.jpg'],
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-bench-board-'));
  const ws = await openWorkspace(join(dir, 'data'));
  try {
    const t0 = performance.now();
    const h = createHousehold(ws.db, { name: '收费处' });
    const people = Array.from({ length: 20 }, (_, i) => {
      const first17 = `3201021950${String(1 + (i % 12)).padStart(2, '0')}01${String(100 + i)}`;
      return createPerson(ws.db, {
        householdId: h.id,
        name: `病人${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${i}`,
        idNumber: first17 + idCheckChar(first17),
        relation: 'self',
        insuranceType: 'employee',
        insuredRegion: i % 2 ? '江苏省南京市' : '北京市',
        phone: '13800138000',
        bankAccount: { bank: '中国银行', number: '6217001234567890122', holder: '病人' },
      });
    });
    const claimFields = (i: number) => ({
      claimantId: people[i % people.length]!.id,
      careSetting: 'inpatient',
      hospital: '上海市第一人民医院',
      treatmentRegion: '上海市',
      admissionDate: `2026-0${1 + (i % 9)}-01`,
      dischargeDate: `2026-0${1 + (i % 9)}-10`,
      totalAmount: 12345.67,
      crossRegion: { filingType: 'referral', filingDate: `2026-0${1 + (i % 9)}-01` },
    });
    // The papers read once, as the app imports them (checks, QR, OCR).
    const first = createClaim(ws.db, claimFields(0));
    for (const [kind, file] of PAPERS)
      await importDocument(ws, { claimId: first.id, kind, paths: [join(SAMPLES, file)] });
    const template = listDocuments(ws.db, first.id);
    const readMs = performance.now() - t0;
    const t1 = performance.now();
    // Each claim's invoice its own file, stored first: the claims are then made in one transaction.
    const invoiceFiles: string[] = [];
    for (let i = 1; i < CLAIMS; i++) {
      const f = join(dir, `invoice-${i}.bin`);
      writeFileSync(f, `invoice ${i}`);
      invoiceFiles[i] = (await storeFile(ws.dataDir, f)).sha256;
    }
    store.engine.transaction(ws.db, () => {
      for (let i = 1; i < CLAIMS; i++) {
        const c = createClaim(ws.db, claimFields(i));
        for (const doc of template) {
          const pages = doc.pages.map((p) => {
            const facts = p.facts as PageFacts;
            if (doc.kind !== 'invoice') return { ...p, facts };
            // Its own invoice: another file, QR identity and fingerprint.
            const sha256 = invoiceFiles[i]!;
            const inv = facts.qr?.invoice;
            const phash = (0x1000000000000000n + BigInt(i) * 7919n).toString(16);
            return {
              ...p,
              sha256,
              facts: {
                ...facts,
                qr: facts.qr && {
                  ...facts.qr,
                  invoice: inv ? { ...inv, key: `${inv.key}-${i}`, number: `${inv.number ?? ''}${i}` } : null,
                },
                fingerprint: { ...facts.fingerprint, sha256, phash },
              },
            };
          });
          addDocument(ws.db, c.id, doc.kind, 'imported', pages);
        }
      }
    });
    console.log(
      `${CLAIMS} claims × ${template.length} papers (facts read once in ${(readMs / 1000).toFixed(1)} s, claims made in ${((performance.now() - t1) / 1000).toFixed(1)} s)`,
    );

    let day = '2026-10-01';
    const state = { ws } as ApiState;
    const handlers = createHandlers(
      state,
      {
        shell: 'test',
        version: 'bench',
        chooseFiles: async () => [],
        chooseSavePath: async () => null,
        openPath: async () => undefined,
        showInFolder: async () => undefined,
        printPdf: async () => false,
        today: () => day,
      },
      new FileGrants(),
    );
    const request = async (page: number) => {
      const r = await dispatch(
        handlers,
        'listClaims',
        { page, pageSize: 50 },
        { emitProgress: () => undefined },
      );
      if (!r.ok) throw new Error(r.error.message);
    };
    const timed = async (fn: () => Promise<unknown> | unknown) => {
      const w = performance.now();
      const c = process.cpuUsage();
      const before = readWorkMeter();
      await fn();
      const used = process.cpuUsage(c);
      return {
        ms: performance.now() - w,
        cpu: (used.user + used.system) / 1000,
        evals: workSince(before).evaluations,
      };
    };
    // A new day for each cold look, so no kept verdict holds.
    let dayN = 0;
    const newDay = () => {
      dayN++;
      day = `2026-10-${String(1 + dayN).padStart(2, '0')}`;
    };

    const floor: number[] = [];
    const peer: number[] = [];
    const cold: Array<{ ms: number; cpu: number; evals: number }> = [];
    const kept: Array<{ ms: number; cpu: number; evals: number }> = [];
    const turns: Array<{ ms: number; cpu: number; evals: number }> = [];
    for (let r = 0; r < ROUNDS; r++) {
      floor.push((await timed(() => listClaims(ws.db, { page: 1, pageSize: 50 }))).ms);
      // The peer: the same page, every claim on it evaluated (the request as it was before kept verdicts).
      peer.push(
        (
          await timed(() => {
            for (const c of listClaims(ws.db, { page: 1, pageSize: 50 }).items)
              evaluateClaimVerdict(ws, c.id, day);
          })
        ).ms,
      );
      newDay();
      cold.push(await timed(() => request(1)));
      kept.push(await timed(() => request(1)));
      // A page turn to a page already looked at today, and back.
      await request(2);
      turns.push(await timed(() => request(2)));
      turns.push(await timed(() => request(1)));
    }
    const row = (label: string, xs: Array<{ ms: number; cpu: number; evals: number }>, target?: number) => {
      const ms = median(xs.map((x) => x.ms));
      console.log(
        `| ${label} | ${ms.toFixed(1)} ms | ${median(xs.map((x) => x.cpu)).toFixed(1)} ms | ${median(xs.map((x) => x.evals))} | ${(ms / median(peer)).toFixed(2)}× | ${target ? `${ms <= target ? 'ok' : 'OVER'} ≤ ${target} ms` : '–'} |`,
      );
    };
    console.log(`${ROUNDS} rounds, medians; the peer evaluates the page's 50 claims on every request`);
    console.log('| request (page of 50) | wall | CPU | claims evaluated | vs peer | target |');
    console.log('|---|---|---|---|---|---|');
    row('board list, verdicts kept', kept, LIST_TARGET_MS);
    row('page turn, verdicts kept', turns, TURN_TARGET_MS);
    row('board list, none kept (a new day)', cold, TURN_TARGET_MS);
    // A new day with the desktop app's warmer: it makes every open claim's verdict in idle turns, after which
    // no page evaluates any.
    newDay();
    const warmer = verdictWarmer(
      () => ws,
      () => day,
    );
    const pass = await timed(async () => {
      warmer.kick();
      await warmer.idle();
    });
    const after: Array<{ ms: number; cpu: number; evals: number }> = [];
    for (const p of [1, 2, 3, 4, 1]) after.push(await timed(() => request(p)));
    row('page turn on a new day, after the warmer', after, TURN_TARGET_MS);
    console.log(
      `| peer: the page, each claim evaluated | ${median(peer).toFixed(1)} ms | – | 50 | 1.00× | – |`,
    );
    console.log(`| floor: the store's page query alone | ${median(floor).toFixed(1)} ms | – | 0 | – | – |`);
    console.log(
      `warmer pass on a new day: ${pass.evals} claims in ${(pass.ms / 1000).toFixed(1)} s (${(pass.cpu / 1000).toFixed(1)} s CPU), in steps of 2 claims between requests`,
    );
  } finally {
    ws.close();
    // BENCH_BOARD_KEEP=1 leaves the data folder for profiling.
    if (process.env.BENCH_BOARD_KEEP === '1') console.log(`kept: ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
