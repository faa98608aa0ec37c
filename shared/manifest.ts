// The claim manifest read by `claimdesk evaluate` and `claimdesk bundle` (docs/contracts.md). Parsing is
// strict: an unknown document kind or a bad field is a usage error (exit 2) naming the field's path.
import { z } from 'zod';
import { AgentRelation, CareSetting, DocumentKind, FilingType, InsuranceType } from './domain';
import { BankAccount, IsoDate } from './schemas';
import { checkFieldValue, TypedFields } from './field-corrections';

/** Caps that keep a hostile manifest from exhausting memory. */
export const MANIFEST_LIMITS = { documents: 200, filesPerDocument: 100, stringLength: 500 } as const;

const Text = z.string().trim().min(1).max(MANIFEST_LIMITS.stringLength);

/**
 * Identity fields are plain strings here on purpose: a mistyped ID number or phone is a *problem* in the
 * evaluation report (id_invalid, phone_invalid), not a reason to refuse the whole manifest.
 */
export const ManifestClaimant = z.object({
  name: Text,
  idNumber: z.string().max(40),
  insuranceType: InsuranceType,
  insuredRegion: Text,
  phone: z.string().max(40).optional(),
  bankAccount: z.object({ bank: Text, number: z.string().max(40), holder: Text }).optional(),
});

// Discriminated on `relation`, so a relative's missing name is reported as applicant.name, not "applicant".
export const ManifestApplicant = z.discriminatedUnion('relation', [
  z.object({ relation: z.literal('self') }),
  z.object({ relation: AgentRelation, name: Text, idNumber: z.string().max(40) }),
]);

export const ManifestClaim = z
  .object({
    careSetting: CareSetting,
    hospital: Text,
    treatmentRegion: Text,
    visitDate: IsoDate.optional(),
    admissionDate: IsoDate.optional(),
    dischargeDate: IsoDate.optional(),
    totalAmount: z.number().nonnegative().max(100_000_000).optional(),
    crossRegion: z
      .object({
        filingType: FilingType,
        filingDate: IsoDate.optional(),
        /** Filed at the 经办机构's window (线下备案) rather than online. */
        offline: z.boolean().optional(),
        /** 备案的就医地 as the filing record names it: compared with treatmentRegion. */
        filedPlace: Text.optional(),
        /** The filing's own start and end dates, when its record gives them. */
        startDate: IsoDate.optional(),
        endDate: IsoDate.optional(),
      })
      .refine((c) => !c.startDate || !c.endDate || c.startDate <= c.endDate, {
        message: '备案结束日期早于开始日期',
        path: ['endDate'],
      })
      .nullable()
      .optional(),
    specialDrugs: z.boolean().optional(),
    /** The applicant has signed the bundle's printed 诚信承诺书 page (a reminder's note; never a missing paper). */
    pledgeSigned: z.boolean().optional(),
    notes: z.string().max(5000).optional(),
  })
  // Outpatient care may be written with admissionDate/dischargeDate, as the contract's example does for
  // inpatient care (docs/contracts.md): the visit date is then the last date given (the deadline counts
  // from the end of care), and admissionDate, when earlier, starts the care period.
  .transform((c) =>
    c.careSetting !== 'inpatient' && !c.visitDate && (c.dischargeDate || c.admissionDate)
      ? { ...c, visitDate: c.dischargeDate ?? c.admissionDate }
      : c,
  );

export const ManifestDocument = z
  .object({
    kind: DocumentKind,
    files: z.array(z.string().min(1).max(1000)).min(1).max(MANIFEST_LIMITS.filesPerDocument),
    /** Things a person confirmed by looking at the paper (e.g. "emergency_mark"), for checks a photo can't prove. */
    confirmed: z.array(z.string().max(100)).max(20).optional(),
    /**
     * Accepted from older manifests and ignored: a relative's claim asks for no 代办人身份证 any more (issue 25),
     * so there is nothing for "the applicant's card is on this photo" to settle.
     */
    holdsBothCards: z.boolean().optional(),
    /**
     * What is printed on the first page, typed by the person (shared/fields.ts names for the kind, e.g.
     * { "patientName": "王秀英", "totalAmount": 100 }): wins over what was read. Shorthand for pageFields[0].
     */
    fields: TypedFields.optional(),
    /** The same per page, in file order; null or {} for a page with nothing typed. */
    pageFields: z.array(TypedFields.nullable()).max(MANIFEST_LIMITS.filesPerDocument).optional(),
  })
  .superRefine((doc, ctx) => {
    const check = (values: TypedFields | null | undefined, path: Array<string | number>) => {
      for (const [name, value] of Object.entries(values ?? {})) {
        const r = checkFieldValue(doc.kind, name, value);
        if (!r.ok) ctx.addIssue({ code: 'custom', path: [...path, name], message: r.zh });
      }
    };
    check(doc.fields, ['fields']);
    doc.pageFields?.forEach((values, j) => check(values, ['pageFields', j]));
    if (doc.pageFields && doc.pageFields.length > doc.files.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['pageFields'],
        message: `写了 ${doc.pageFields.length} 页的识别项，但只有 ${doc.files.length} 个文件`,
      });
    }
    const twice = Object.keys(doc.fields ?? {}).find((k) => k in (doc.pageFields?.[0] ?? {}));
    if (twice) {
      ctx.addIssue({
        code: 'custom',
        path: ['pageFields', 0, twice],
        message: `“${twice}”在 fields 和 pageFields[0] 里都写了（两者都指第一页），请只写一处`,
      });
    }
  });

export const Manifest = z.object({
  claimant: ManifestClaimant,
  applicant: ManifestApplicant.default({ relation: 'self' }),
  claim: ManifestClaim,
  documents: z.array(ManifestDocument).max(MANIFEST_LIMITS.documents),
});
export type Manifest = z.output<typeof Manifest>;
export type ManifestDocument = z.output<typeof ManifestDocument>;

// Re-exported so callers of the manifest have the bank schema at hand for stricter UI validation.
export { BankAccount };
