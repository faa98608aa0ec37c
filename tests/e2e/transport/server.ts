// TEST-ONLY transport (never bundled into the app): serves the built renderer and the SAME channel catalogue
// with the SAME handlers (electron/core/api) over HTTP on 127.0.0.1, so Playwright can drive the real UI in
// Debian's Chromium against the real core. Dialogs become test stand-ins; drops upload bytes to a temp file.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { basename, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import {
  PROGRESS_CHANNEL,
  STORE_CHANGES_CHANNEL,
  type ProgressEvent,
  type StoreChangeEvent,
} from '../../../shared/ipc';
import { changeFeed } from '../../../electron/core/api/changes';
import type { SecretStore } from '../../../electron/core/api/shared-database';
import { testSecrets } from './secrets';
import { dispatch, toIpcError } from '../../../electron/core/api/dispatch';
import { PageCheckWorker } from '../../../electron/core/api/check-in-worker';
import { exportInWorker } from '../../../electron/core/api/export-in-worker';
import { LiveFrameWorker } from '../../../electron/core/api/live-in-worker';
import { FileGrants } from '../../../electron/core/api/grants';
import { createHandlers, type ApiState, type Platform } from '../../../electron/core/api/handlers';
import type { Actor } from '../../../electron/core/db/contract';
import { openWorkspace } from '../../../electron/core/workspace';
import { contentSecurityPolicy, rendererFileFor } from '../../../electron/main/security';

