// The handlers behind every channel of shared/ipc.ts: plain Node on electron/core, no 'electron'. The desktop
// app registers them on ipcMain; the browser test serves them over HTTP on 127.0.0.1. What differs between the
// two (dialogs, shell, printing) comes in through `Platform`.
//
// One module per concern under ./handlers/, registered from the table below. A new channel goes into the
// concern it belongs to (or a new module and a row here): the compiler refuses a channel without a handler,
// and createHandlers refuses a channel two concerns both answer.
import { verdictWarmer } from '../claim-verdict';
import { exportStoredClaim } from '../export/stored-claim';
import { StackReadings } from '../import-stack';
import { analyseInThread } from '../pages/pipeline';
import { analyseLiveFrame } from '../quality/live';
import { localToday } from '../rules/dates';
import type { ApiHandlers } from './dispatch';
import { FileGrants } from './grants';
import { appHandlers } from './handlers/app';
import { backupHandlers } from './handlers/backups';
import { cameraHandlers } from './handlers/camera';
import { checklistHandlers } from './handlers/checklist';
import { claimHandlers } from './handlers/claims';
import type { ApiState, CheckerFactory, ExportRunner, HandlerContext, Platform } from './handlers/context';
import { documentHandlers } from './handlers/documents';
import { exportHandlers } from './handlers/exports';
import { peopleHandlers } from './handlers/people';
import { sharedDatabaseHandlers } from './handlers/shared-database';
import type { LiveAnalyser } from './live-in-worker';

export type { ApiState, CheckerFactory, ExportRunner, Platform } from './handlers/context';
export { THUMBNAIL_DEFAULT_SIZE } from './handlers/documents';

/** Every concern's handlers, in the order the app's screens meet them. */
const CONCERNS = [
  appHandlers,
  peopleHandlers,
  claimHandlers,
  checklistHandlers,
  documentHandlers,
  cameraHandlers,
  exportHandlers,
  backupHandlers,
  sharedDatabaseHandlers,
] as const;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;
type AllConcerns = UnionToIntersection<ReturnType<(typeof CONCERNS)[number]>>;

export function createHandlers(
  state: ApiState,
  platform: Platform,
  grants = new FileGrants(),
  runExport: ExportRunner = exportStoredClaim,
  // Pages are analysed in this thread unless the shell runs them elsewhere (the app's check worker).
  checkerOf: CheckerFactory = () => analyseInThread,
  // The camera's live checks likewise (the app's live worker, apart from the check worker).
  analyseLive: LiveAnalyser = async (frame) => analyseLiveFrame(frame),
): ApiHandlers {
  const ctx: HandlerContext = {
    state,
    platform,
    grants,
    runExport,
    analyser: () => checkerOf(state.ws),
    analyseLive,
    today: () => platform.today?.() ?? localToday(),
    db: () => state.ws.db,
    produced: new Set<string>(),
    stackReadings: new StackReadings(),
  };
  // The board's verdicts for today, made in idle turns from the start (a new day leaves every kept one stale).
  // (On a shared database the board's tally is not made yet: nothing to warm.)
  if (platform.warmVerdicts && !state.ws.shared) {
    state.verdictWarmer = verdictWarmer(() => state.ws, ctx.today);
    state.verdictWarmer.kick();
  }
  const merged: Record<string, unknown> = {};
  for (const concern of CONCERNS) {
    for (const [method, handler] of Object.entries(concern(ctx))) {
      if (method in merged) throw new Error(`IPC method ${method} has two handlers (${concern.name})`);
      merged[method] = handler;
    }
  }
  // The compiler checks the table covers every channel of the catalogue (a missing one fails here).
  const handlers: ApiHandlers = merged as AllConcerns;
  return handlers;
}
