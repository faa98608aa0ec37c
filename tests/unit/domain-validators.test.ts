import { describe, expect, it } from 'vitest';
import {
  checkBankCard,
  checkIdNumber,
  idCheckChar,
  isMobilePhone,
  isRealDate,
  maskDigits,
  passesLuhn,
} from '../../shared/validators';
import { ClaimInput, PersonInput } from '../../shared/schemas';

describe('GB 11643 ID numbers', () => {
  it('accepts the standard example and computes its check character', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(checkIdNumber('11010519491231002X')).toEqual({ ok: true, birthDate: '1949-12-31', sex: 'female' });
    expect(checkIdNumber('11010519491231002x').ok).toBe(true);
  });
  it.each([
    ['110105194912310021', 'check_char'],
    ['11010519491231002', 'format'],
    ['1101051949123100 2X', 'format'],
    ['110105194902300012', 'birth_date'], // 30 February
    ['110105299901010012', 'birth_date'], // in the future
  ])('rejects %s (%s)', (id, code) => {
    const r = checkIdNumber(id, '2026-11-22');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe(code);
  });
});

describe('other field checks', () => {
  it('validates real calendar dates', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2026-02-29')).toBe(false);
    expect(isRealDate('2026-13-01')).toBe(false);
  });
  it('Luhn and bank card format: a card (16-19 digits) is Luhn-checked, an account of another length is not', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(checkBankCard('6217 0000 0000 0000 000')).toEqual({ ok: true, luhn: false });
    // 002 accepts 银行账号信息: an account number of any length is a number, not an error.
    expect(checkBankCard('12345')).toEqual({ ok: true, luhn: null });
    expect(checkBankCard('4405-0166-0000-0000-0123-45')).toEqual({ ok: true, luhn: null });
    expect(checkBankCard('6217A').ok).toBe(false);
    expect(checkBankCard('').ok).toBe(false);
  });
  it('mobile numbers and masking', () => {
    expect(isMobilePhone('138-0013-8000')).toBe(true);
    expect(isMobilePhone('23800138000')).toBe(false);
    expect(maskDigits('6217000000000001234')).toBe('***************1234');
  });
});

describe('domain schemas name the bad field', () => {
  const person = {
    householdId: 1,
    name: '张三',
    idNumber: '11010519491231002X',
    relation: 'self',
    insuranceType: 'employee',
    insuredRegion: '江苏省南京市',
  };
  it('accepts a valid person and normalises optional fields', () => {
    const r = PersonInput.parse(person);
    expect(r.phone).toBeNull();
    expect(r.bankAccount).toBeNull();
  });
  it('refuses an unknown relation', () => {
    const r = PersonInput.safeParse({ ...person, relation: 'uncle' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['relation']);
    expect(r.error?.issues[0]?.message).toContain('近亲属');
  });
  it('refuses a discharge date before admission', () => {
    const r = ClaimInput.safeParse({
      claimantId: 1,
      careSetting: 'inpatient',
      hospital: 'H',
      treatmentRegion: '上海市',
      admissionDate: '2026-09-10',
      dischargeDate: '2026-09-01',
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['dischargeDate']);
  });
  it('requires a visit date for outpatient care', () => {
    const r = ClaimInput.safeParse({
      claimantId: 1,
      careSetting: 'outpatient',
      hospital: 'H',
      treatmentRegion: 'X',
    });
    expect(r.error?.issues[0]?.path).toEqual(['visitDate']);
  });
});
