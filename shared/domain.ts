// Domain vocabulary shared by main, renderer, CLI and tests. Every enum here is a closed list taken from
// ../shared/POLICY.md; labels are the words a reviewer (and the user) sees.
import { z } from 'zod';

export const DOCUMENT_KINDS = [
  'insurance_card',
  'id_card',
  'invoice',
  'itemized_bill',
  'diagnosis_certificate',
  'discharge_summary',
  'special_drug_approval',
  'chronic_disease_approval',
  'bank_account',
  'residence_proof',
  'employment_proof',
  'referral_certificate',
  'medical_record',
  'emergency_record',
  'relationship_proof',
  'applicant_id_card',
  'integrity_pledge',
  'filing_form',
  'authorization',
  'other',
] as const;
export const DocumentKind = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKind>;

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, { zh: string; en: string }> = {
  insurance_card: { zh: '医保电子凭证/社保卡', en: 'Insurance card' },
  id_card: { zh: '身份证', en: 'ID card' },
  invoice: { zh: '发票', en: 'Invoice' },
  itemized_bill: { zh: '费用清单', en: 'Itemized bill' },
  diagnosis_certificate: { zh: '诊断证明', en: 'Diagnosis certificate' },
  discharge_summary: { zh: '出院小结', en: 'Discharge summary' },
  special_drug_approval: { zh: '特殊药品审批单', en: 'Special drug approval' },
  chronic_disease_approval: { zh: '门诊慢特病审批表', en: 'Chronic disease approval' },
  bank_account: { zh: '银行卡', en: 'Bank card' },
  residence_proof: { zh: '居住证明', en: 'Proof of residence' },
  employment_proof: { zh: '单位派出证明', en: 'Proof of posting' },
  referral_certificate: { zh: '转诊转院证明', en: 'Referral certificate' },
  medical_record: { zh: '病历资料', en: 'Medical records' },
  emergency_record: { zh: '急诊病历', en: 'Emergency record' },
  relationship_proof: { zh: '亲属关系证明', en: 'Proof of relationship' },
  applicant_id_card: { zh: '代办人身份证', en: "Applicant's ID card" },
  integrity_pledge: { zh: '诚信承诺书', en: 'Integrity pledge' },
  filing_form: { zh: '异地就医登记备案表', en: 'Cross-region filing form' },
  authorization: { zh: '委托书', en: 'Letter of authorisation' },
  other: { zh: '其他材料', en: 'Other' },
};

/**
 * The Chinese name of a document kind, as people read it (photo findings, the PDF bundle, file names);
 * `unknown` for a kind this version does not know, so a code name never reaches a person.
 */
export function kindLabel(kind: string, unknown = '材料'): string {
  return Object.hasOwn(DOCUMENT_KIND_LABELS, kind) ? DOCUMENT_KIND_LABELS[kind as DocumentKind].zh : unknown;
}

/** 近亲属 per POLICY.md (002): 配偶、父母、子女、兄弟姐妹、祖父母、外祖父母、孙子女、外孙子女. */
export const RELATIVE_RELATIONS = [
  'spouse',
  'parent',
  'child',
  'sibling',
  'grandparent',
  'grandchild',
] as const;
export const RELATIONS = ['self', ...RELATIVE_RELATIONS] as const;
export const Relation = z.enum(RELATIONS, {
  error: () => '关系必须是本人或近亲属（配偶、父母、子女、兄弟姐妹、祖父母/外祖父母、孙子女/外孙子女）',
});
export type Relation = z.infer<typeof Relation>;
export const RelativeRelation = z.enum(RELATIVE_RELATIONS, {
  error: () => '代办人必须是近亲属（配偶、父母、子女、兄弟姐妹、祖父母/外祖父母、孙子女/外孙子女）',
});
export type RelativeRelation = z.infer<typeof RelativeRelation>;
export const RELATION_LABELS: Record<Relation, { zh: string; en: string }> = {
  self: { zh: '本人', en: 'Self' },
  spouse: { zh: '配偶', en: 'Spouse' },
  parent: { zh: '父母', en: 'Parent' },
  child: { zh: '子女', en: 'Child' },
  sibling: { zh: '兄弟姐妹', en: 'Sibling' },
  grandparent: { zh: '祖父母/外祖父母', en: 'Grandparent' },
  grandchild: { zh: '孙子女/外孙子女', en: 'Grandchild' },
};

