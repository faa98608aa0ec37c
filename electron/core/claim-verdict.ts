// A stored claim's checklist verdict: made by the rule engine from the claim's stored facts, and kept with
// the claim (SQLite migration 0110, PostgreSQL 0030) so the board shows a page of 50 claims without evaluating any of them.
//
// When a kept verdict still holds is decided here, above the storage contract:
//  - it holds for one day: deadlines, filing windows and "date in the future" move with the date;
//  - it holds under the rule packs and app it was made with (`verdictBasis`: the packs' bytes, the app's
//    version and VERDICT_FORMAT);
//  - the store forgets it whenever a row it was made from changes (the migration's triggers), whichever code
//    path wrote the row, so a page, a correction, a confirmation or another claim's copy of the same invoice
//    can never leave a stale one behind.
// A verdict that no longer holds is made again when it is next asked for, and kept.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { isReadyToSubmit, type EvaluationReport } from '../../shared/evaluation';
import { isReadOnlyStatus } from '../../shared/lifecycle';
import { evaluateStoredClaimNow } from './claim-evaluation';
import type { Db } from './db/contract';
import { store } from './db/store';
import { listClaims } from './repo';
import { rulePacksSignature, rulesDir } from './rules/pack';
import type { Workspace } from './workspace';

/** Bump when the kept summary's shape or meaning changes: every kept verdict is then made again. */
const VERDICT_FORMAT = 1;

/** The one verdict of a stored claim for `today`, made now (claim-evaluation.ts, synchronously). */
export function evaluateClaimVerdict(ws: Workspace, claimId: number, today: string): EvaluationReport {
  return evaluateStoredClaimNow(ws, claimId, { today });
}

/** What the board keeps of a verdict: how many requirements are in each state, and the one verdict. */
export interface VerdictSummary {
  /** Requirements not satisfied, whatever the reason (the board's 缺 n 项 until issue 26 point 2 splits it). */
  unsatisfied: number;
  /** Requirements without their paper. */
  missing: number;
  /** Requirements whose paper has a problem to settle (a failed photo, an invoice used elsewhere…). */
  attention: number;
  /** The pledge the bundle prints, waiting for a hand signature (not a gap in the claim). */
  pendingSignature: number;
  /** Error-level and warning-level problems. */
  errors: number;
  warnings: number;
  /** isReadyToSubmit: the verdict 材料齐全, export and the bundle's cover also take. */
  ready: boolean;
}

export function summariseVerdict(report: EvaluationReport): VerdictSummary {
  const r = report.requirements;
  return {
    unsatisfied: r.filter((x) => x.status !== 'satisfied').length,
    missing: r.filter((x) => x.status === 'missing').length,
    attention: r.filter((x) => x.status === 'needs_attention' && x.pending !== 'signature').length,
    pendingSignature: r.filter((x) => x.status !== 'satisfied' && x.pending === 'signature').length,
    errors: report.problems.filter((p) => p.severity === 'error').length,
    warnings: report.problems.filter((p) => p.severity === 'warning').length,
    ready: isReadyToSubmit(report),
  };
}

let packStamp: { signature: string; hash: string } | null = null;

/**
 * What a verdict is made with: the rule packs' bytes (every file of the rules folder; a pack edited while
 * the app runs counts), the app's version and VERDICT_FORMAT. The files are read again only when one's
 * name, size or modification time changed.
 */
export function verdictBasis(): string {
  const signature = rulePacksSignature();
  if (packStamp?.signature !== signature) {
    const dir = rulesDir();
    const h = createHash('sha256');
    for (const n of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort())
      h.update(n)
        .update('\0')
        .update(readFileSync(join(dir, n)))
        .update('\0');
    packStamp = { signature, hash: h.digest('hex').slice(0, 16) };
  }
  return `v${VERDICT_FORMAT}:${pkg.version}:${packStamp.hash}`;
}

