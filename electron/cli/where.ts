// Where a problem points, in words for the person reading the CLI: "清单里的出院日期", "第 2 份材料（发票
// invoice.jpg）的开票日期". The field path itself (documents[1].files[0].fields.issueDate) is for programs and
// stays in `--json`.
import { kindLabel } from '../../shared/domain';
import { FIELD_LABELS } from '../../shared/fields';
import type { LoadedManifest } from '../core/manifest/load';

const CLAIM_FIELDS: Readonly<Record<string, string>> = {
  'claim.visitDate': '就诊日期',
  'claim.admissionDate': '入院日期',
  'claim.dischargeDate': '出院日期',
  'claim.totalAmount': '费用总额',
  'claim.hospital': '医院名称',
  'claim.treatmentRegion': '就医地',
  'claim.crossRegion': '异地就医备案',
  'claim.crossRegion.filingType': '备案类型',
  'claim.crossRegion.filingDate': '备案日期',
  'claim.crossRegion.filedPlace': '备案的就医地',
  'claim.crossRegion.startDate': '备案开始日期',
  'claim.crossRegion.endDate': '备案结束日期',
  'claimant.idNumber': '参保人身份证号',
  'claimant.phone': '联系电话',
  'claimant.insuredRegion': '参保地',
  'claimant.bankAccount.number': '银行卡号或账号',
  'claimant.bankAccount.holder': '持卡人姓名',
  'applicant.idNumber': '代办人身份证号',
  'applicant.relation': '代办人和参保人的关系',
  'applicant.name': '代办人姓名',
};

/** The field in words, or null when there is nothing to add to the message (it already names the paper). */
export function fieldInWords(field: string | undefined, loaded: LoadedManifest, message = ''): string | null {
  if (!field) return null;
  const claim = CLAIM_FIELDS[field];
  if (claim) return `清单里的${claim}`;
  const m = /^documents\[(\d+)\](?:\.files\[(\d+)\])?(?:\.fields\.(\w+))?/.exec(field);
  if (!m) return null;
  const doc = loaded.documents.find((d) => d.index === Number(m[1]));
  if (!doc) return null;
  const file = m[2] !== undefined ? doc.files[Number(m[2])]?.relative : undefined;
  const paper = `第 ${doc.index + 1} 份材料（${kindLabel(doc.kind)}${file ? ` ${file}` : ''}）`;
  if (m[3]) return `${paper}的${FIELD_LABELS[m[3]] ?? '一项内容'}`;
  return file && message.includes(file) ? null : paper;
}