export interface TestServer {
  url: string;
  dataDir: string;
  saveDir: string;
  /** Files the next "choose files" dialog returns. */
  queueChosenFiles(paths: string[]): void;
  /** What open / show-in-folder / print were asked to do. */
  shellCalls: Array<{ action: 'open' | 'show' | 'print'; path: string }>;
  close(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../../..');
const RENDERER_DIR = join(ROOT, 'dist', 'app', 'renderer');
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const MAX_CALL_BYTES = 90 * 1024 * 1024;

// One check worker for every test server of this Playwright worker process, as the desktop app keeps one for
// its whole life: the OCR models load once per process (3–12 s each time on this machine), not once per test.
// It holds no per-folder state (each job names its file), so tests stay independent; an idle worker is unref'd
// and does not keep the process alive.
let sharedPageChecks: PageCheckWorker | null = null;
function pageChecksForThisProcess(): PageCheckWorker {
  sharedPageChecks ??= new PageCheckWorker({ url: join(ROOT, 'dist', 'app', 'check-worker.mjs') });
  return sharedPageChecks;
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

export interface TestServerOptions {
  dataDir: string;
  today?: string;
  /** Run the desk on a shared PostgreSQL database (postgres://…) instead of the data folder's store. */
  databaseUrl?: string;
  /** Who this desk is (two transports on one database are two desks). */
  actor?: Actor;
  /** 设置 → 共享数据库 keeps its choice here, sealed by `secrets` (default: a test AES key in memory). */
  configDir?: string;
  secrets?: SecretStore;
}

export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const saveDir = await mkdtemp(join(tmpdir(), 'claimdesk-e2e-out-'));
  const uploadDir = await mkdtemp(join(tmpdir(), 'claimdesk-e2e-drop-'));
  const chosen: string[][] = [];
  const shellCalls: TestServer['shellCalls'] = [];
  const listeners = new Set<(e: ProgressEvent) => void>();

  const platform: Platform = {
    shell: 'test',
    version: '0.0.0-test',
    async chooseFiles() {
      return chosen.shift() ?? [];
    },
    async chooseSavePath(defaultName) {
      return join(saveDir, defaultName);
    },
    async chooseFolder() {
      return saveDir;
    },
    async openPath(path) {
      shellCalls.push({ action: 'open', path });
    },
    async showInFolder(path) {
      shellCalls.push({ action: 'show', path });
    },
    async printPdf(path) {
      shellCalls.push({ action: 'print', path });
      return true;
    },
    ...(options.today ? { today: () => options.today! } : {}),
    sharedDatabase: {
      configDir: options.configDir ?? (await mkdtemp(join(tmpdir(), 'claimdesk-e2e-config-'))),
      secrets: options.secrets ?? testSecrets(),
    },
  };
  const state: ApiState = {
    ws: await openWorkspace(options.dataDir, { url: options.databaseUrl, actor: options.actor }),
  };
  const grants = new FileGrants();
  // The same worker threads as the desktop app (built into dist/ by `npm run test:e2e`): photo checks in one
  // long-lived worker, each export in its own, with the progress they relay.
  const pageChecks = pageChecksForThisProcess();
  const exportWorker = { url: join(ROOT, 'dist', 'app', 'export-worker.mjs') };
  const liveChecks = new LiveFrameWorker({ url: join(ROOT, 'dist', 'app', 'live-worker.mjs') });
  const handlers = createHandlers(
    state,
    platform,
    grants,
    (ws, opts) => exportInWorker(exportWorker, ws.dataDir, opts),
    () => pageChecks.check,
    liveChecks.analyse,
  );
  // Other desks' changes go to the page over the same event stream as progress (the app: webContents.send).
  const changeListeners = new Set<(c: StoreChangeEvent[]) => void>();
  const changes = changeFeed(state, (batch) => changeListeners.forEach((l) => l(batch)));
  await changes.follow();
  state.onReplaced = () => void changes.follow();
  // The browser page is the test's own: CSP identical to the app's except that it may fetch its origin.
  const csp = contentSecurityPolicy({ 'connect-src': "'self'" });
  let uploadSeq = 0;

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'POST' && url.pathname.startsWith('/api/call/')) {
        const method = url.pathname.slice('/api/call/'.length);
        let payload: unknown;
        try {
          // Calls are small but for the camera's: a preview frame (~1 MB) and a photo taken (up to ~85 MB).
          const raw = (await readBody(req, MAX_CALL_BYTES)).toString('utf8');
          payload = raw ? JSON.parse(raw) : {};
        } catch {
          return send(
            res,
            400,
            JSON.stringify({
              ok: false,
              error: { code: 'bad_request', message: '请求无效', messageEn: 'bad JSON' },
            }),
            'application/json',
          );
        }
        const envelope = await dispatch(
          handlers,
          method,
          payload,
          { emitProgress: (e) => listeners.forEach((l) => l(e)) },
          { validateResponses: true },
        );
        return send(res, 200, JSON.stringify(envelope), 'application/json');
      }
      if (req.method === 'POST' && url.pathname === '/api/test/drop') {
        // Stands in for webUtils.getPathForFile: the dropped bytes become a temp file that is then granted.
        try {
          const name = basename(url.searchParams.get('name') ?? 'dropped.bin');
          const dir = join(uploadDir, String(++uploadSeq));
          await mkdir(dir);
          const path = join(dir, name);
          await writeFile(path, await readBody(req, MAX_UPLOAD_BYTES));
          return send(
            res,
            200,
            JSON.stringify({ ok: true, value: await grants.grant([path], [name]) }),
            'application/json',
          );
        } catch (err) {
          return send(res, 200, JSON.stringify({ ok: false, error: toIpcError(err) }), 'application/json');
        }
      }
      if (req.method === 'GET' && url.pathname === '/api/events') {
        res.writeHead(200, {
          'Content-Type': 'text/event-stream',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        const listener = (e: ProgressEvent) =>
          res.write(`event: ${PROGRESS_CHANNEL}\ndata: ${JSON.stringify(e)}\n\n`);
        const changeListener = (c: StoreChangeEvent[]) =>
          res.write(`event: ${STORE_CHANGES_CHANNEL}\ndata: ${JSON.stringify(c)}\n\n`);
        listeners.add(listener);
        changeListeners.add(changeListener);
        req.on('close', () => {
          listeners.delete(listener);
          changeListeners.delete(changeListener);
        });
        return;
      }
      if (req.method === 'GET') {
        // Same path rules as the app's protocol handler, applied to the same built files.
        const file = rendererFileFor(RENDERER_DIR, `app://claimdesk${url.pathname}`);
        if (!file) return send(res, 404, 'not found', 'text/plain');
        try {
          return send(res, 200, await readFile(file.path), file.contentType, {
            'Content-Security-Policy': csp,
            'X-Content-Type-Options': 'nosniff',
          });
        } catch {
          return send(res, 404, 'not found', 'text/plain');
        }
      }
      send(res, 405, 'method not allowed', 'text/plain');
    })().catch((err: unknown) => {
      console.error('[test-server]', err);
      if (!res.headersSent) send(res, 500, 'internal', 'text/plain');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir: options.dataDir,
    saveDir,
    queueChosenFiles: (paths) => chosen.push(paths),
    shellCalls,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      // The check worker stays for the next test of this process (see pageChecksForThisProcess).
      await liveChecks.close();
      await changes.stop();
      await state.ws.close();
    },
  };
}
