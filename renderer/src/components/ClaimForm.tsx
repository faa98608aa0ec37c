// The claim's plain questions: 门诊还是住院？在外地看病吗？备案类型？本人办还是亲属代办？有特殊药品吗？
// The answers pick the checklist the rule engine builds; the form is the same for a new and an existing claim.
import type { ClaimPrefill } from './invoice-prefill';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import {
  CARE_SETTING_LABELS,
  CARE_SETTINGS,
  FILING_TYPE_LABELS,
  FILING_TYPES,
  AGENT_RELATIONS,
  APPLICANT_RELATION_LABELS,
  type AgentRelation,
  type CareSetting,
  type FilingType,
} from '../../../shared/domain';
import type { BringListDraft, ClaimDraftCheck, IpcRequest, StackReading } from '../../../shared/ipc';
import type { ClaimFields, Household, Person } from '../../../shared/schemas';
import { checkIdNumber, maskIdNumber, normalizeNumberInput, parseYuan } from '../../../shared/validators';
import { call } from '../api';
import { useApp } from '../app-context';
import { BringListButton } from './BringListSheet';
import { EnumSelect } from './EnumSelect';
import { Choice, Field } from './Field';
import { fieldErrorOf, localToday, type FieldError } from './field-errors';

export interface ClaimFormProps {
  initial?: ClaimFields | undefined;
  claimantId?: number | undefined;
  submitLabel: string;
  onSubmit(fields: Record<string, unknown>): Promise<void>;
  onCancel?: (() => void) | undefined;
  /** Values read off the dropped invoices (components/NewClaimStack.tsx, invoice-prefill.ts): shown marked until the person edits them. */
  prefill?: ClaimPrefill | undefined;
  /** Offer the printable "what to bring" list for the answers so far (the new-claim screen). */
  offerBringList?: boolean | undefined;
  /**
   * The papers dropped for a new claim: looked at with the answers before creating (claims:checkdraft),
   * which papers disagree with each other or with the chosen patient. Told to `onDraftCheck`.
   */
  papers?: readonly StackReading[] | undefined;
  onDraftCheck?: ((check: ClaimDraftCheck | null) => void) | undefined;
}

export type { ClaimPrefill };

