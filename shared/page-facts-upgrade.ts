// Reading page facts back from storage, whatever version of ClaimDesk wrote them. Facts carry their version
// (shared/page-facts.ts PAGE_FACTS_VERSION). Stored facts of an older version are upgraded one version at a
// time by the steps below (read old, hand back new); the row keeps its old text until the page's facts are
// next written, which always writes the current version. Facts that cannot be read (a newer ClaimDesk wrote
// them, a step is missing, or they no longer match the schema) are never turned into "no facts" silently:
// the reading says why, and the stored text is left as it is for a later version to read.
//
// Adding an optional field needs no new version: add it to PageFacts with .optional(); facts stored before
// it parse without it, and facts a newer build wrote with it keep it (PageFacts is a loose object, so a field
// this build does not know is carried along, not dropped). A new version is needed only when a field is
// renamed, changes meaning or becomes required: raise PAGE_FACTS_VERSION, add the step from the previous
// version here, and a fixture of the previous version to tests/fixtures/page-facts/ (the test reads every
// version's fixture through the steps).
import type { z } from 'zod';
import { PAGE_FACTS_VERSION, PageFacts } from './page-facts';

type FactsJson = Record<string, unknown>;

/**
 * UPGRADES[n] turns the facts of version n into version n + 1. Version 1 is the first; none yet. A step
 * must not lose what it does not understand: spread the old object and change only what moved.
 */
export const PAGE_FACTS_UPGRADES: Readonly<Record<number, (old: FactsJson) => FactsJson>> = {};

/** What reading stored facts gives: the facts (current version), or why they could not be read. */
export interface StoredFactsReading {
  /** The facts, upgraded to the current version; null when there are none or they could not be read. */
  facts: PageFacts | null;
  /** Why stored facts could not be read (they stay stored as they were); null when they could. */
  unread: { version: number | null; reason: string } | null;
  /** The version the facts were stored as, when an upgrade was applied; null otherwise. */
  upgradedFrom: number | null;
}

function unread(version: number | null, reason: string): StoredFactsReading {
  return { facts: null, unread: { version, reason }, upgradedFrom: null };
}

/** What a reading is made against: the current version, its upgrade steps and its schema. */
export interface FactsVersions {
  current: number;
  upgrades: Readonly<Record<number, (old: FactsJson) => FactsJson>>;
  schema: z.ZodType<PageFacts>;
}

const THIS_BUILD: FactsVersions = {
  current: PAGE_FACTS_VERSION,
  upgrades: PAGE_FACTS_UPGRADES,
  schema: PageFacts,
};

/** Stored facts (parsed JSON, or null for a page never analysed) read as the current version. */
export function readStoredFacts(stored: unknown, versions: FactsVersions = THIS_BUILD): StoredFactsReading {
  const { current, upgrades, schema } = versions;
  if (stored === null || stored === undefined) return { facts: null, unread: null, upgradedFrom: null };
  if (typeof stored !== 'object' || Array.isArray(stored)) return unread(null, 'not an object');
  let json = stored as FactsJson;
  const from = json.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) return unread(null, 'no version');
  if (from > current)
    return unread(from, `written by a newer ClaimDesk (version ${from}; this one reads ${current})`);
  for (let v = from; v < current; v++) {
    const step = upgrades[v];
    if (!step) return unread(from, `no upgrade from version ${v}`);
    try {
      json = { ...step(json), version: v + 1 };
    } catch (err) {
      return unread(
        from,
        `upgrade from version ${v} failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.map(String).join('.') || '(root)';
    return unread(from, `does not match version ${current}: ${where}: ${issue?.message ?? ''}`);
  }
  return { facts: parsed.data, unread: null, upgradedFrom: from < current ? from : null };
}
