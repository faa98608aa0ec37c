// Shipped migrations are never edited (a database that already ran one would never see the change): the SQL
// of each one is pinned here by its sha256. Changing a shipped migration fails this test; a new migration
// fails it too until its hash is added below, when it ships.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { REPO_ROOT } from '../helpers/tmp';

const PINNED: Record<number, [name: string, sha256: string]> = {
  10: ['create-core', '4c18f5a7d126d6cb29915aa3eaf033d644d24ebc53757158d319cfa24a57324e'],
  20: ['create-claim-invoices', '83fd73d9eac1761a4701995e670b81b8c3740caceb50dc76b85c8f9706c9719e'],
  30: ['document-confirmations', 'abdcd8ee08472426f3a34502b2dc743746b96de83583e013fc016823bf63ea37'],
  40: ['page-facts', '736331545fe7ac9d4c4fee7424a77951842b0bbd185ad83a1075576c18612b9c'],
  50: ['page-field-corrections', 'b8fc650ef7efd6562a9bd534fc139120d07206d22fd2d4cda19259155a7c3fad'],
  60: ['fiscal-invoices', '299bc52ee379f9a5ea62ede42fb6f64f986202af44cc50406ca958831f5db742'],
  70: ['pledge-signatures', '8d3f50330676d1b5c14c4fea62f7c8e1febb394fe7132ab5b9fd6018495fea63'],
  80: ['status-facts-and-trash', '8047f28d3495196c940ad170159bedf56f152379d283c10558a53aee595631e2'],
  90: ['row-versions-and-desks', '41bafaa5f48f1acb06b95f14aed68582f6efd6dd2ba75876b7c35b1407c47621'],
  100: ['board-indexes', '5ce8a6a6080914643664940dab654a6f9b367c4745b90a3802f03c86c4033764'],
  110: ['claim-verdicts', '90bab518f33013bd5c1ab9a49fcbf501231a5574a62b30c5d62ab8689004b2d5'],
};

describe('shipped migrations', () => {
  it('run exactly the SQL they shipped with', () => {
    for (const m of MIGRATIONS) {
      const pinned = PINNED[m.version];
      expect(
        pinned,
        `migration ${m.version} (${m.name}) has no pinned hash: add it when it ships`,
      ).toBeDefined();
      expect(m.name).toBe(pinned![0]);
      const sha = createHash('sha256').update(m.sql).digest('hex');
      expect(sha, `migration ${m.version} (${m.name}) was edited: add a new migration instead`).toBe(
        pinned![1],
      );
    }
    // None was dropped from the list either.
    expect(MIGRATIONS.map((m) => m.version)).toEqual(expect.arrayContaining(Object.keys(PINNED).map(Number)));
  });

  it('lists every migration file in the folder, in version order', () => {
    const files = readdirSync(join(REPO_ROOT, 'electron', 'core', 'db', 'migrations')).filter((f) =>
      /^\d{4}-/.test(f),
    );
    expect(files.map((f) => Number(f.slice(0, 4)))).toEqual(MIGRATIONS.map((m) => m.version));
    expect(files.map((f) => f.replace(/^\d{4}-|\.(ts|sql)$/g, ''))).toEqual(MIGRATIONS.map((m) => m.name));
  });

  it('fails on a one-character edit (the hash is of the text, not of its shape)', () => {
    const first = MIGRATIONS[0]!;
    const edited = first.sql.replace('CREATE TABLE', 'CREATE  TABLE');
    expect(edited).not.toBe(first.sql);
    expect(createHash('sha256').update(edited).digest('hex')).not.toBe(PINNED[first.version]![1]);
  });
});