export function ClaimForm({
  initial,
  claimantId,
  submitLabel,
  onSubmit,
  onCancel,
  prefill,
  offerBringList,
  papers,
  onDraftCheck,
}: ClaimFormProps) {
  const { tr, notifyError, lang } = useApp();
  const [people, setPeople] = useState<Person[]>([]);
  const [households, setHouseholds] = useState<Household[]>([]);
  const [patient, setPatient] = useState<number | ''>(initial?.claimantId ?? claimantId ?? '');
  const [care, setCare] = useState<CareSetting>(initial?.careSetting ?? prefill?.careSetting ?? 'outpatient');
  const [hospital, setHospital] = useState(initial?.hospital ?? prefill?.hospital ?? '');
  const [region, setRegion] = useState(initial?.treatmentRegion ?? '');
  const [visitDate, setVisitDate] = useState(initial?.visitDate ?? prefill?.visitDate ?? '');
  const [admission, setAdmission] = useState(initial?.admissionDate ?? prefill?.admissionDate ?? '');
  const [discharge, setDischarge] = useState(initial?.dischargeDate ?? prefill?.dischargeDate ?? '');
  const [crossRegion, setCrossRegion] = useState<'yes' | 'no'>(initial?.crossRegion ? 'yes' : 'no');
  // Answers the person gave themselves are never changed by what the hospital's name suggests.
  const [regionTyped, setRegionTyped] = useState(initial !== undefined);
  const [crossAnswered, setCrossAnswered] = useState(initial !== undefined);
  const [draft, setDraft] = useState<ClaimDraftCheck | null>(null);
  const [filingType, setFilingType] = useState<FilingType>(initial?.crossRegion?.filingType ?? 'referral');
  const [filingDate, setFilingDate] = useState(initial?.crossRegion?.filingDate ?? '');
  // What the filing record says, when the person has it (备案记录): where it was made, for which place, from when to when.
  const [filingOffline, setFilingOffline] = useState(initial?.crossRegion?.offline ?? false);
  const [filedPlace, setFiledPlace] = useState(initial?.crossRegion?.filedPlace ?? '');
  const [filingStart, setFilingStart] = useState(initial?.crossRegion?.startDate ?? '');
  const [filingEnd, setFilingEnd] = useState(initial?.crossRegion?.endDate ?? '');
  const [who, setWho] = useState<'self' | 'relative'>(
    initial && initial.applicant.relation !== 'self' ? 'relative' : 'self',
  );
  const initialApplicant = initial && initial.applicant.relation !== 'self' ? initial.applicant : null;
  const [applicantPerson, setApplicantPerson] = useState<number | ''>(initialApplicant?.personId ?? '');
  const [applicantName, setApplicantName] = useState(initialApplicant?.name ?? '');
  const [applicantId, setApplicantId] = useState(initialApplicant?.idNumber ?? '');
  // A stored number (picked person, saved claim) is shown masked until 显示; one being typed is shown as typed.
  const [idShown, setIdShown] = useState(false);
  const [idTyped, setIdTyped] = useState(false);
  const [relation, setRelation] = useState<AgentRelation>(initialApplicant?.relation ?? 'child');
  const [specialDrugs, setSpecialDrugs] = useState<'yes' | 'no'>(initial?.specialDrugs ? 'yes' : 'no');
  const [amount, setAmount] = useState(
    initial?.totalAmount === null || initial?.totalAmount === undefined
      ? prefill?.totalAmount === undefined
        ? ''
        : String(prefill.totalAmount)
      : String(initial.totalAmount),
  );
  // A value read off the invoice is marked until the person changes it (or confirms them all).
  const [prefillConfirmed, setPrefillConfirmed] = useState(false);
  // Papers dropped later read the form again (as React's "adjust state when a prop changes" does, during
  // render): what they give replaces what the last ones gave; the patient and the other answers stay.
  const [appliedPrefill, setAppliedPrefill] = useState(prefill);
  if (prefill !== appliedPrefill) {
    setAppliedPrefill(prefill);
    if (prefill) {
      if (prefill.careSetting) setCare(prefill.careSetting);
      if (prefill.hospital !== undefined) setHospital(prefill.hospital);
      if (prefill.visitDate !== undefined) setVisitDate(prefill.visitDate);
      if (prefill.admissionDate !== undefined) setAdmission(prefill.admissionDate);
      if (prefill.dischargeDate !== undefined) setDischarge(prefill.dischargeDate);
      if (prefill.totalAmount !== undefined) setAmount(String(prefill.totalAmount));
      setPrefillConfirmed(false);
    }
  }
  const fromInvoice = (name: keyof ClaimPrefill, now: string): string | undefined =>
    !prefillConfirmed && prefill?.[name] !== undefined && String(prefill[name]) === now
      ? tr('从发票读取，请核对', 'Read from the invoice, please check')
      : undefined;
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<FieldError | null>(null);

  useEffect(() => {
    Promise.all([call('listPeople', {}), call('listHouseholds', {})]).then(([p, h]) => {
      setPeople(p);
      setHouseholds(h);
    }, notifyError);
  }, [notifyError]);

  const patientPerson = people.find((p) => p.id === patient);

  // The answers and the dropped papers, looked at by main a moment after the person stops typing: the place
  // of care the hospital's name gives, whether it is 异地 for this patient, and the papers that disagree.
  const draftAsk = JSON.stringify({
    claimantId: patient === '' ? null : patient,
    hospital: hospital.trim(),
    treatmentRegion: region.trim(),
    papers: (papers ?? []).map((p) => ({ name: p.name, kind: p.kind, fields: p.fields })),
  });
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      call('checkClaimDraft', JSON.parse(draftAsk) as IpcRequest<'checkClaimDraft'>).then((check) => {
        if (!live) return;
        setDraft(check);
        if (!regionTyped && check.region) setRegion((r) => (r.trim() === '' ? check.region! : r));
        if (!crossAnswered && check.crossRegion !== null) setCrossRegion(check.crossRegion ? 'yes' : 'no');
      }, notifyError);
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [draftAsk, regionTyped, crossAnswered, notifyError]);
  useEffect(() => onDraftCheck?.(draft), [draft, onDraftCheck]);
  // A relative acting for the patient is usually in the same household; offer those people first.
  const relatives = useMemo(
    () =>
      people.filter(
        (p) => p.id !== patient && (!patientPerson || p.householdId === patientPerson.householdId),
      ),
    [people, patient, patientPerson],
  );

  function chooseApplicant(id: number | '') {
    setApplicantPerson(id);
    const p = people.find((x) => x.id === id);
    if (p) {
      setApplicantName(p.name);
      setApplicantId(p.idNumber);
      setIdShown(false);
      setIdTyped(false);
    }
  }

  const applicantIdCheck = applicantId.trim().length >= 18 ? checkIdNumber(applicantId) : null;
  const idMasked = (applicantIdCheck?.ok ?? false) && !idShown && !idTyped;
  const amountCheck = parseYuan(amount);
  const amountError = amountCheck.ok ? null : tr(amountCheck.zh, amountCheck.en);
  const today = localToday();
  const futureError = (d: string) =>
    d && d > today ? tr('这个日期在今天之后，请核对', 'This date is after today; please check') : null;
  const dateOrderError =
    admission && discharge && discharge < admission
      ? tr('出院日期早于入院日期', 'Discharge is before admission')
      : null;
  const filingSpanError =
    filingStart && filingEnd && filingEnd < filingStart
      ? tr('备案结束日期早于开始日期', 'The filing ends before it starts')
      : null;
  const filed = crossRegion === 'yes' && filingType !== 'not_filed';
  // What main said about a field on the last save, shown under that field.
  const savedError = (field: string) => (saveError?.field === field ? saveError.message : null);
  const datesMissing = care === 'inpatient' ? !admission || !discharge : !visitDate;
  // What the button still waits for, said beside it (a disabled button alone tells nobody why).
  const blockers = [
    patient === '' && tr('选择患者', 'choose the patient'),
    !hospital.trim() && tr('填写医院名称', 'enter the hospital'),
    !region.trim() && tr('填写就医地（省市）', 'enter where treated'),
    datesMissing &&
      (care === 'inpatient'
        ? tr('填写入院和出院日期', 'enter the admission and discharge dates')
        : tr('填写就诊日期', 'enter the visit date')),
    !amountCheck.ok && tr('改正费用总额的写法', 'correct the amount'),
    !!dateOrderError && tr('改正出院日期（早于入院日期）', 'correct the discharge date'),
    (!!futureError(visitDate) || !!futureError(admission) || !!futureError(discharge)) &&
      tr('改正今天之后的日期', 'correct the date after today'),
    filed && !!filingSpanError && tr('改正备案的有效期', 'correct the filing dates'),
    filed && !!futureError(filingDate) && tr('改正备案日期（晚于今天）', 'correct the filing date'),
    who === 'relative' && !applicantName.trim() && tr('填写代办人姓名', "enter the applicant's name"),
    who === 'relative' &&
      !(applicantIdCheck?.ok ?? false) &&
      tr('填写正确的代办人身份证号', "enter the applicant's ID number"),
  ].filter((b): b is string => typeof b === 'string');
  const invalid = blockers.length > 0;
  // Question numbers follow what is shown (no "3" when 异地 is 否).
  const qCross = 2;
  const qFiling = 3;
  const qWho = crossRegion === 'yes' ? 4 : 3;
  const qDrugs = qWho + 1;

  // The scenario is answered once the patient is chosen (the other questions have defaults): enough for the
  // printable list; the care end date, when typed, adds the deadline.
  const careEnd = care === 'inpatient' ? discharge : visitDate;
  const bringDraft: BringListDraft | null =
    patient === ''
      ? null
      : {
          claimantId: patient,
          careSetting: care,
          crossRegion: crossRegion === 'yes' ? { filingType, offline: filed && filingOffline } : null,
          applicantRelation: who === 'self' ? 'self' : relation,
          specialDrugs: specialDrugs === 'yes',
          careEndDate: /^\d{4}-\d{2}-\d{2}$/.test(careEnd) && !futureError(careEnd) ? careEnd : null,
        };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (invalid) return;
    setBusy(true);
    setSaveError(null);
    try {
      await onSubmit({
        claimantId: patient,
        careSetting: care,
        hospital,
        treatmentRegion: region,
        visitDate: care === 'inpatient' ? null : visitDate || null,
        admissionDate: care === 'inpatient' ? admission || null : null,
        dischargeDate: care === 'inpatient' ? discharge || null : null,
        crossRegion:
          crossRegion === 'yes'
            ? filingType === 'not_filed'
              ? { filingType }
              : {
                  filingType,
                  filingDate: filingDate || null,
                  offline: filingOffline,
                  filedPlace: filedPlace.trim() || null,
                  startDate: filingStart || null,
                  endDate: filingEnd || null,
                }
            : null,
        applicant:
          who === 'self'
            ? { relation: 'self' }
            : {
                relation,
                personId: applicantPerson === '' ? null : applicantPerson,
                name: applicantName,
                idNumber: applicantId,
              },
        specialDrugs: specialDrugs === 'yes',
        totalAmount: amountCheck.ok ? amountCheck.value : null,
      });
    } catch (err) {
      const fe = fieldErrorOf(err, lang);
      if (fe) setSaveError(fe);
      else notifyError(err);
    } finally {
      setBusy(false);
    }
  }

  const householdName = (id: number) => households.find((h) => h.id === id)?.name ?? '';
  const whyId = `${useId()}-why`;
  return (
    <form className="claim-form" onSubmit={submit}>
      <div className="form-grid">
        <Field
          label={tr('患者（参保人）', 'Patient (insured person)')}
          hint={
            people.length === 0
              ? tr('请先在“家庭与人员”里添加人员', 'Add people under Households first')
              : undefined
          }
        >
          {(p) => (
            <select
              {...p}
              value={patient}
              onChange={(e) => setPatient(e.target.value ? Number(e.target.value) : '')}
              required
            >
              <option value="">{tr('请选择', 'Choose')}</option>
              {people.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name} · {householdName(x.householdId)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Choice
          legend={tr('1. 是门诊还是住院？', '1. Outpatient or inpatient?')}
          name="care"
          value={care}
          onChange={setCare}
          options={CARE_SETTINGS.map((c) => ({
            value: c,
            label: tr(CARE_SETTING_LABELS[c].zh, CARE_SETTING_LABELS[c].en),
          }))}
        />
        {fromInvoice('careSetting', care) && (
          <p className="field-note prefill-note">{fromInvoice('careSetting', care)}</p>
        )}
        {prefill && !prefillConfirmed && (
          <p className="prefill-confirm">
            <button type="button" onClick={() => setPrefillConfirmed(true)}>
              {tr('从发票读取的内容我已核对无误', 'I have checked what was read from the invoice')}
            </button>
          </p>
        )}
        <Field
          label={tr('医院名称', 'Hospital')}
          error={savedError('hospital')}
          hint={fromInvoice('hospital', hospital)}
        >
          {(p) => <input {...p} value={hospital} onChange={(e) => setHospital(e.target.value)} required />}
        </Field>
        <Field
          label={tr('就医地（省市）', 'Where treated (province/city)')}
          error={savedError('treatmentRegion')}
          hint={
            !regionTyped && draft?.region && region === draft.region
              ? tr('按医院名称填写，请核对', 'From the hospital’s name, please check')
              : undefined
          }
        >
          {(p) => (
            <input
              {...p}
              value={region}
              onChange={(e) => {
                setRegionTyped(true);
                setRegion(e.target.value);
              }}
              required
            />
          )}
        </Field>
        {care === 'inpatient' ? (
          <>
            <Field
              label={tr('入院日期', 'Admission date')}
              error={futureError(admission) ?? savedError('admissionDate')}
              hint={fromInvoice('admissionDate', admission)}
            >
              {(p) => (
                <input
                  {...p}
                  type="date"
                  value={admission}
                  onChange={(e) => setAdmission(e.target.value)}
                  required
                />
              )}
            </Field>
            <Field
              label={tr('出院日期', 'Discharge date')}
              error={dateOrderError ?? futureError(discharge) ?? savedError('dischargeDate')}
              hint={fromInvoice('dischargeDate', discharge)}
            >
              {(p) => (
                <input
                  {...p}
                  type="date"
                  value={discharge}
                  onChange={(e) => setDischarge(e.target.value)}
                  required
                />
              )}
            </Field>
          </>
        ) : (
          <Field
            label={tr('就诊日期', 'Visit date')}
            error={futureError(visitDate) ?? savedError('visitDate')}
            hint={fromInvoice('visitDate', visitDate)}
          >
            {(p) => (
              <input
                {...p}
                type="date"
                value={visitDate}
                onChange={(e) => setVisitDate(e.target.value)}
                required
              />
            )}
          </Field>
        )}
        <Choice
          legend={tr(
            `${qCross}. 是在参保地以外（异地）看病吗？`,
            `${qCross}. Treated outside the insured region?`,
          )}
          name="cross"
          value={crossRegion}
          onChange={(v) => {
            setCrossAnswered(true);
            setCrossRegion(v);
          }}
          options={[
            { value: 'no', label: tr('否，在参保地', 'No') },
            { value: 'yes', label: tr('是，异地就医', 'Yes, cross-region') },
          ]}
        />
        {!crossAnswered &&
          draft?.crossRegion !== null &&
          draft?.crossRegion !== undefined &&
          patientPerson && (
            <p className="field-note prefill-note">
              {tr(
                `${patientPerson.name}的参保地是${patientPerson.insuredRegion}，就医地是${region || draft.region || '—'}：${draft.crossRegion ? '按异地就医填写' : '按参保地就医填写'}，请核对`,
                `${patientPerson.name} is insured in ${patientPerson.insuredRegion} and was treated in ${region || draft.region || '—'}: answered ${draft.crossRegion ? 'yes' : 'no'}, please check`,
              )}
            </p>
          )}
        {crossRegion === 'yes' && (
          <>
            <Field label={tr(`${qFiling}. 办了哪种异地备案？`, `${qFiling}. Which cross-region filing?`)}>
              {(p) => (
                <EnumSelect
                  {...p}
                  options={FILING_TYPES}
                  labels={FILING_TYPE_LABELS}
                  value={filingType}
                  onChange={(v) => v && setFilingType(v)}
                />
              )}
            </Field>
            {filingType !== 'not_filed' && (
              <>
                <Field
                  label={tr('备案日期', 'Filing date')}
                  error={futureError(filingDate) ?? savedError('filingDate')}
                >
                  {(p) => (
                    <input
                      {...p}
                      type="date"
                      value={filingDate}
                      onChange={(e) => setFilingDate(e.target.value)}
                    />
                  )}
                </Field>
                <label className="check filing-offline">
                  <input
                    type="checkbox"
                    name="filingOffline"
                    checked={filingOffline}
                    onChange={(e) => setFilingOffline(e.target.checked)}
                  />
                  {tr(
                    '备案是在参保地医保经办机构窗口办的（线下备案）',
                    'Filed at the insured place’s office window (not online)',
                  )}
                </label>
                <Field
                  label={tr('备案的就医地（可选）', 'Filed place of care (optional)')}
                  hint={tr(
                    '按备案记录填写。备案后就医地不能更改',
                    'As the filing record says; the filed place cannot change',
                  )}
                  error={savedError('filedPlace')}
                >
                  {(p) => (
                    <input
                      {...p}
                      name="filedPlace"
                      value={filedPlace}
                      onChange={(e) => setFiledPlace(e.target.value)}
                    />
                  )}
                </Field>
                <Field
                  label={tr('备案开始日期（可选）', 'Filing starts (optional)')}
                  hint={tr('备案记录上有起止日期时填写', 'When the filing record gives its dates')}
                  error={savedError('startDate')}
                >
                  {(p) => (
                    <input
                      {...p}
                      type="date"
                      name="filingStart"
                      value={filingStart}
                      onChange={(e) => setFilingStart(e.target.value)}
                    />
                  )}
                </Field>
                <Field
                  label={tr('备案结束日期（可选）', 'Filing ends (optional)')}
                  error={filingSpanError ?? savedError('endDate')}
                >
                  {(p) => (
                    <input
                      {...p}
                      type="date"
                      name="filingEnd"
                      value={filingEnd}
                      onChange={(e) => setFilingEnd(e.target.value)}
                    />
                  )}
                </Field>
              </>
            )}
          </>
        )}
        <Choice
          legend={tr(`${qWho}. 谁来办理？`, `${qWho}. Who hands the claim in?`)}
          name="who"
          value={who}
          onChange={setWho}
          options={[
            { value: 'self', label: tr('患者本人', 'The patient') },
            { value: 'relative', label: tr('近亲属代办', 'A close relative') },
          ]}
        />
        <p className="field-note">
          {tr(
            '社区工作人员等帮忙整理材料的，请选“患者本人”：申请人是参保人本人或近亲属。',
            'A community worker who helps with the papers is not the applicant: choose "The patient".',
          )}
        </p>
        {who === 'relative' && (
          <>
            <Field label={tr('代办人', 'Applicant')}>
              {(p) => (
                <select
                  {...p}
                  value={applicantPerson}
                  onChange={(e) => chooseApplicant(e.target.value ? Number(e.target.value) : '')}
                >
                  <option value="">{tr('手动填写', 'Type in below')}</option>
                  {relatives.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={tr('代办人是患者的', 'The applicant is the patient’s')}>
              {(p) => (
                <EnumSelect
                  {...p}
                  options={AGENT_RELATIONS}
                  labels={APPLICANT_RELATION_LABELS}
                  value={relation}
                  // 近亲属 only (002): the guides ask no extra claim paper of them.
                  onChange={(v) => v && setRelation(v)}
                />
              )}
            </Field>
            <Field label={tr('代办人姓名', 'Applicant name')}>
              {(p) => (
                <input
                  {...p}
                  value={applicantName}
                  onChange={(e) => setApplicantName(e.target.value)}
                  required
                />
              )}
            </Field>
            <Field
              label={tr('代办人身份证号', 'Applicant ID number')}
              error={
                applicantIdCheck && !applicantIdCheck.ok
                  ? lang === 'en'
                    ? applicantIdCheck.en
                    : applicantIdCheck.zh
                  : null
              }
            >
              {(p) =>
                idMasked ? (
                  <span className="masked-field">
                    <input {...p} className="mono" value={maskIdNumber(applicantId)} readOnly />
                    <button
                      type="button"
                      onClick={() => {
                        setIdShown(true);
                        requestAnimationFrame(() => document.getElementById(p.id)?.focus());
                      }}
                      aria-label={tr('显示完整的代办人身份证号', 'Show the full applicant ID number')}
                    >
                      {tr('显示', 'Show')}
                    </button>
                  </span>
                ) : (
                  <input
                    {...p}
                    className="mono"
                    value={applicantId}
                    maxLength={24}
                    onChange={(e) => {
                      setIdTyped(true);
                      setApplicantId(normalizeNumberInput(e.target.value));
                    }}
                    required
                  />
                )
              }
            </Field>
          </>
        )}
        <Choice
          legend={tr(
            `${qDrugs}. 用了特殊药品（需审批的药）吗？`,
            `${qDrugs}. Any special (approval-only) drugs?`,
          )}
          name="drugs"
          value={specialDrugs}
          onChange={setSpecialDrugs}
          options={[
            { value: 'no', label: tr('没有', 'No') },
            { value: 'yes', label: tr('有', 'Yes') },
          ]}
        />
        <Field
          label={tr('费用总额（元，可选）', 'Total amount (yuan, optional)')}
          error={amountError ?? savedError('totalAmount')}
          hint={
            fromInvoice('totalAmount', amount) ?? tr('如 12345.67 或 12,345.67', 'e.g. 12345.67 or 12,345.67')
          }
        >
          {(p) => (
            <input {...p} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
          )}
        </Field>
      </div>
      {draft && draft.notes.length > 0 && (
        <ul className="problems draft-notes" aria-label={tr('材料对不上的地方', 'Papers that disagree')}>
          {draft.notes.map((n, i) => (
            <li key={i} className="warning">
              {tr(n.zh, n.en)}
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {tr('取消', 'Cancel')}
          </button>
        )}
        {saveError && saveError.field === null && (
          <p className="form-error" role="alert">
            {saveError.message}
          </p>
        )}
        {offerBringList && <BringListButton source={bringDraft && { draft: bringDraft }} />}
        {invalid && (
          <p className="submit-why" id={whyId}>
            {tr('还需要：', 'Still needed: ')}
            {blockers.join(tr('、', ', '))}
          </p>
        )}
        <button
          type="submit"
          className="primary"
          disabled={busy || invalid}
          aria-describedby={invalid ? whyId : undefined}
        >
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
