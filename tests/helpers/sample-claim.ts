// The one sample claim tests, bench and scripts share: 张三 of 张家, insured in 江苏省南京市, in hospital at
// 上海市第一人民医院 on a 异地转诊 filing. As a manifest object (sampleManifest), as a folder holding that
// manifest and its pictures (writeSampleClaimFolder), and as rows in a real SQLite workspace
// (seedSampleClaim), and as the rule engine's input (sampleClaimFacts). Overrides change one field and keep the rest; a field set to undefined is left out.
// The CLI arguments of the same household, person and claim are in ./cli-session.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { createClaim, createHousehold, createPerson } from '../../electron/core/repo';
import type { ClaimFacts } from '../../electron/core/rules/engine';
import { idCheckChar, passesLuhn } from '../../shared/validators';
import type { Workspace } from '../../electron/core/workspace';

export const SAMPLE_ID_NUMBER = '11010519491231002X';
export const SAMPLE_HOSPITAL = '上海市第一人民医院';

export const SAMPLE_CLAIMANT = {
  name: '张三',
  idNumber: SAMPLE_ID_NUMBER,
  insuranceType: 'employee',
  insuredRegion: '江苏省南京市',
  phone: '13800138000',
};

export const SAMPLE_BANK_ACCOUNT = { bank: '中国银行', number: '6217000000000000000', holder: '张三' };

/** The inpatient stay of the sample claim, referred from 南京 to 上海 (异地转诊). */
export const SAMPLE_INPATIENT_CLAIM = {
  careSetting: 'inpatient',
  hospital: SAMPLE_HOSPITAL,
  treatmentRegion: '上海市',
  admissionDate: '2026-09-01',
  dischargeDate: '2026-09-10',
  totalAmount: 12345.67,
  crossRegion: { filingType: 'referral', filingDate: '2026-08-30' },
  specialDrugs: false,
};

/** A local outpatient visit, for tests that need the simplest claim the rules know. */
export const SAMPLE_OUTPATIENT_CLAIM = {
  careSetting: 'outpatient',
  hospital: '南京市第一医院',
  treatmentRegion: '江苏省南京市',
  visitDate: '2026-10-01',
};

export type Fields = Record<string, unknown>;

export interface SampleManifest {
  claimant: Fields;
  applicant: Fields;
  claim: Fields;
  documents: Fields[];
  [key: string]: unknown;
}

export interface ManifestOverrides {
  claimant?: Fields;
  applicant?: Fields;
  claim?: Fields;
  documents?: Fields[];
  [key: string]: unknown;
}

/** `base` with `over` on top; keys whose value in `over` is undefined are removed. */
export function withOverrides<T extends Fields>(base: T, over: Fields = {}): T {
  const out: Fields = { ...base, ...over };
  for (const [k, v] of Object.entries(over)) if (v === undefined) delete out[k];
  return out as T;
}

/**
 * The sample manifest: claimant, applicant, claim and documents each take overrides (merged field by field,
 * documents replaced as a whole; `applicant: undefined` leaves it out); other top-level keys are added as
 * given. A claim override with careSetting 'outpatient' starts from SAMPLE_OUTPATIENT_CLAIM instead of the
 * inpatient stay. Default documents: one invoice photo, `invoice.jpg`.
 */
export function sampleManifest(over: ManifestOverrides = {}): SampleManifest {
  const { claimant, applicant, claim, documents, ...rest } = over;
  const base: Fields = {
    claimant: withOverrides(SAMPLE_CLAIMANT, claimant),
    applicant: applicant ?? { relation: 'self' },
    claim: withOverrides(
      claim?.careSetting === 'outpatient' ? SAMPLE_OUTPATIENT_CLAIM : SAMPLE_INPATIENT_CLAIM,
      claim,
    ),
    documents: documents ?? [{ kind: 'invoice', files: ['invoice.jpg'] }],
  };
  if ('applicant' in over && applicant === undefined) delete base.applicant;
  // A deep copy: tests edit manifests freely, and must not change the shared constants.
  return structuredClone(withOverrides(base, rest)) as SampleManifest;
}

/** Every file a manifest's documents name, in order, without repeats. */
export function manifestFiles(manifest: { documents?: unknown }): string[] {
  const docs = Array.isArray(manifest.documents) ? (manifest.documents as Fields[]) : [];
  return [...new Set(docs.flatMap((d) => (Array.isArray(d.files) ? (d.files as string[]) : [])))];
}

