// Before a new claim is created (issue 26, points 3 and 7): the 就医地 a hospital's name gives, 异地 when it is
// outside the person's 参保地, and which dropped paper disagrees with the others or with the chosen person.
import { describe, expect, it } from 'vitest';
import type { Fields } from '../../shared/fields';
import { checkClaimDraft, type DraftPaper } from '../../electron/core/rules/draft-check';
import { regionOfPlaceName } from '../../electron/core/rules/regions';

const f = (values: Record<string, string>, confidence = 0.99): Fields =>
  Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, { value: v, confidence, source: 'ocr' as const }]),
  );
const person = { name: '王秀英', idNumber: '11010519491231002X', insuredRegion: '江苏省南京市' };

describe('regionOfPlaceName', () => {
  it('takes the place a hospital name starts with, and never guesses', () => {
    expect(regionOfPlaceName('上海市第一人民医院')).toBe('上海市');
    expect(regionOfPlaceName('北京协和医院')).toBe('北京市');
    expect(regionOfPlaceName('江苏省人民医院')).toBe('江苏省');
    expect(regionOfPlaceName('江苏省南京市第一医院')).toBe('江苏省南京市');
    expect(regionOfPlaceName('南京市鼓楼医院')).toBe('南京市');
    expect(regionOfPlaceName('广西壮族自治区人民医院')).toBe('广西壮族自治区');
    expect(regionOfPlaceName('复旦大学附属中山医院')).toBeNull();
    expect(regionOfPlaceName('南京鼓楼医院')).toBeNull();
    expect(regionOfPlaceName('')).toBeNull();
  });
});

describe('checkClaimDraft', () => {
  it('suggests the place of care and says 异地 when it is outside the 参保地', () => {
    const away = checkClaimDraft({ person, hospital: '上海市第一人民医院', treatmentRegion: '' }, []);
    expect(away).toMatchObject({ region: '上海市', crossRegion: true, notes: [] });
    const home = checkClaimDraft({ person, hospital: '南京市鼓楼医院', treatmentRegion: '' }, []);
    expect(home).toMatchObject({ region: '南京市', crossRegion: false });
    // What the person typed wins over the name; no person chosen, nothing to compare.
    expect(
      checkClaimDraft({ person, hospital: '上海市第一人民医院', treatmentRegion: '南京市' }, []).crossRegion,
    ).toBe(false);
    expect(
      checkClaimDraft({ person: null, hospital: '上海市第一人民医院', treatmentRegion: '' }, []).crossRegion,
    ).toBeNull();
  });

  it('names the one paper whose date does not fit the others', () => {
    const papers: DraftPaper[] = [
      { name: 'a.jpg', kind: 'invoice', fields: f({ issueDate: '2026-09-01' }) },
      { name: 'b.jpg', kind: 'diagnosis_certificate', fields: f({ visitDate: '2026-09-10' }) },
      { name: 'c.jpg', kind: 'itemized_bill', fields: f({ careStart: '2026-09-10', careEnd: '2026-09-10' }) },
      // A referral is dated before the care: never compared.
      { name: 'd.jpg', kind: 'referral_certificate', fields: f({ issueDate: '2026-08-20' }) },
    ];
    const { notes } = checkClaimDraft({ person, hospital: '', treatmentRegion: '' }, papers);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.papers).toEqual(['a.jpg']);
    expect(notes[0]!.zh).toMatch(
      /^发票（a\.jpg）上的日期是 2026年9月1日，和其他材料对不上（诊断证明 2026年9月10日，/,
    );
  });

  it('lists both dates when two papers disagree and neither side is most', () => {
    const papers: DraftPaper[] = [
      { name: 'a.jpg', kind: 'invoice', fields: f({ issueDate: '2026-09-01' }) },
      { name: 'b.jpg', kind: 'diagnosis_certificate', fields: f({ visitDate: '2026-09-10' }) },
    ];
    const { notes } = checkClaimDraft({ person, hospital: '', treatmentRegion: '' }, papers);
    expect(notes).toEqual([
      expect.objectContaining({
        papers: ['a.jpg', 'b.jpg'],
        zh: '这几份材料上的日期对不上：发票（a.jpg）是 2026年9月1日，诊断证明（b.jpg）是 2026年9月10日。请核对哪一份是这次看病的，不是这次的请移除',
      }),
    ]);
  });

  it('says nothing when the dates fit one stay (an invoice issued a few days after discharge)', () => {
    const papers: DraftPaper[] = [
      { name: 'a.jpg', kind: 'invoice', fields: f({ issueDate: '2026-09-13' }) },
      {
        name: 'b.jpg',
        kind: 'discharge_summary',
        fields: f({ careStart: '2026-09-01', careEnd: '2026-09-10' }),
      },
      { name: 'c.jpg', kind: 'diagnosis_certificate', fields: f({ visitDate: '2026-09-05' }) },
    ];
    expect(checkClaimDraft({ person, hospital: '', treatmentRegion: '' }, papers).notes).toEqual([]);
  });

  it('names a paper of someone else and an ID card with another number', () => {
    const papers: DraftPaper[] = [
      { name: 'a.jpg', kind: 'invoice', fields: f({ patientName: '李四' }) },
      { name: 'b.jpg', kind: 'invoice', fields: f({ patientName: '王 秀英' }) },
      { name: 'id.jpg', kind: 'id_card', fields: f({ name: '王秀英', idNumber: '110105194912310038' }) },
    ];
    const { notes } = checkClaimDraft({ person, hospital: '', treatmentRegion: '' }, papers);
    expect(notes.map((n) => n.papers)).toEqual([['a.jpg'], ['id.jpg']]);
    expect(notes[0]!.zh).toContain('上的姓名是“李四”，不是所选的患者“王秀英”');
  });
});
