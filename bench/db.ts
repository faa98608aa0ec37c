// Claims board at billing-desk scale: 100,000 claims in a real SQLite file, then the time to list and search
// one page, beside the raw cost of SQLite reading 50 rows (the floor no query can beat).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createClaim,
  createHousehold,
  createPerson,
  listClaims,
  type ClaimListQuery,
} from '../electron/core/repo';
import { openWorkspace } from '../electron/core/workspace';
import { store } from '../electron/core/db/store';
import { sqliteOf } from '../electron/core/db/sqlite';
import { idCheckChar } from '../shared/validators';

const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 100_000);
const TARGET_MS = 20;
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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median wall-clock and CPU time (this process) of `fn`: on a shared machine the CPU time stretches less. */
function time(fn: () => void, runs = 15): { ms: number; cpu: number } {
  fn(); // warm the page cache and statement cache
  const xs: number[] = [];
  const cs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    fn();
    xs.push(Number(process.hrtime.bigint() - t) / 1e6);
    const used = process.cpuUsage(c);
    cs.push((used.user + used.system) / 1000);
  }
  return { ms: median(xs), cpu: median(cs) };
}

export async function run(): Promise<void> {
  // BENCH_DB_DIR keeps the generated database for poking at query plans afterwards.
  const keep = process.env.BENCH_DB_DIR;
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'claimdesk-bench-db-'));
  const ws = await openWorkspace(dir);
  try {
    const t0 = Date.now();
    const people: number[] = [];
    // A kept database (BENCH_DB_DIR) that already holds the claims is measured again as it is.
    const existing = listClaims(ws.db, { pageSize: 1 }).total;
    if (existing >= CLAIMS) console.log(`reusing ${existing.toLocaleString()} claims in ${dir}`);
    else
      store.engine.transaction(ws.db, () => {
        for (let h = 0; h < 2000; h++) {
          const household = createHousehold(ws.db, { name: `${SURNAMES[h % SURNAMES.length]}家${h}` });
          for (let m = 0; m < 3; m++) {
            const n = h * 3 + m;
            const first17 = `110105${1940 + (n % 60)}${String((n % 12) + 1).padStart(2, '0')}${String((n % 28) + 1).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
            people.push(
              createPerson(ws.db, {
                householdId: household.id,
                name:
                  SURNAMES[(h * 7 + m) % SURNAMES.length]! +
                  GIVEN[(n * 13) % GIVEN.length]! +
                  GIVEN[(n * 5) % GIVEN.length]!,
                idNumber: first17 + idCheckChar(first17),
                relation: m === 0 ? 'self' : m === 1 ? 'spouse' : 'child',
                insuranceType: 'employee',
                insuredRegion: '江苏省南京市',
              }).id,
            );
          }
        }
        for (let i = 0; i < CLAIMS; i++) {
          const day = 1 + (i % 28);
          const month = 1 + (i % 12);
          createClaim(ws.db, {
            claimantId: people[i % people.length]!,
            careSetting: i % 3 === 0 ? 'outpatient' : 'inpatient',
            hospital: HOSPITALS[i % HOSPITALS.length]!,
            treatmentRegion: '上海市',
            visitDate: `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
            admissionDate: `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
            dischargeDate: `2026-${String(month).padStart(2, '0')}-${String(Math.min(day + 3, 28)).padStart(2, '0')}`,
            totalAmount: 100 + (i % 5000),
          });
        }
      });
    if (existing < CLAIMS)
      console.log(
        `created ${CLAIMS.toLocaleString()} claims for ${people.length.toLocaleString()} people in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      );

    // Two floors no page can beat: SQLite reading 50 rows, and stepping through one index entry per claim
    // (what counting every claim of a filter costs; the page's total needs it).
    const floor = time(() => sqliteOf(ws.db).prepare('SELECT * FROM claims LIMIT 50').all()).ms;
    const countFloor = time(() =>
      sqliteOf(ws.db).prepare('SELECT count(*) FROM claims WHERE claimant_id >= 0').get(),
    ).ms;
    const sample = listClaims(ws.db, { pageSize: 1, page: 777 }).items[0]!;
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
    console.log(`raw SQLite read of 50 rows (floor): ${floor.toFixed(2)} ms`);
    console.log(
      `raw SQLite count of ${CLAIMS.toLocaleString()} index entries (count floor): ${countFloor.toFixed(2)} ms`,
    );
    console.log(
      'query (page of 50, incl. total count)                  median ms   CPU ms   × floor  × count floor  target',
    );
    let worst = 0;
    for (const [label, q] of cases) {
      let total = '';
      const { ms, cpu } = time(() => {
        const r = listClaims(ws.db, { pageSize: 50, ...q });
        total = r.total.toLocaleString() + (r.totalCapped ? '+' : '');
      });
      worst = Math.max(worst, ms);
      console.log(
        `${(label + ` [${total} hits]`).padEnd(56)} ${ms.toFixed(2).padStart(9)} ${cpu.toFixed(2).padStart(8)} ${(ms / floor).toFixed(1).padStart(9)} ${(ms / countFloor).toFixed(2).padStart(14)}   ${ms <= TARGET_MS ? 'ok' : 'OVER'} ≤${TARGET_MS}`,
      );
    }
    console.log(
      `worst page: ${worst.toFixed(2)} ms (target ≤ ${TARGET_MS} ms at ${CLAIMS.toLocaleString()} claims)`,
    );
  } finally {
    ws.close();
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}
