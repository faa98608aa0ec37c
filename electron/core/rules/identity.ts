// Identity checks that need no network: ID numbers, the applicant's relation, phone, bank account.
import type { AgentRelation } from '../../../shared/domain';
import { checkBankCard, checkIdNumber, isMobilePhone } from '../../../shared/validators';
import type { ClaimFacts } from './facts';
import { push, type ProblemSink } from './sink';
import { formatDateEn, formatDateZh } from './words';

const OLDER_RELATIONS: readonly AgentRelation[] = ['parent', 'grandparent'];
const YOUNGER_RELATIONS: readonly AgentRelation[] = ['child', 'grandchild'];

export function checkIdentity(c: ClaimFacts, today: string, sink: ProblemSink): void {
  const claimantId = checkIdNumber(c.claimant.idNumber, today);
  if (!claimantId.ok) {
    push(sink, {
      code: 'id_invalid',
      severity: 'error',
      field: 'claimant.idNumber',
      message: `参保人${claimantId.zh}`,
      messageEn: `Insured person: ${claimantId.en}`,
    });
  }
  const a = c.applicant;
  if (a.relation !== 'self') {
    const applicantId = checkIdNumber(a.idNumber, today);
    if (!applicantId.ok) {
      push(sink, {
        code: 'id_invalid',
        severity: 'error',
        field: 'applicant.idNumber',
        message: `代办人${applicantId.zh}`,
        messageEn: `Applicant: ${applicantId.en}`,
      });
    } else if (a.idNumber.trim().toUpperCase() === c.claimant.idNumber.trim().toUpperCase()) {
      push(sink, {
        code: 'relation_invalid',
        severity: 'error',
        field: 'applicant.idNumber',
        message: '代办人的身份证号和参保人相同。参保人本人办理时，“谁来办理”请选“本人”',
        messageEn:
          'The applicant’s ID number is the insured person’s own. If the insured person applies in person, choose “self” as who applies',
      });
    } else if (claimantId.ok) {
      // A parent younger than the insured person (or a child older) means one of the two numbers is wrong.
      const older = applicantId.birthDate < claimantId.birthDate;
      const younger = applicantId.birthDate > claimantId.birthDate;
      if (
        (OLDER_RELATIONS.includes(a.relation) && !older) ||
        (YOUNGER_RELATIONS.includes(a.relation) && !younger)
      ) {
        push(sink, {
          code: 'relation_invalid',
          severity: 'warning',
          field: 'applicant.relation',
          message: `代办人的出生日期（${formatDateZh(applicantId.birthDate)}）和参保人（${formatDateZh(claimantId.birthDate)}）不符合所填的关系，请核对关系或身份证号`,
          messageEn: `The applicant’s birth date (${formatDateEn(applicantId.birthDate)}) and the insured person’s (${formatDateEn(claimantId.birthDate)}) do not fit the relation given; check the relation or the ID numbers`,
        });
      }
    }
  }
  const phone = c.claimant.phone;
  if (phone !== undefined && phone !== null && phone.trim() !== '' && !isMobilePhone(phone)) {
    push(sink, {
      code: 'phone_invalid',
      severity: 'error',
      field: 'claimant.phone',
      message: `手机号“${phone}”不对：应为以 1 开头的 11 位数字`,
      messageEn: `The mobile number “${phone}” is not right: it should be 11 digits starting with 1`,
    });
  }
  const bank = c.claimant.bankAccount;
  if (bank) {
    const card = checkBankCard(bank.number);
    if (!card.ok) {
      push(sink, {
        code: 'bank_card_suspect',
        severity: 'error',
        field: 'claimant.bankAccount.number',
        message: card.zh,
        messageEn: card.en,
      });
    } else if (card.luhn === false) {
      push(sink, {
        code: 'bank_card_suspect',
        severity: 'warning',
        field: 'claimant.bankAccount.number',
        message:
          '银行卡号没有通过校验，可能抄错了一位，请对照银行卡核对（少数卡号本身不符合校验规则，核对无误可忽略）',
        messageEn:
          'The bank card number fails its check digit and may have a typo; compare it with the card (a few genuine cards fail this check — ignore it if the number is right)',
      });
    }
    if (bank.holder.replace(/\s/g, '') !== c.claimant.name.replace(/\s/g, '')) {
      push(sink, {
        code: 'bank_card_suspect',
        severity: 'warning',
        field: 'claimant.bankAccount.holder',
        message: `收款银行卡的持卡人（${bank.holder}）不是参保人（${c.claimant.name}）本人。报销款一般只打到参保人本人的银行卡`,
        messageEn: `The card holder (${bank.holder}) is not the insured person (${c.claimant.name}). Reimbursements are normally paid only to the insured person’s own card`,
      });
    }
  }
}
