// Calls the test server's handlers directly (setting up data the way the app would), outside the page.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { TestServer } from '../transport/server';

export async function apiCall<T>(server: TestServer, method: string, body: unknown): Promise<T> {
  const res = await fetch(`${server.url}/api/call/${method}`, { method: 'POST', body: JSON.stringify(body) });
  const env = (await res.json()) as { ok: boolean; value: T; error?: unknown };
  if (!env.ok) throw new Error(`${method}: ${JSON.stringify(env.error)}`);
  return env.value;
}

/** The envelope's error, for calls that must be refused. */
export async function apiRefusal(
  server: TestServer,
  method: string,
  body: unknown,
): Promise<{ code: string; message: string } | null> {
  const res = await fetch(`${server.url}/api/call/${method}`, { method: 'POST', body: JSON.stringify(body) });
  const env = (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
  return env.ok ? null : (env.error ?? null);
}

/** One household with one insured person; returns the person's id. */
export async function seedPerson(
  server: TestServer,
  name = '王秀英',
  idNumber = '11010519491231002X',
): Promise<number> {
  const h = await apiCall<{ id: number }>(server, 'createHousehold', { name: `${name}家` });
  const p = await apiCall<{ id: number }>(server, 'createPerson', {
    householdId: h.id,
    name,
    idNumber,
    relation: 'self',
    insuranceType: 'employee',
    insuredRegion: '江苏省南京市',
  });
  return p.id;
}

/** A local outpatient claim (no cross-region papers), seen on 2026-09-10. */
export async function seedOutpatientClaim(
  server: TestServer,
  claimantId: number,
  hospital = '南京市第一医院',
): Promise<{ id: number; reference: string }> {
  return apiCall(server, 'createClaim', {
    claimantId,
    careSetting: 'outpatient',
    hospital,
    treatmentRegion: '江苏省南京市',
    visitDate: '2026-09-10',
    crossRegion: null,
  });
}

/** Where a filed cross-region claim says it was filed: none (local), 转诊 or 急诊. */
type CrossRegion = null | { filingType: 'referral' | 'emergency'; filingDate: string };

/**
 * A claim for care in 上海市 at 上海市第一人民医院, as the app creates it: an outpatient visit on 2026-09-10,
 * or (inpatient) a stay from 2026-09-01 to 2026-09-10 — the dates the sample papers print.
 */
export async function seedShanghaiClaim(
  server: TestServer,
  claimantId: number,
  { inpatient = false, crossRegion = null }: { inpatient?: boolean; crossRegion?: CrossRegion } = {},
): Promise<{ id: number; reference: string }> {
  const care = inpatient
    ? { careSetting: 'inpatient', admissionDate: '2026-09-01', dischargeDate: '2026-09-10' }
    : { careSetting: 'outpatient', visitDate: '2026-09-10' };
  return apiCall(server, 'createClaim', {
    claimantId,
    ...care,
    hospital: '上海市第一人民医院',
    treatmentRegion: '上海市',
    crossRegion,
  });
}

/** Adds files as one paper of `kind` to a claim, as a drop on its checklist item does (chosen, then imported). */
export async function importPaper(
  server: TestServer,
  claimId: number,
  kind: string,
  paths: string[],
): Promise<{ id: number; pages: Array<{ id: number; sha256: string }> }> {
  server.queueChosenFiles(paths);
  const grants = await apiCall<Array<{ token: string }>>(server, 'pickFiles', { multiple: true });
  return apiCall(server, 'importDocument', { claimId, kind, files: grants.map((g) => g.token) });
}

/** Puts claims straight into a status (made in September, so any day of the test's October may be given). */
export function setClaimStatus(server: TestServer, ids: number[], status: string): void {
  const db = new Database(join(server.dataDir, 'claimdesk.sqlite3'));
  const set = db.prepare(
    "UPDATE claims SET status = ?, created_at = '2026-09-12T02:00:00.000Z' WHERE id = ?",
  );
  for (const id of ids) set.run(status, id);
  db.close();
}