/**
 * Who may apply for the insured person: a 近亲属 (002: 为他人备案 through the 亲情账户 of a family member). A
 * community helper who prepares the papers is not an applicant: the insured person (or a relative) is, and
 * the helper just helps. Claims stored with the old `helper` relation were made the insured person's own by
 * migration 0120 (the helper's name kept in the notes).
 */
export const AGENT_RELATIONS = RELATIVE_RELATIONS;
export const AgentRelation = z.enum(AGENT_RELATIONS, {
  error: () =>
    '代办人必须是参保人的近亲属（配偶、父母、子女、兄弟姐妹、祖父母/外祖父母、孙子女/外孙子女）。社区工作人员等帮忙整理材料的人不是申请人：申请人请填参保人本人（relation 写 self）',
});
export type AgentRelation = z.infer<typeof AgentRelation>;
export const ApplicantRelation = z.enum(['self', ...AGENT_RELATIONS]);
export type ApplicantRelation = z.infer<typeof ApplicantRelation>;
export const APPLICANT_RELATION_LABELS: Record<ApplicantRelation, { zh: string; en: string }> =
  RELATION_LABELS;

export const INSURANCE_TYPES = ['employee', 'resident'] as const;
export const InsuranceType = z.enum(INSURANCE_TYPES, {
  error: () => '参保类型必须是 employee（职工医保）或 resident（城乡居民医保）',
});
export type InsuranceType = z.infer<typeof InsuranceType>;
export const INSURANCE_TYPE_LABELS: Record<InsuranceType, { zh: string; en: string }> = {
  employee: { zh: '职工医保', en: 'Employee insurance' },
  resident: { zh: '城乡居民医保', en: 'Resident insurance' },
};

export const CARE_SETTINGS = ['outpatient', 'inpatient', 'chronic_outpatient'] as const;
export const CareSetting = z.enum(CARE_SETTINGS, {
  error: () => '就医类型必须是 outpatient（门诊）、inpatient（住院）或 chronic_outpatient（门诊慢特病）',
});
export type CareSetting = z.infer<typeof CareSetting>;
export const CARE_SETTING_LABELS: Record<CareSetting, { zh: string; en: string }> = {
  outpatient: { zh: '门诊', en: 'Outpatient' },
  inpatient: { zh: '住院', en: 'Inpatient' },
  chronic_outpatient: { zh: '门诊慢特病', en: 'Chronic outpatient' },
};

export const FILING_TYPES = [
  'relocated_retiree',
  'long_term_resident',
  'posted_worker',
  'referral',
  'emergency',
  'other_temporary',
  'not_filed',
] as const;
export const FilingType = z.enum(FILING_TYPES, {
  error: () => `异地备案类型必须是以下之一：${FILING_TYPES.join(', ')}`,
});
export type FilingType = z.infer<typeof FilingType>;
export const FILING_TYPE_LABELS: Record<FilingType, { zh: string; en: string }> = {
  relocated_retiree: { zh: '异地安置退休', en: 'Relocated retiree' },
  long_term_resident: { zh: '异地长期居住', en: 'Long-term resident' },
  posted_worker: { zh: '常驻异地工作', en: 'Posted worker' },
  referral: { zh: '异地转诊', en: 'Referral' },
  emergency: { zh: '异地急诊抢救', en: 'Emergency' },
  other_temporary: { zh: '其他临时外出就医', en: 'Other temporary' },
  not_filed: { zh: '未备案', en: 'Not filed' },
};
export const LONG_TERM_FILING_TYPES: readonly FilingType[] = [
  'relocated_retiree',
  'long_term_resident',
  'posted_worker',
];
export const TEMPORARY_FILING_TYPES: readonly FilingType[] = ['referral', 'emergency', 'other_temporary'];

export const DOCUMENT_ORIGINS = ['imported', 'generated', 'sample'] as const;
export const DocumentOrigin = z.enum(DOCUMENT_ORIGINS);
export type DocumentOrigin = z.infer<typeof DocumentOrigin>;