/** Kept verdicts that hold today under today's basis; the others are absent. */
function keptVerdicts(db: Db, claimIds: readonly number[], today: string, basis: string) {
  const out = new Map<number, VerdictSummary>();
  for (const [id, v] of store.verdicts.of(db, claimIds)) {
    if (v.evaluatedOn === today && v.basis === basis)
      out.set(id, JSON.parse(v.summaryJson) as VerdictSummary);
  }
  return out;
}

/**
 * The verdicts of these claims for `today`: the kept ones that still hold, the others made now and kept
 * (each evaluated and stored with nothing in between, so no write can slip between the two).
 */
export function claimVerdicts(
  ws: Workspace,
  claimIds: readonly number[],
  today: string,
): Map<number, VerdictSummary> {
  const basis = verdictBasis();
  const out = keptVerdicts(ws.db, claimIds, today, basis);
  const missing = claimIds.filter((id) => !out.has(id));
  if (missing.length === 0) return out;
  const at = new Date().toISOString();
  // One transaction: the verdicts are kept together (one commit to disk, not one per claim).
  store.engine.transaction(ws.db, () => {
    for (const id of missing) {
      const summary = summariseVerdict(evaluateClaimVerdict(ws, id, today));
      store.verdicts.put(
        ws.db,
        { claimId: id, evaluatedOn: today, basis, summaryJson: JSON.stringify(summary) },
        at,
      );
      out.set(id, summary);
    }
  });
  return out;
}

/** Only the kept verdicts that hold (for tests and the bench: what the board would not evaluate). */
export function heldVerdicts(ws: Workspace, claimIds: readonly number[], today: string): Set<number> {
  return new Set(keptVerdicts(ws.db, claimIds, today, verdictBasis()).keys());
}

/** Claims made per turn of the event loop while warming (~10 ms each): requests wait at most that long. */
const WARM_STEP = 2;

export interface VerdictWarmer {
  /** Starts a pass unless one runs or the last one was for the same day, rule packs and data folder. */
  kick(): void;
  /** Resolves when no pass runs. */
  idle(): Promise<void>;
}

/**
 * Makes the verdicts the board will ask for before it asks: on a new day (or after the rule packs or the
 * app changed) every kept verdict is stale, and each first look at a page would evaluate its 50 claims
 * (~0.5 s). A pass walks the board in its own order (most recently changed first), a few claims per turn of
 * the event loop, so a request never waits for more than one step. A claim changed during the day is not
 * the warmer's business: the board makes its one verdict when it shows it.
 */
export function verdictWarmer(workspace: () => Workspace, today: () => string): VerdictWarmer {
  let running: Promise<void> | null = null;
  let done = '';
  const keyNow = (): string => `${today()}|${verdictBasis()}|${workspace().dataDir}`;
  const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

  async function pass(key: string): Promise<void> {
    for (let page = 1; ; page++) {
      const ws = workspace();
      if (keyNow() !== key) return;
      const list = listClaims(ws.db, { page, pageSize: 200 });
      const open = list.items.filter((c) => !isReadOnlyStatus(c.status)).map((c) => c.id);
      for (let i = 0; i < open.length; i += WARM_STEP) {
        await yieldTurn();
        if (keyNow() !== key || workspace() !== ws) return;
        claimVerdicts(ws, open.slice(i, i + WARM_STEP), today());
      }
      if (page * list.pageSize >= list.total) break;
    }
    done = key;
  }

  return {
    kick() {
      if (running) return;
      const key = keyNow();
      if (key === done) return;
      running = pass(key)
        .catch((err: unknown) => {
          // A claim that cannot be evaluated is reported when the board shows it; the pass stops here.
          done = key;
          console.error('[claimdesk] making verdicts ahead of the board stopped', err);
        })
        .finally(() => {
          running = null;
        });
    },
    async idle() {
      while (running) await running;
    },
  };
}
