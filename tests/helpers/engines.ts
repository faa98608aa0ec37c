// The two storage engines as the contract tests open them: SQLite on a fresh data folder, PostgreSQL on a
// fresh database of a real server (tests/helpers/pg-server.ts). A "store" is one place several desks can open.
import type { Actor, StorageEngine } from '../../electron/core/db/contract';
import { openStorage, type StorageLocation } from '../../electron/core/db/engines';
import type { PageFacts } from '../../shared/page-facts';
import type { ClaimFields, PersonFields } from '../../shared/schemas';
import { idCheckChar } from '../../shared/validators';
import { freshDatabase, type PgTestServer } from './pg-server';
import { makeTempDir } from './tmp';

export interface TestStore {
  where: StorageLocation;
  /** A desk opening the store. */
  open(desk?: string, person?: string | null): Promise<StorageEngine>;
  cleanup(): Promise<void>;
}

export type EngineKind = 'sqlite' | 'postgres';

export async function makeStore(kind: EngineKind, server: PgTestServer | null): Promise<TestStore> {
  const opened: StorageEngine[] = [];
  let where: StorageLocation;
  let drop = async () => undefined as void;
  if (kind === 'sqlite') {
    const tmp = makeTempDir('claimdesk-engine-');
    where = { dataDir: tmp.dir };
    drop = async () => tmp.cleanup();
  } else {
    if (!server) throw new Error('no PostgreSQL server');
    const db = await freshDatabase(server.url);
    where = { url: db.url };
    drop = db.drop;
  }
  return {
    where,
    async open(desk = 'desk-a', person: string | null = '王会计') {
      const actor: Actor = { desk, person };
      const e = await openStorage(where, actor);
      opened.push(e);
      return e;
    },
    async cleanup() {
      for (const e of opened) await e.close();
      await drop();
    },
  };
}

let idSeq = 0;
/** A valid 18-digit ID number, different on every call. */
export function idNumber(): string {
  const n = idSeq++;
  const first17 = `110105${1950 + (n % 50)}0101${String(n % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export function personFields(householdId: number, over: Partial<PersonFields> = {}): PersonFields {
  return {
    householdId,
    name: '张三',
    idNumber: idNumber(),
    relation: 'self',
    insuranceType: 'employee',
    insuredRegion: '江苏省南京市',
    phone: null,
    bankAccount: null,
    ...over,
  };
}

export function claimFields(claimantId: number, over: Partial<ClaimFields> = {}): ClaimFields {
  return {
    claimantId,
    applicant: { relation: 'self' },
    careSetting: 'inpatient',
    hospital: '上海市第一人民医院',
    treatmentRegion: '上海市',
    visitDate: null,
    admissionDate: '2026-09-01',
    dischargeDate: '2026-09-10',
    crossRegion: null,
    specialDrugs: false,
    totalAmount: 123.45,
    notes: '',
    ...over,
  };
}

export function invoiceFacts(sha256: string, number: string | null): PageFacts {
  return {
    version: 1,
    mime: 'image/jpeg',
    quality: null,
    fingerprint: { sha256, phash: 'a1b2c3d4e5f60718' },
    qr:
      number === null
        ? { payload: null, invoice: null }
        : {
            payload: `01,10,3100,${number},100.00,20260910`,
            invoice: {
              format: 'vat',
              payload: `01,10,3100,${number},100.00,20260910`,
              typeCode: '10',
              code: '3100',
              number,
              amount: 100,
              issueDate: '2026-09-10',
              checkCode: null,
              key: `vat:3100:${number}`,
            },
          },
  };
}

export const sha = (n: number): string => n.toString(16).padStart(64, '0');
