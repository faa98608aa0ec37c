// The storage contract's engine-wide promises, on the SQLite engine with a real database file: a
// transaction keeps all of its writes or none, a nested one joins the outer, and the domain functions
// (repo.ts) that wrap several writes in one are undone together when a later step is refused.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { store } from '../../electron/core/db/store';
import { openDatabase } from '../../electron/core/db/open';
import { createHousehold, listHouseholds, transitionClaim, claimHistory } from '../../electron/core/repo';
import { seedSampleClaim } from '../helpers/sample-claim';
import { makeTempDir } from '../helpers/tmp';

const tmp = makeTempDir('claimdesk-contract-');
const db = openDatabase(join(tmp.dir, 'data'));
afterAll(() => {
  store.engine.close(db);
  tmp.cleanup();
});

describe('store.engine.transaction', () => {
  it('keeps every write of a transaction that returns, and answers its value', () => {
    const id = store.engine.transaction(db, () => {
      createHousehold(db, { name: '甲家' });
      return createHousehold(db, { name: '乙家' }).id;
    });
    expect(listHouseholds(db).map((h) => h.name)).toEqual(expect.arrayContaining(['甲家', '乙家']));
    expect(store.people.household(db, id)?.name).toBe('乙家');
  });

  it('undoes every write, nested ones included, when the function throws', () => {
    const before = listHouseholds(db).length;
    expect(() =>
      store.engine.transaction(
        db,
        () => {
          createHousehold(db, { name: '丙家' });
          store.engine.transaction(db, () => createHousehold(db, { name: '丁家' }));
          throw new Error('refused after two writes');
        },
        { immediate: true },
      ),
    ).toThrow('refused after two writes');
    expect(listHouseholds(db).length).toBe(before);
    expect(listHouseholds(db).map((h) => h.name)).not.toContain('丁家');
  });

  it('a refused life-cycle step changes neither the status nor the history', () => {
    const { claimId } = seedSampleClaim(db, { household: { name: '张家' } });
    const history = claimHistory(db, claimId);
    expect(() => transitionClaim(db, claimId, 'paid')).toThrow(/不能直接改为/);
    expect(store.claims.claim(db, claimId)?.status).toBe('draft');
    expect(claimHistory(db, claimId)).toEqual(history);
  });
});
