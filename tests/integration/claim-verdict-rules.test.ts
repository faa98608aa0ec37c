// A kept verdict (claim-verdict.ts) holds only under the rule packs it was made with: a pack file edited
// while the app runs (here: a copy of resources/ named by CLAIMDESK_RESOURCES, changed on disk) makes every
// kept verdict be made again. A real SQLite file; the claim made through repo.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { claimVerdicts, heldVerdicts, verdictBasis } from '../../electron/core/claim-verdict';
import { createClaim, createHousehold, createPerson } from '../../electron/core/repo';
import { rulesDir } from '../../electron/core/rules/pack';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';
import { readWorkMeter, workSince } from '../../electron/core/work-meter';
import { makeTempDir } from '../helpers/tmp';

const REPO_RESOURCES = resolve(import.meta.dirname, '../../resources');
const TODAY = '2026-10-01';
let tmp: { dir: string; cleanup: () => void };
let ws: Workspace;
let id = 0;

beforeAll(async () => {
  tmp = makeTempDir();
  const resources = join(tmp.dir, 'resources');
  for (const part of ['rules', 'lexicon', 'fonts', 'templates'])
    cpSync(join(REPO_RESOURCES, part), join(resources, part), { recursive: true });
  // Read once, on first use: nothing has asked for the resources folder yet in this test file's process.
  process.env.CLAIMDESK_RESOURCES = resources;
  ws = await openWorkspace(join(tmp.dir, 'data'));
  const h = createHousehold(ws.db, { name: '规则家' });
  const p = createPerson(ws.db, {
    householdId: h.id,
    name: '吴十',
    idNumber: '11010519491231002X',
    relation: 'self',
    insuranceType: 'employee',
    insuredRegion: '江苏省南京市',
  });
  id = createClaim(ws.db, {
    claimantId: p.id,
    careSetting: 'outpatient',
    hospital: '鼓楼医院',
    treatmentRegion: '江苏省南京市',
    visitDate: '2026-09-10',
  }).id;
});
afterAll(() => {
  ws?.close();
  tmp?.cleanup();
});

it('a rule pack changed on disk: the kept verdict no longer holds and is made again', () => {
  expect(rulesDir().startsWith(tmp.dir)).toBe(true);
  claimVerdicts(ws, [id], TODAY);
  expect(heldVerdicts(ws, [id], TODAY).has(id)).toBe(true);
  const basis = verdictBasis();

  const pack = join(rulesDir(), 'national.json');
  const json = JSON.parse(readFileSync(pack, 'utf8')) as { name: string };
  writeFileSync(pack, JSON.stringify({ ...json, name: `${json.name}（修订）` }, null, 2));
  expect(verdictBasis()).not.toBe(basis);
  expect(heldVerdicts(ws, [id], TODAY).has(id)).toBe(false);

  const before = readWorkMeter();
  claimVerdicts(ws, [id], TODAY);
  expect(workSince(before).evaluations).toBe(1);
  expect(heldVerdicts(ws, [id], TODAY).has(id)).toBe(true);
  // And kept: asking again evaluates nothing.
  const again = readWorkMeter();
  claimVerdicts(ws, [id], TODAY);
  expect(workSince(again).evaluations).toBe(0);
});