export interface SampleFolderOptions {
  /** Name of the manifest file in the folder (default claim.json). */
  manifestName?: string;
  /** Pictures to write (default: every file the manifest names, when it is an object). */
  files?: readonly string[];
  /**
   * 'distinct' (default): each picture a slightly different colour, so no two are taken for the same page
   * (duplicate_invoice); 'same': every picture identical.
   */
  pictures?: 'distinct' | 'same';
}

/**
 * Writes `manifest` (an object, written as JSON, or raw text) and small real JPEG pictures (64×48, sharp)
 * into `dir`, creating it. Returns the manifest's path.
 */
export async function writeSampleClaimFolder(
  dir: string,
  manifest: unknown = sampleManifest(),
  options: SampleFolderOptions = {},
): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const files =
    options.files ?? (typeof manifest === 'object' && manifest !== null ? manifestFiles(manifest) : []);
  for (const [i, f] of files.entries()) {
    const background =
      options.pictures === 'same' ? '#eeeeee' : { r: Math.min(255, 200 + i), g: 230, b: 230 };
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    await sharp({ create: { width: 64, height: 48, channels: 3, background } })
      .jpeg()
      .toFile(join(dir, f));
  }
  const file = join(dir, options.manifestName ?? 'claim.json');
  writeFileSync(file, typeof manifest === 'string' ? manifest : JSON.stringify(manifest, null, 2));
  return file;
}

export interface SeedOptions {
  household?: Fields;
  /** Overrides of the person row (SAMPLE_CLAIMANT with relation self). */
  person?: Fields;
  /** Overrides of the claim row (SAMPLE_INPATIENT_CLAIM without specialDrugs); null: no claim. */
  claim?: Fields | null;
}

export interface SeededClaim {
  householdId: number;
  claimantId: number;
  /** The claim's id, or 0 when `claim: null` asked for none. */
  claimId: number;
}

/** Creates household 张家, person 张三 and (unless `claim: null`) the sample claim through the real repo. */
export function seedSampleClaim(db: Workspace['db'], options: SeedOptions = {}): SeededClaim {
  const h = createHousehold(db, withOverrides({ name: '张家' }, options.household));
  const claimantId = createPerson(
    db,
    withOverrides({ ...SAMPLE_CLAIMANT, relation: 'self', householdId: h.id }, options.person),
  ).id;
  if (options.claim === null) return { householdId: h.id, claimantId, claimId: 0 };
  const claimId = createClaim(
    db,
    withOverrides(
      { ...withOverrides(SAMPLE_INPATIENT_CLAIM, { specialDrugs: undefined }), claimantId },
      options.claim,
    ),
  ).id;
  return { householdId: h.id, claimantId, claimId };
}

/** A valid ID number for a birth date (district 110105, sequence `seq`, check character computed). */
export function idForBirth(birth: string, seq = '001'): string {
  const first17 = `110105${birth.replaceAll('-', '')}${seq}`;
  return first17 + idCheckChar(first17);
}

/** A 19-digit bank card number that passes Luhn. */
export function luhnCardNumber(prefix = '621700000000000000'): string {
  for (let d = 0; d < 10; d++) if (passesLuhn(prefix + d)) return prefix + d;
  throw new Error('unreachable');
}

/**
 * The sample claimant's local outpatient visit as the rule engine reads it (`evaluateClaim`'s ClaimFacts),
 * with a Luhn-valid bank card in the claimant's name. `name` renames the claimant (and the card's holder);
 * other fields of `over` replace the sample's.
 */
export function sampleClaimFacts(over: Partial<ClaimFacts> = {}, name = SAMPLE_CLAIMANT.name): ClaimFacts {
  return {
    claimant: {
      ...SAMPLE_CLAIMANT,
      name,
      insuranceType: 'employee',
      bankAccount: { bank: SAMPLE_BANK_ACCOUNT.bank, number: luhnCardNumber(), holder: name },
    },
    applicant: { relation: 'self' },
    careSetting: 'outpatient',
    hospital: SAMPLE_OUTPATIENT_CLAIM.hospital,
    treatmentRegion: SAMPLE_OUTPATIENT_CLAIM.treatmentRegion,
    visitDate: SAMPLE_OUTPATIENT_CLAIM.visitDate,
    crossRegion: null,
    specialDrugs: false,
    ...over,
  };
}
