// The storage engines side by side (issue 23), on this machine:
//   1. what the asynchronous contract costs on SQLite: the same reads and one-row transactions through the
//      synchronous `store` and through the async engine (explicit BEGIN IMMEDIATE/COMMIT, the queue);
//   2. originals: 100 photos of 5 MB written and read back through each engine's file store (the data
//      folder's files/ for SQLite, the database for PostgreSQL), the figures docs/storage.md cites;
//   3. the claims board at BENCH_CLAIMS (100,000) claims on PostgreSQL: each query of bench/db.ts, a page of
//      50 with its total, against the ≤ 20 ms target, beside the raw cost of reading 50 rows.
// PostgreSQL: CLAIMDESK_TEST_DATABASE_URL's server, or a throw-away one (scripts/pg-test-server.mjs).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ClaimListQuery, StorageEngine } from '../electron/core/db/contract';
import { openDatabase } from '../electron/core/db/open';
import { openPostgresEngine } from '../electron/core/db/pg/engine';
import { openSqliteEngine } from '../electron/core/db/sqlite-engine';
import { store } from '../electron/core/db/store';
import { searchGrams } from '../electron/core/db/pg/search';
import { claimColumns, makeReference, searchText } from '../electron/core/db/rows';
import { idCheckChar } from '../shared/validators';
import type { ClaimFields } from '../shared/schemas';
import { freshDatabase, pgTestServer } from '../tests/helpers/pg-server';

