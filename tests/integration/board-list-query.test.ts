// The claims board's list query (db/store/claims.ts, indexes of migration 0090) against a model of the same
// claims kept in the test: every sort, the status and archive filters, narrow and broad searches, first, later
// and deep pages. A broad search (more than 2,000 hits) walks the sort index and asks the search index for id
// ranges, or past the walk's reach (a deep page) takes the whole hit list: both ways must give the same
// page as the model, in the same order, with the same total. A real SQLite file; claims made through repo.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setClaimsArchived, softDeleteClaims } from '../../electron/core/claim-trash';
import { store } from '../../electron/core/db/store';
import type { ClaimListQuery, ClaimSort } from '../../electron/core/repo';
import {
  createClaim,
  createHousehold,
  createPerson,
  getClaim,
  listClaims,
  transitionClaim,
  updateClaim,
} from '../../electron/core/repo';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';
import { idCheckChar } from '../../shared/validators';
import { makeTempDir } from '../helpers/tmp';

const CLAIMS = 4000;
// The first is most claims' hospital, so a search for it is broad (more than 2,000 hits).
const HOSPITALS = ['四川大学华西医院', '北京协和医院', '南京鼓楼医院', '上海市第一人民医院'];
const NAMES = ['王建国', '李秀英', '张伟', '刘洋', '陈静', '杨磊'];

interface Model {
  id: number;
  reference: string;
  status: string;
  updatedAt: string;
  careEnd: string;
  words: string[];
  archived: boolean;
  deleted: boolean;
}

let tmp: { dir: string; cleanup: () => void };
let ws: Workspace;
const model = new Map<number, Model>();

// A small deterministic generator, so a failure can be replayed.
let seed = 42;
const rand = (n: number): number => {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
};

beforeAll(async () => {
  tmp = makeTempDir();
  ws = await openWorkspace(join(tmp.dir, 'data'));
  // One transaction: 4,000 claims each committed (and synced) on its own would take a minute.
  store.engine.transaction(ws.db, () => setUp());
});

function setUp(): void {
  const household = createHousehold(ws.db, { name: '测试家' });
  const people = NAMES.map((name, i) => {
    const first17 = `11010519${60 + i}0101001`;
    return createPerson(ws.db, {
      householdId: household.id,
      name,
      idNumber: first17 + idCheckChar(first17),
      relation: 'self',
      insuranceType: 'employee',
      insuredRegion: '江苏省南京市',
    });
  });
  for (let i = 0; i < CLAIMS; i++) {
    const person = people[rand(people.length)]!;
    const day = `2026-${String(1 + rand(12)).padStart(2, '0')}-${String(1 + rand(28)).padStart(2, '0')}`;
    const c = createClaim(ws.db, {
      claimantId: person.id,
      careSetting: 'outpatient',
      hospital: rand(10) < 8 ? HOSPITALS[0]! : HOSPITALS[1 + rand(3)]!,
      treatmentRegion: '上海市',
      visitDate: day,
      totalAmount: 100 + i,
    });
    model.set(c.id, {
      id: c.id,
      reference: c.reference,
      status: 'draft',
      updatedAt: c.updatedAt,
      careEnd: day,
      words: [
        c.reference.toLowerCase(),
        c.fields.hospital,
        '上海市',
        person.name,
        person.idNumber.toLowerCase(),
      ],
      archived: false,
      deleted: false,
    });
  }
  const ids = [...model.keys()];
  // Some handed in or ready, some changed again later (so the change order is not the creation order),
  // some archived and some deleted (neither shows on the board; archived ones under their own filter).
  for (const id of ids.filter(() => rand(7) === 0)) transitionClaim(ws.db, id, 'ready');
  for (let k = 0; k < 300; k++) {
    const id = ids[rand(ids.length)]!;
    const c = getClaim(ws.db, id);
    updateClaim(ws.db, id, { ...c.fields, notes: `改 ${k}` });
  }
  const archived = ids.filter(() => rand(20) === 0);
  setClaimsArchived(ws.db, archived, true);
  const deleted = ids.filter(() => rand(40) === 0);
  softDeleteClaims(ws.db, deleted);
  for (const id of ids) {
    const c = getClaim(ws.db, id);
    const m = model.get(id)!;
    m.status = c.status;
    m.updatedAt = c.updatedAt;
  }
  for (const id of archived) model.get(id)!.archived = true;
  for (const id of deleted) model.get(id)!.deleted = true;
}

afterAll(() => {
  ws?.close();
  tmp?.cleanup();
});

const ORDER: Record<ClaimSort, (a: Model, b: Model) => number> = {
  updated: (a, b) => (a.updatedAt === b.updatedAt ? b.id - a.id : a.updatedAt < b.updatedAt ? 1 : -1),
  created: (a, b) => b.id - a.id,
  care_end: (a, b) => {
    const open = (m: Model) => (m.status === 'draft' || m.status === 'ready' ? 0 : 1);
    return open(a) - open(b) || (a.careEnd < b.careEnd ? -1 : a.careEnd > b.careEnd ? 1 : 0) || a.id - b.id;
  },
};

/** What the board should show, from the model. */
function expected(q: ClaimListQuery): number[] {
  const s = q.search?.toLowerCase() ?? '';
  return [...model.values()]
    .filter((m) => !m.deleted && m.archived === !!q.archived)
    .filter((m) => !q.status || m.status === q.status)
    .filter((m) => !s || m.words.some((w) => w.includes(s)))
    .sort(ORDER[q.sort ?? 'updated'])
    .map((m) => m.id);
}

describe('the claims board list query', () => {
  const searches = [undefined, '华西', '医院', '王建国', '协和', '不存在'];
  const statuses = [undefined, 'ready', 'draft'] as const;
  for (const sort of ['updated', 'created', 'care_end'] as const) {
    for (const search of searches) {
      for (const status of statuses) {
        it(`sort ${sort}, search ${search ?? '—'}, status ${status ?? 'any'}: pages and total as the model`, () => {
          const want = expected({ sort, search, status });
          const pages = Math.ceil(want.length / 50);
          // First, second and last pages, and a deep one past the broad walk's reach (offset > 1,024).
          for (const page of new Set([1, 2, 25, pages].filter((p) => p >= 1 && p <= Math.max(1, pages)))) {
            const got = listClaims(ws.db, { sort, search, status, page, pageSize: 50 });
            expect(got.total).toBe(want.length);
            expect(got.totalCapped).toBe(false);
            expect(got.items.map((c) => c.id)).toEqual(want.slice((page - 1) * 50, page * 50));
          }
        });
      }
    }
  }

  it('a broad search really is broad here (more than 2,000 hits), so the walk is what is tested', () => {
    expect(expected({ search: '华西' }).length).toBeGreaterThan(2000);
    expect(expected({ search: '医院' }).length).toBeGreaterThan(2000);
    expect(expected({ search: '华西', status: 'draft' }).length).toBeGreaterThan(2000);
  });

  it('archived claims only under their own filter, deleted ones never', () => {
    for (const search of [undefined, '医院']) {
      const want = expected({ archived: true, search });
      expect(want.length).toBeGreaterThan(50);
      const got = listClaims(ws.db, { archived: true, search, pageSize: 500 });
      expect(got.items.map((c) => c.id)).toEqual(want.slice(0, 500));
    }
  });
});
