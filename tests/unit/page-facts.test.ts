// Stored page facts read back whatever version wrote them: each version's fixture (facts analysePage wrote
// of the sample invoice photo) through the upgrade steps to the current version, a field a newer build added
// carried along, and facts this build cannot read reported and kept stored, never made "none" silently.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { indexClaimInvoices, importDocument } from '../../electron/core/import';
import { evaluateStoredClaim } from '../../electron/core/claim-evaluation';
import { sqliteOf } from '../../electron/core/db/sqlite';
import { listDocuments } from '../../electron/core/repo';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';
import { PAGE_FACTS_VERSION, PageFacts } from '../../shared/page-facts';
import { PAGE_FACTS_UPGRADES, readStoredFacts } from '../../shared/page-facts-upgrade';
import { seedSampleClaim } from '../helpers/sample-claim';
import { makeTempDir, REPO_ROOT } from '../helpers/tmp';

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'page-facts');
const fixture = (version: number): Record<string, unknown> =>
  JSON.parse(readFileSync(join(FIXTURES, `v${version}.json`), 'utf8')) as Record<string, unknown>;

describe('stored page facts, version by version', () => {
  it('reads the fixture of every version up to the current one as the current version', () => {
    for (let v = 1; v <= PAGE_FACTS_VERSION; v++) {
      expect(existsSync(join(FIXTURES, `v${v}.json`)), `tests/fixtures/page-facts/v${v}.json`).toBe(true);
      // Every older version has its step (a version without one could never be read again).
      if (v < PAGE_FACTS_VERSION)
        expect(PAGE_FACTS_UPGRADES[v], `upgrade from version ${v}`).toBeTypeOf('function');
      const stored = fixture(v);
      expect(stored.version).toBe(v);
      const read = readStoredFacts(stored);
      expect(read.unread, `version ${v}`).toBeNull();
      expect(read.facts?.version).toBe(PAGE_FACTS_VERSION);
      expect(read.upgradedFrom).toBe(v < PAGE_FACTS_VERSION ? v : null);
      // What every reader relies on came through.
      expect(read.facts!.fingerprint.phash).toMatch(/^[0-9a-f]{16}$/);
      expect(read.facts!.quality?.verdict).toBe('pass');
    }
    // The current version's fixture is what analysePage writes today, unchanged by reading.
    expect(readStoredFacts(fixture(PAGE_FACTS_VERSION)).facts).toEqual(fixture(PAGE_FACTS_VERSION));
  });

  it('carries a field a newer build added to the same version, and reads facts stored without it', () => {
    const current = fixture(PAGE_FACTS_VERSION);
    const withMore = { ...current, nationalInvoice: { number: '25312000000012345678' } };
    expect(readStoredFacts(withMore).facts).toMatchObject({ nationalInvoice: withMore.nationalInvoice });
    // An optional field added to the schema: facts stored before it still read.
    const Extended = PageFacts.extend({ nationalInvoice: z.object({ number: z.string() }).optional() });
    const read = readStoredFacts(current, {
      current: PAGE_FACTS_VERSION,
      upgrades: PAGE_FACTS_UPGRADES,
      schema: Extended,
    });
    expect(read.unread).toBeNull();
    expect(read.facts).toEqual(current);
  });

  it('upgrades one version at a time, each step from the one before', () => {
    // A made-up version 3 where `mime` became `type` (2) and `type` became required and upper-case (3).
    const V3 = PageFacts.omit({ version: true, mime: true }).extend({
      version: z.literal(3),
      type: z.string().regex(/^[A-Z/]+$/),
    }) as unknown as z.ZodType<PageFacts>;
    const steps = {
      1: ({ mime, ...rest }: Record<string, unknown>) => ({ ...rest, type: mime }),
      2: (v2: Record<string, unknown>) => ({ ...v2, type: String(v2.type).toUpperCase() }),
    };
    const read = readStoredFacts(fixture(1), { current: 3, upgrades: steps, schema: V3 });
    expect(read.unread).toBeNull();
    expect(read.upgradedFrom).toBe(1);
    expect(read.facts).toMatchObject({ version: 3, type: 'IMAGE/JPEG' });
    expect(read.facts).not.toHaveProperty('mime');
    // A missing step or one that throws: reported, not guessed.
    expect(readStoredFacts(fixture(1), { current: 3, upgrades: { 1: steps[1] }, schema: V3 }).unread).toEqual(
      {
        version: 1,
        reason: 'no upgrade from version 2',
      },
    );
    const broken = {
      1: () => {
        throw new Error('bad payload');
      },
    };
    expect(readStoredFacts(fixture(1), { current: 2, upgrades: broken, schema: V3 }).unread?.reason).toBe(
      'upgrade from version 1 failed: bad payload',
    );
  });

  it('says why facts cannot be read instead of answering "none"', () => {
    const current = fixture(PAGE_FACTS_VERSION);
    expect(readStoredFacts(null)).toEqual({ facts: null, unread: null, upgradedFrom: null });
    const newer = readStoredFacts({ ...current, version: PAGE_FACTS_VERSION + 1 });
    expect(newer.facts).toBeNull();
    expect(newer.unread).toMatchObject({ version: PAGE_FACTS_VERSION + 1 });
    expect(newer.unread?.reason).toContain('newer ClaimDesk');
    const damaged = readStoredFacts({ ...current, fingerprint: 'abc' });
    expect(damaged.unread?.reason).toContain('fingerprint');
    expect(readStoredFacts({ ...current, version: undefined }).unread?.reason).toBe('no version');
    expect(readStoredFacts('text').unread?.reason).toBe('not an object');
  });
});

describe('a stored page whose facts this build cannot read', () => {
  let tmp: { dir: string; cleanup: () => void };
  let ws: Workspace;
  beforeAll(async () => {
    tmp = makeTempDir('claimdesk-facts-');
    ws = await openWorkspace(join(tmp.dir, 'data'));
  });
  afterAll(() => {
    ws.close();
    tmp.cleanup();
  });

  it('is reported with the page and left stored as it was, by reads and by the invoice index alike', async () => {
    const { claimId } = seedSampleClaim(ws.db, { person: { phone: undefined } });
    // A small blank photo: what is under test is the stored row, not what the photo shows.
    const photo = join(tmp.dir, 'blank.jpg');
    await sharp({ create: { width: 240, height: 320, channels: 3, background: '#f4f4f0' } })
      .jpeg()
      .toFile(photo);
    const doc = await importDocument(ws, { claimId, kind: 'invoice', paths: [photo], checks: false });
    const pageId = doc.pages[0]!.id;
    // As a later ClaimDesk would leave the row (a downgrade after a restore, a shared folder).
    const db = sqliteOf(ws.db);
    const later = JSON.stringify({ ...doc.pages[0]!.facts, version: PAGE_FACTS_VERSION + 1, qr: null });
    db.prepare('UPDATE document_pages SET facts_json = ? WHERE id = ?').run(later, pageId);

    const page = listDocuments(ws.db, claimId)[0]!.pages[0]!;
    expect(page.facts).toBeNull();
    expect(page.factsUnread).toMatchObject({ version: PAGE_FACTS_VERSION + 1 });
    // Evaluation still runs (the page counts as not analysed), and the import's invoice pass, which fills
    // in missing QR readings, leaves these facts alone rather than writing fresh ones over them.
    await evaluateStoredClaim(ws, claimId, { today: '2026-10-20' });
    await indexClaimInvoices(ws, claimId);
    const kept = db.prepare('SELECT facts_json FROM document_pages WHERE id = ?').pluck().get(pageId);
    expect(kept).toBe(later);
  });
});
