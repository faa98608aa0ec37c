// zod schemas for the stored domain: households, people, claims, documents. Types are derived, never
// repeated. Messages are Chinese first because the UI and CLI show them to users as they are.
import { z } from 'zod';
import { PageFacts } from './page-facts';
import {
  CareSetting,
  DocumentKind,
  DocumentOrigin,
  FilingType,
  InsuranceType,
  Relation,
  AgentRelation,
} from './domain';
import { ClaimStatus } from './lifecycle';
import { checkBankCard, checkIdNumber, isMobilePhone, isRealDate, normalizeNumberInput } from './validators';

export const IsoDate = z
  .string({ error: () => '日期必须写成 YYYY-MM-DD' })
  .refine((s) => isRealDate(s), { message: '日期必须是真实存在的日期，写成 YYYY-MM-DD（如 2026-09-01）' });

export const IdNumber = z
  .string({ error: () => '缺少身份证号' })
  .transform(normalizeNumberInput)
  .superRefine((s, ctx) => {
    const r = checkIdNumber(s);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: `${r.zh} (${r.en})` });
  });

export const PhoneNumber = z.string().transform(normalizeNumberInput).refine(isMobilePhone, {
  message: '手机号应为以1开头的11位数字 (mobile number must be 11 digits starting with 1)',
});

export const BankAccount = z.object({
  bank: z.string().trim().min(1, '请填写开户银行'),
  number: z
    .string()
    .transform(normalizeNumberInput)
    .superRefine((s, ctx) => {
      const r = checkBankCard(s);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: `${r.zh} (${r.en})` });
    }),
  holder: z.string().trim().min(1, '请填写持卡人姓名'),
});
export type BankAccount = z.infer<typeof BankAccount>;

const PersonName = z
  .string({ error: () => '缺少姓名' })
  .trim()
  .min(1, '姓名不能为空')
  .max(50, '姓名过长');

export const HouseholdInput = z.object({
  name: z
    .string({ error: () => '缺少户名' })
    .trim()
    .min(1, '户名不能为空')
    .max(100),
  notes: z.string().max(2000).default(''),
});
export type HouseholdInput = z.input<typeof HouseholdInput>;

export const PersonInput = z.object({
  householdId: z.number().int().positive(),
  name: PersonName,
  idNumber: IdNumber,
  /** Relation to the household's insured person (the one who usually claims). */
  relation: Relation,
  insuranceType: InsuranceType,
  insuredRegion: z
    .string({ error: () => '缺少参保地' })
    .trim()
    .min(1, '参保地不能为空'),
  phone: PhoneNumber.nullable().default(null),
  bankAccount: BankAccount.nullable().default(null),
});
export type PersonInput = z.input<typeof PersonInput>;
export type PersonFields = z.output<typeof PersonInput>;

export const Person = PersonInput.extend({
  id: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Person = z.output<typeof Person>;

export const Household = z.object({
  id: z.number().int(),
  name: z.string(),
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Household = z.infer<typeof Household>;

/** Who hands the claim in: the insured person, a 近亲属 acting for them, or another helper (委托书). */
export const Applicant = z.discriminatedUnion('relation', [
  z.object({ relation: z.literal('self') }),
  z.object({
    relation: AgentRelation,
    personId: z.number().int().positive().nullable().default(null),
    name: PersonName,
    idNumber: IdNumber,
  }),
]);
export type Applicant = z.output<typeof Applicant>;

export const CrossRegion = z.object({
  filingType: FilingType,
  filingDate: IsoDate.nullable().default(null),
});
export type CrossRegion = z.output<typeof CrossRegion>;

export const ClaimInput = z
  .object({
    claimantId: z.number().int().positive(),
    applicant: Applicant.default({ relation: 'self' }),
    careSetting: CareSetting,
    hospital: z
      .string({ error: () => '缺少医院名称' })
      .trim()
      .min(1, '医院名称不能为空'),
    treatmentRegion: z
      .string({ error: () => '缺少就医地' })
      .trim()
      .min(1, '就医地不能为空'),
    visitDate: IsoDate.nullable().default(null),
    admissionDate: IsoDate.nullable().default(null),
    dischargeDate: IsoDate.nullable().default(null),
    crossRegion: CrossRegion.nullable().default(null),
    specialDrugs: z.boolean().default(false),
    /** In yuan, two decimals at most. */
    totalAmount: z.number().nonnegative('金额不能为负').max(100_000_000).nullable().default(null),
    notes: z.string().max(5000).default(''),
  })
  .superRefine((c, ctx) => {
    if (c.careSetting === 'inpatient') {
      if (!c.admissionDate)
        ctx.addIssue({ code: 'custom', path: ['admissionDate'], message: '住院需要填写入院日期' });
      if (!c.dischargeDate)
        ctx.addIssue({ code: 'custom', path: ['dischargeDate'], message: '住院需要填写出院日期' });
    } else if (!c.visitDate) {
      ctx.addIssue({ code: 'custom', path: ['visitDate'], message: '门诊需要填写就诊日期' });
    }
    if (c.admissionDate && c.dischargeDate && c.dischargeDate < c.admissionDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['dischargeDate'],
        message: `出院日期 ${c.dischargeDate} 早于入院日期 ${c.admissionDate}`,
      });
    }
  });
export type ClaimInput = z.input<typeof ClaimInput>;
export type ClaimFields = z.output<typeof ClaimInput>;

export const Claim = z.object({
  id: z.number().int(),
  reference: z.string(),
  status: ClaimStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
  claimantName: z.string(),
  fields: z.custom<ClaimFields>(),
});
export type Claim = z.infer<typeof Claim>;

export const StatusChange = z.object({
  from: ClaimStatus.nullable(),
  to: ClaimStatus,
  note: z.string(),
  changedAt: z.string(),
});
export type StatusChange = z.infer<typeof StatusChange>;

export const DocumentPage = z.object({
  id: z.number().int(),
  position: z.number().int(),
  sha256: z.string(),
  originalName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  /** Quality report from the checker (the `check` object, = facts.quality), null until checked. */
  quality: z.unknown().nullable(),
  /**
   * Everything analysePage found on the page (shared/page-facts.ts), upgraded to the current version; null
   * for rows never analysed, or whose stored facts could not be read (then `factsUnread` says why).
   */
  facts: PageFacts.nullable(),
  /** Stored facts this version cannot read (kept stored as they were, not replaced): the version and why. */
  factsUnread: z.object({ version: z.number().int().nullable(), reason: z.string() }).nullable().optional(),
});
export type DocumentPage = z.infer<typeof DocumentPage>;

export const ClaimDocument = z.object({
  id: z.number().int(),
  claimId: z.number().int(),
  kind: DocumentKind,
  position: z.number().int(),
  origin: DocumentOrigin,
  createdAt: z.string(),
  pages: z.array(DocumentPage),
});
export type ClaimDocument = z.infer<typeof ClaimDocument>;