const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 100_000);
const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 100);
const PHOTO_BYTES = 5 * 1024 * 1024;
const TARGET_MS = 20;
const desk = { desk: 'bench', person: null };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(fn: () => unknown, runs = 15): Promise<number> {
  await fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    xs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(xs);
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍建华红梅';
const HOSPITALS = [
  '上海市第一人民医院',
  '复旦大学附属华山医院',
  '北京协和医院',
  '四川大学华西医院',
  '浙江大学医学院附属第一医院',
  '中山大学附属第一医院',
  '南京鼓楼医院',
  '武汉同济医院',
];

function claimOf(claimantId: number, i: number): ClaimFields {
  const day = 1 + (i % 28);
  const month = String(1 + (i % 12)).padStart(2, '0');
  return {
    claimantId,
    applicant: { relation: 'self' },
    careSetting: i % 3 === 0 ? 'outpatient' : 'inpatient',
    hospital: HOSPITALS[i % HOSPITALS.length]!,
    treatmentRegion: '上海市',
    visitDate: i % 3 === 0 ? `2026-${month}-${String(day).padStart(2, '0')}` : null,
    admissionDate: i % 3 === 0 ? null : `2026-${month}-${String(day).padStart(2, '0')}`,
    dischargeDate: i % 3 === 0 ? null : `2026-${month}-${String(Math.min(day + 3, 28)).padStart(2, '0')}`,
    crossRegion: null,
    specialDrugs: false,
    totalAmount: 100 + (i % 5000),
    notes: '',
  };
}

/** The same households, people and claims as bench/db.ts, through the asynchronous contract. */
async function seed(e: StorageEngine, url: string, claims: number): Promise<void> {
  const at = new Date().toISOString();
  const people: number[] = [];
  await e.transaction(async (tx) => {
    for (let h = 0; h < 2000; h++) {
      const household = await tx.people.insertHousehold(
        { name: `${SURNAMES[h % SURNAMES.length]}家${h}`, notes: '' },
        at,
      );
      for (let m = 0; m < 3; m++) {
        const n = h * 3 + m;
        const first17 = `110105${1940 + (n % 60)}${String((n % 12) + 1).padStart(2, '0')}${String((n % 28) + 1).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
        people.push(
          await tx.people.insertPerson(
            {
              householdId: household,
              name:
                SURNAMES[(h * 7 + m) % SURNAMES.length]! +
                GIVEN[(n * 13) % GIVEN.length]! +
                GIVEN[(n * 5) % GIVEN.length]!,
              idNumber: first17 + idCheckChar(first17),
              relation: m === 0 ? 'self' : m === 1 ? 'spouse' : 'child',
              insuranceType: 'employee',
              insuredRegion: '江苏省南京市',
              phone: null,
              bankAccount: null,
            },
            at,
          ),
        );
      }
    }
  });
  // The first claims through the contract (each with its reference, history row and search words)…
  const viaContract = Math.min(claims, 2000);
  await e.transaction(async (tx) => {
    for (let i = 0; i < viaContract; i++)
      await tx.claims.insert(
        claimOf(people[i % people.length]!, i),
        new Date(Date.parse(at) + i * 1000).toISOString(),
      );
  });
  // …the rest in bulk, with the engine's own row builders (reference, columns, search words), because one
  // round trip per statement makes 100,000 claims take many minutes on a loaded machine.
  if (claims > viaContract) await bulkClaims(url, people, viaContract, claims, at);
}

async function bulkClaims(
  url: string,
  people: number[],
  from: number,
  to: number,
  at: string,
): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const names = new Map(
      (
        await c.query<{ id: number; name: string; id_number: string }>(
          'SELECT id, name, id_number FROM people',
        )
      ).rows.map((r) => [r.id, r]),
    );
    const { last } = (await c.query<{ last: number }>(`SELECT max(id) AS last FROM claims`)).rows[0]!;
    for (let start = from; start < to; start += 5000) {
      const cols: unknown[][] = Array.from({ length: 27 }, () => []);
      const search: [number[]] = [[]];
      for (let i = start; i < Math.min(start + 5000, to); i++) {
        const id = last + 1 + (i - from);
        const claimant = people[i % people.length]!;
        const created = new Date(Date.parse(at) + i * 1000).toISOString();
        const fields = claimOf(claimant, i);
        const reference = makeReference(id, created);
        const p = names.get(claimant)!;
        const text = searchText([
          reference,
          fields.hospital,
          fields.treatmentRegion,
          null,
          p.name,
          p.id_number,
        ]);
        const grams = `{${searchGrams(text)
          .map((g) => `"${g}"`)
          .join(',')}}`;
        const row = [id, reference, ...claimColumns(fields), created, created, 'bench', text, grams];
        row.forEach((v, k) => cols[k]!.push(v));
        search[0].push(id);
      }
      await c.query('BEGIN');
      await c.query(
        `INSERT INTO claims (id, reference, claimant_id, applicant_relation, applicant_person_id, applicant_name,
           applicant_id_number, care_setting, hospital, treatment_region, visit_date, admission_date, discharge_date,
           filing_type, filing_date, special_drugs, total_amount_fen, notes, filing_offline, filing_place,
           filing_start_date, filing_end_date, created_at, updated_at, updated_by_desk, search_text, search_grams)
         SELECT a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21, a22,
           a23, a24, a25, a26, a27::text[] FROM unnest($1::int[], $2::text[], $3::int[], $4::text[], $5::int[],
           $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
           $14::text[], $15::text[], $16::int[], $17::int[], $18::text[], $19::int[], $20::text[], $21::text[],
           $22::text[], $23::text[], $24::text[], $25::text[], $26::text[], $27::text[])
           AS r(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21, a22,
             a23, a24, a25, a26, a27)`,
        cols,
      );
      await c.query(
        `INSERT INTO claim_status_history (claim_id, to_status, note, changed_at, desk)
         SELECT id, 'draft', '新建', created_at, 'bench' FROM claims WHERE id = ANY($1::int[])`,
        [search[0]],
      );
      await c.query('COMMIT');
    }
    await c.query(`SELECT setval(pg_get_serial_sequence('claims', 'id'), (SELECT max(id) FROM claims))`);
  } finally {
    await c.end();
  }
}

async function contractCost(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-bench-engines-'));
  try {
    const e = await openSqliteEngine({ dataDir: join(dir, 'a'), actor: desk });
    const db = openDatabase(join(dir, 'b'));
    const at = new Date().toISOString();
    const hA = await e.people.insertHousehold({ name: '甲', notes: '' }, at);
    const hB = store.people.insertHousehold(db, { name: '甲', notes: '' }, at);
    const n = 2000;
    const syncRead = await time(() => {
      for (let i = 0; i < n; i++) store.people.household(db, hB);
    }, 5);
    const asyncRead = await time(async () => {
      for (let i = 0; i < n; i++) await e.people.household(hA);
    }, 5);
    const m = 200;
    const syncTx = await time(() => {
      for (let i = 0; i < m; i++)
        store.engine.transaction(db, () => store.people.renameHousehold(db, hB, `甲${i}`, at), {
          immediate: true,
        });
    }, 3);
    const asyncTx = await time(async () => {
      for (let i = 0; i < m; i++)
        await e.transaction((tx) => tx.people.renameHousehold(hA, `甲${i}`, at), { immediate: true });
    }, 3);
    console.log('SQLite: synchronous store vs asynchronous engine (same modules, same file settings)');
    console.log(
      `  read one row          ${((syncRead / n) * 1000).toFixed(1)} µs   vs ${((asyncRead / n) * 1000).toFixed(1)} µs   (×${(asyncRead / syncRead).toFixed(1)})`,
    );
    console.log(
      `  one-row transaction   ${((syncTx / m) * 1000).toFixed(0)} µs   vs ${((asyncTx / m) * 1000).toFixed(0)} µs   (×${(asyncTx / syncTx).toFixed(2)}; fsync-bound: synchronous = FULL)`,
    );
    await e.close();
    store.engine.close(db);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function originals(sqlite: StorageEngine, postgres: StorageEngine): Promise<void> {
  const photos = Array.from({ length: PHOTOS }, () => randomBytes(PHOTO_BYTES));
  console.log(`originals: ${PHOTOS} photos × 5 MB (random bytes: as incompressible as JPEG)`);
  for (const [name, e] of [
    ['data folder (SQLite engine)', sqlite],
    ['database (PostgreSQL engine)', postgres],
  ] as const) {
    const t0 = performance.now();
    const shas: string[] = [];
    for (const p of photos) shas.push((await e.files.putBytes(p)).sha256);
    const written = performance.now() - t0;
    const t1 = performance.now();
    let bytes = 0;
    for (const s of shas) bytes += (await e.files.read(s)).length;
    const read = performance.now() - t1;
    const again = performance.now();
    for (const p of photos.slice(0, 10)) await e.files.putBytes(p);
    const dup = (performance.now() - again) / 10;
    const mb = (PHOTOS * PHOTO_BYTES) / 1048576;
    console.log(
      `  ${name.padEnd(30)} write ${(written / PHOTOS).toFixed(1)} ms/photo (${(mb / (written / 1000)).toFixed(0)} MB/s)   read ${(read / PHOTOS).toFixed(1)} ms/photo (${(mb / (read / 1000)).toFixed(0)} MB/s)   same photo again ${dup.toFixed(1)} ms   ${bytes === PHOTOS * PHOTO_BYTES ? 'all bytes back' : 'BYTES MISSING'}`,
    );
  }
}

async function board(e: StorageEngine, url: string): Promise<void> {
  const t0 = Date.now();
  await seed(e, url, CLAIMS);
  console.log(
    `PostgreSQL: created ${CLAIMS.toLocaleString()} claims in ${((Date.now() - t0) / 1000).toFixed(1)} s (2,000 through the contract, the rest in bulk with its row builders)`,
  );
  const raw = new pg.Client({ connectionString: url });
  await raw.connect();
  await raw.query('VACUUM ANALYZE');
  const floor = await time(() => raw.query('SELECT * FROM claims LIMIT 50'));
  await raw.end();
  const sample = (await e.claims.list({ pageSize: 1, page: 777 })).items[0]!;
  const cases: Array<[string, ClaimListQuery]> = [
    ['first page, newest first', {}],
    ['page 1000 (deep paging)', { page: 1000 }],
    ['filter status = draft', { status: 'draft' }],
    ['sort by care end (deadline order)', { sort: 'care_end' }],
    [`search claimant "${sample.claimantName}"`, { search: sample.claimantName }],
    ['search hospital "华西" (broad)', { search: '华西' }],
    ['search surname "王" (broad)', { search: '王' }],
    ['search "医院" (matches all, count capped)', { search: '医院' }],
    ['search "华西" + status draft', { search: '华西', status: 'draft' }],
    [`search reference "${sample.reference}"`, { search: sample.reference }],
    ['search with no match', { search: '不存在的名字' }],
  ];
  console.log(`raw PostgreSQL read of 50 rows (floor): ${floor.toFixed(2)} ms`);
  console.log('query (page of 50, incl. total count)            median ms   × floor   target');
  let worst = 0;
  for (const [label, q] of cases) {
    let total = '';
    const ms = await time(async () => {
      const r = await e.claims.list({ pageSize: 50, ...q });
      total = r.total.toLocaleString() + (r.totalCapped ? '+' : '');
    });
    worst = Math.max(worst, ms);
    console.log(
      `${(label + ` [${total} hits]`).padEnd(56)} ${ms.toFixed(2).padStart(9)} ${(ms / floor).toFixed(1).padStart(9)}   ${ms <= TARGET_MS ? 'ok' : 'OVER'} ≤${TARGET_MS}`,
    );
  }
  console.log(
    `worst page: ${worst.toFixed(2)} ms (target ≤ ${TARGET_MS} ms at ${CLAIMS.toLocaleString()} claims, PostgreSQL)`,
  );
}

export async function run(): Promise<void> {
  await contractCost();
  const server = await pgTestServer();
  if (!server) {
    console.log('PostgreSQL parts skipped: no server binaries');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-bench-engines-'));
  const files = await freshDatabase(server.url);
  const boardDb = await freshDatabase(server.url);
  try {
    const sqlite = await openSqliteEngine({ dataDir: dir, actor: desk });
    const postgres = await openPostgresEngine({ url: files.url, actor: desk });
    if (process.env.BENCH_SKIP_FILES !== '1') await originals(sqlite, postgres);
    await sqlite.close();
    await postgres.close();
    const e = await openPostgresEngine({ url: boardDb.url, actor: desk });
    await board(e, boardDb.url);
    await e.close();
  } finally {
    await files.drop();
    // BENCH_KEEP_DB keeps the board's database (and its server) for looking at query plans afterwards.
    if (process.env.BENCH_KEEP_DB) console.log(`kept: ${boardDb.url}`);
    else {
      await boardDb.drop();
      server.stop();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
