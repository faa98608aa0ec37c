// The app's handlers (the same ones the window calls, through the same dispatcher) on the office's shared
// PostgreSQL: two desks, each with its own data folder and its own workspace, one real database server.
// What one desk writes the other lists; the later of two edits of one claim is refused with who and when,
// nothing written; the refused desk reloads and reapplies. No mocks: a real server (tests/helpers/pg-server).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/api/dispatch';
import { createHandlers, type ApiState } from '../../electron/core/api/handlers';
import { openWorkspace } from '../../electron/core/workspace';
import type { Envelope, IpcMethod, IpcResponse } from '../../shared/ipc';
import { idNumber } from '../helpers/engines';
import { freshDatabase, pgTestServer, type PgTestServer } from '../helpers/pg-server';
import { SAMPLE_CLAIMANT, SAMPLE_OUTPATIENT_CLAIM } from '../helpers/sample-claim';

const server: PgTestServer | null = await pgTestServer();

interface Desk {
  state: ApiState;
  ok<M extends IpcMethod>(method: M, payload: unknown): Promise<IpcResponse<M>>;
  call<M extends IpcMethod>(method: M, payload: unknown): Promise<Envelope<IpcResponse<M>>>;
}

async function openDesk(dir: string, url: string | undefined, desk: string, person: string): Promise<Desk> {
  const state: ApiState = {
    ws: await openWorkspace(join(dir, desk), { url, actor: { desk, person } }),
  };
  const handlers = createHandlers(state, {
    shell: 'test',
    version: 'test',
    chooseFiles: async () => [],
    chooseSavePath: async () => null,
    openPath: async () => undefined,
    showInFolder: async () => undefined,
    printPdf: async () => false,
    today: () => '2026-10-01',
  });
  const call = async <M extends IpcMethod>(method: M, payload: unknown) =>
    (await dispatch(
      handlers,
      method,
      payload,
      { emitProgress: () => undefined },
      { validateResponses: true },
    )) as Envelope<IpcResponse<M>>;
  return {
    state,
    call,
    async ok(method, payload) {
      const r = await call(method, payload);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value;
    },
  };
}

async function twoEditsOfOneClaim(a: Desk, b: Desk): Promise<void> {
  const household = await a.ok('createHousehold', { name: '张家', notes: '' });
  const person = await a.ok('createPerson', {
    ...SAMPLE_CLAIMANT,
    relation: 'self',
    householdId: household.id,
  });
  const claim = await a.ok('createClaim', {
    claimantId: person.id,
    applicant: { relation: 'self', personId: null },
    ...SAMPLE_OUTPATIENT_CLAIM,
  });

  // Both desks open the claim in their editor (the same version).
  const atA = await a.ok('getClaim', { id: claim.id });
  const atB = await b.ok('getClaim', { id: claim.id });
  expect(atA.stamp?.version).toBeGreaterThan(0);
  expect(atB.stamp?.version).toBe(atA.stamp?.version);

  // A saves first.
  await a.ok('updateClaim', {
    id: claim.id,
    claim: { ...atA.claim.fields, hospital: '南京市鼓楼医院' },
    expectedVersion: atA.stamp!.version,
  });
  // B's save, made on the version it loaded, is refused: who (desk, person) and when, in Chinese; nothing written.
  const refused = await b.call('updateClaim', {
    id: claim.id,
    claim: { ...atB.claim.fields, hospital: '南京市第二医院' },
    expectedVersion: atB.stamp!.version,
  });
  expect(refused.ok).toBe(false);
  if (refused.ok) return;
  expect(refused.error.code).toBe('stale_write');
  expect(refused.error.message).toContain('前台一');
  expect(refused.error.message).toContain('王会计');
  expect(refused.error.message).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  expect(refused.error.message).toContain('您填写的内容仍保留');
  expect((await b.ok('getClaim', { id: claim.id })).claim.fields).toMatchObject({
    hospital: '南京市鼓楼医院',
  });

  // B reloads (the new version) and reapplies its change: saved, and A sees it.
  const reloaded = await b.ok('getClaim', { id: claim.id });
  expect(reloaded.stamp).toMatchObject({ desk: '前台一', person: '王会计' });
  await b.ok('updateClaim', {
    id: claim.id,
    claim: { ...reloaded.claim.fields, hospital: '南京市第二医院' },
    expectedVersion: reloaded.stamp!.version,
  });
  const seenAtA = await a.ok('getClaim', { id: claim.id });
  expect(seenAtA.claim.fields).toMatchObject({ hospital: '南京市第二医院' });
  expect(seenAtA.stamp).toMatchObject({ desk: '前台二', person: '李护士' });
}

describe.skipIf(!server)('the app on a shared PostgreSQL: two desks', () => {
  let dir: string;
  let db: { url: string; drop: () => Promise<void> };
  let a: Desk;
  let b: Desk;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'claimdesk-app-desks-'));
    db = await freshDatabase(server!.url);
    a = await openDesk(dir, db.url, '前台一', '王会计');
    b = await openDesk(dir, db.url, '前台二', '李护士');
  }, 60_000);

  afterAll(async () => {
    await a?.state.ws.close();
    await b?.state.ws.close();
    await db?.drop();
    server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("lists desk A's claim at desk B, with its board row", async () => {
    const h = await a.ok('createHousehold', { name: '李家', notes: '' });
    const p = await a.ok('createPerson', {
      ...SAMPLE_CLAIMANT,
      relation: 'self',
      idNumber: idNumber(),
      householdId: h.id,
    });
    const c = await a.ok('createClaim', {
      claimantId: p.id,
      applicant: { relation: 'self', personId: null },
      ...SAMPLE_OUTPATIENT_CLAIM,
    });
    const board = await b.ok('listClaims', { search: c.reference });
    expect(board.items.map((i) => i.reference)).toEqual([c.reference]);
    expect(board.items[0]).toMatchObject({ claimantName: '张三', documentCount: 0 });
    expect(b.state.ws.shared).toBe(true);
  });

  it('refuses the later of two edits with who and when, and the reapplied edit saves', async () => {
    await twoEditsOfOneClaim(a, b);
  });

  it('says in plain words that a part not yet on the shared database is unavailable, changing nothing', async () => {
    const r = await a.call('createBackup', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'not_on_shared_database' } });
    if (!r.ok) expect(r.error.message).toContain('共享数据库');
  });
});

describe('the same handlers on a data folder (SQLite): a stale save from a second window is refused', () => {
  it('refuses and reapplies as on the shared database', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'claimdesk-app-desk-sqlite-'));
    // Two workspaces on one data folder stand for two windows (or the CLI beside the app) on one PC.
    const a = await openDesk(dir, undefined, '前台一', '王会计');
    const b = await openDesk(dir, undefined, '前台二', '李护士');
    // (openDesk gives each its own folder by desk name; point B at A's folder.)
    await b.state.ws.close();
    b.state.ws = await openWorkspace(a.state.ws.dataDir, { actor: { desk: '前台二', person: '李护士' } });
    try {
      await twoEditsOfOneClaim(a, b);
    } finally {
      await a.state.ws.close();
      await b.state.ws.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
