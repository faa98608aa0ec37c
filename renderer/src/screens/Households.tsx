// Households and their people. ID numbers are checked as they are typed (GB 11643 check character and a
// real birth date), so a mistyped digit is caught here rather than by the reviewer weeks later.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import {
  INSURANCE_TYPE_LABELS,
  INSURANCE_TYPES,
  RELATION_LABELS,
  RELATIONS,
  type InsuranceType,
  type Relation,
} from '../../../shared/domain';
import type { Household, Person } from '../../../shared/schemas';
import {
  checkBankCard,
  checkIdNumber,
  isMobilePhone,
  maskIdNumber,
  normalizeNumberInput,
  toHalfWidth,
} from '../../../shared/validators';
import { call } from '../api';
import { formatDateEn, formatDateZh } from '../../../shared/dates';
import { useApp } from '../app-context';
import { EnumSelect } from '../components/EnumSelect';
import { Field } from '../components/Field';
import { fieldErrorOf, type FieldError } from '../components/field-errors';

type HouseholdRow = Household & { memberCount: number };

export function Households({ initialHouseholdId }: { initialHouseholdId?: number | undefined }) {
  const { tr, notifyError, notify, go, settings } = useApp();
  const [households, setHouseholds] = useState<HouseholdRow[]>([]);
  const [selected, setSelected] = useState<number | null>(initialHouseholdId ?? null);
  const [people, setPeople] = useState<Person[]>([]);
  const [newName, setNewName] = useState('');
  const [editing, setEditing] = useState<Person | null>(null);
  // Each person (or household) added gets a fresh person form (nothing carried over), its name focused.
  const [added, setAdded] = useState(0);
  const [renaming, setRenaming] = useState<string | null>(null);

  // Bumping the version reloads the lists after a change.
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    let live = true;
    call('listHouseholds', {}).then(
      (list) => {
        if (!live) return;
        setHouseholds(list);
        setSelected((s) => s ?? list[0]?.id ?? null);
      },
      (err: unknown) => live && notifyError(err),
    );
    return () => {
      live = false;
    };
  }, [version, notifyError]);
  useEffect(() => {
    if (selected === null) return;
    let live = true;
    call('listPeople', { householdId: selected }).then(
      (list) => live && setPeople(list),
      (err: unknown) => live && notifyError(err),
    );
    return () => {
      live = false;
    };
  }, [selected, version, notifyError]);

  async function addHousehold(e: FormEvent) {
    e.preventDefault();
    try {
      const h = await call('createHousehold', { name: newName });
      setNewName('');
      notify('success', tr(`已新建“${h.name}”`, `Added household ${h.name}`));
      setSelected(h.id);
      // Its people are the next step: a fresh person form with the name focused (never the page body).
      setEditing(null);
      setAdded((n) => n + 1);
      reload();
    } catch (err) {
      notifyError(err);
    }
  }

  async function renameHousehold(e: FormEvent) {
    e.preventDefault();
    if (selected === null || renaming === null) return;
    try {
      const h = await call('renameHousehold', { id: selected, name: renaming });
      notify('success', tr(`已改名为“${h.name}”`, `Renamed to ${h.name}`));
      setRenaming(null);
      reload();
    } catch (err) {
      notifyError(err);
    }
  }

  async function deletePerson(p: Person) {
    if (
      !window.confirm(
        tr(
          `删除“${p.name}”？只能删除没有报销单的人员。`,
          `Remove ${p.name}? Only people on no claim can be removed.`,
        ),
      )
    )
      return;
    try {
      await call('deletePerson', { id: p.id });
      notify('success', tr(`已删除 ${p.name}`, `Removed ${p.name}`));
      if (editing?.id === p.id) setEditing(null);
      reload();
    } catch (err) {
      notifyError(err);
    }
  }

  const household = households.find((h) => h.id === selected);
  // Until the new household's people arrive, show none rather than the previous household's.
  const members = people.filter((p) => p.householdId === selected);
  return (
    <section aria-labelledby="households-title">
      <header className="page-header">
        <h1 id="households-title">{tr('家庭与人员', 'Households and people')}</h1>
        <p className="lead">
          {tr(
            '先建一户，再添加户内成员：参保人本人和代办的近亲属。',
            'Add a household, then its people: the insured person and relatives who act for them.',
          )}
        </p>
      </header>
      <div className="two-col">
        <div className="panel">
          <h2>{tr('户', 'Households')}</h2>
          <form className="inline-form" onSubmit={addHousehold}>
            <Field label={tr('新建户（户名）', 'New household (name)')}>
              {(p) => (
                <input
                  {...p}
                  value={newName}
                  onChange={(e) => setNewName(e.target.value)}
                  placeholder={tr('如：张家', 'e.g. Zhang family')}
                />
              )}
            </Field>
            <button type="submit" className="primary" disabled={!newName.trim()}>
              {tr('新建户', 'Add household')}
            </button>
          </form>
          <ul className="list" aria-label={tr('户列表', 'Households')}>
            {households.map((h) => (
              <li key={h.id}>
                <button
                  type="button"
                  className={h.id === selected ? 'list-item active' : 'list-item'}
                  aria-pressed={h.id === selected}
                  onClick={() => setSelected(h.id)}
                >
                  <span>{h.name}</span>
                  <span className="muted">{tr(`${h.memberCount} 人`, `${h.memberCount} people`)}</span>
                </button>
              </li>
            ))}
            {households.length === 0 && <li className="empty">{tr('还没有户。', 'No households yet.')}</li>}
          </ul>
        </div>
        <div className="panel grow">
          {household ? (
            <>
              {renaming === null ? (
                <div className="row">
                  <h2>
                    {household.name} · {tr('成员', 'People')}
                  </h2>
                  <button type="button" onClick={() => setRenaming(household.name)}>
                    {tr('改户名', 'Rename')}
                  </button>
                </div>
              ) : (
                <form className="inline-form" onSubmit={renameHousehold}>
                  <Field label={tr('新的户名', 'New household name')}>
                    {(p) => (
                      <input
                        {...p}
                        value={renaming}
                        onChange={(e) => setRenaming(e.target.value)}
                        autoFocus
                        onKeyDown={(e) => e.key === 'Escape' && setRenaming(null)}
                      />
                    )}
                  </Field>
                  <button type="submit" className="primary" disabled={!renaming.trim()}>
                    {tr('保存户名', 'Save name')}
                  </button>
                  <button type="button" onClick={() => setRenaming(null)}>
                    {tr('取消', 'Cancel')}
                  </button>
                </form>
              )}
              <table className="table">
                <thead>
                  <tr>
                    <th>{tr('姓名', 'Name')}</th>
                    <th>{tr('关系', 'Relation')}</th>
                    <th>{tr('身份证号', 'ID number')}</th>
                    <th>{tr('参保', 'Insurance')}</th>
                    <th>
                      <span className="sr-only">{tr('操作', 'Actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {members.map((p) => (
                    <tr key={p.id} data-person-id={p.id}>
                      <td className="person-name">{p.name}</td>
                      <td className="person-relation">
                        {tr(RELATION_LABELS[p.relation].zh, RELATION_LABELS[p.relation].en)}
                      </td>
                      <td className="mono">{settings.maskNumbers ? maskIdNumber(p.idNumber) : p.idNumber}</td>
                      <td>
                        {tr(
                          INSURANCE_TYPE_LABELS[p.insuranceType].zh,
                          INSURANCE_TYPE_LABELS[p.insuranceType].en,
                        )}{' '}
                        · {p.insuredRegion}
                      </td>
                      <td className="row-actions person-actions">
                        <div>
                          <button
                            type="button"
                            onClick={() => {
                              setEditing(p);
                              // The form sits below the table: bring it into view with focus on the name.
                              setTimeout(() => {
                                const form = document.getElementById('person-form-title')?.closest('form');
                                form?.scrollIntoView({ block: 'start' });
                                form?.querySelector<HTMLElement>('input')?.focus();
                              }, 0);
                            }}
                            aria-label={tr(`修改 ${p.name}`, `Edit ${p.name}`)}
                          >
                            {tr('修改', 'Edit')}
                          </button>
                          <button type="button" onClick={() => go({ screen: 'new-claim', claimantId: p.id })}>
                            {tr('为此人新建报销', 'New claim')}
                          </button>
                          <button
                            type="button"
                            className="danger"
                            onClick={() => void deletePerson(p)}
                            aria-label={tr(`删除 ${p.name}`, `Remove ${p.name}`)}
                          >
                            {tr('删除', 'Remove')}
                          </button>
                        </div>
                      </td>
                    </tr>
                  ))}
                  {members.length === 0 && (
                    <tr>
                      <td colSpan={5} className="empty">
                        {tr('这户还没有成员。', 'No people in this household yet.')}
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
              <PersonForm
                key={editing?.id ?? `new-${added}`}
                householdId={household.id}
                person={editing}
                focusName={added > 0 && !editing}
                onCancel={() => setEditing(null)}
                onSaved={async (p) => {
                  notify(
                    'success',
                    editing
                      ? tr(`已保存 ${p.name}`, `Saved ${p.name}`)
                      : tr(`已添加 ${p.name}`, `Added ${p.name}`),
                  );
                  if (!editing) setAdded((n) => n + 1);
                  setEditing(null);
                  reload();
                }}
              />
            </>
          ) : (
            <p className="empty">{tr('请先在左边新建一户。', 'Add a household on the left first.')}</p>
          )}
        </div>
      </div>
    </section>
  );
}

function PersonForm({
  householdId,
  person,
  onSaved,
  onCancel,
  focusName = false,
}: {
  householdId: number;
  /** The person being edited, or null to add a new one. */
  person: Person | null;
  /** A fresh form after an add: the next person's name is typed straight away. */
  focusName?: boolean;
  onSaved(p: Person): Promise<void>;
  onCancel(): void;
}) {
  const { tr, notifyError, lang } = useApp();
  const [name, setName] = useState(person?.name ?? '');
  const [idNumber, setIdNumber] = useState(person?.idNumber ?? '');
  const [relation, setRelation] = useState<Relation>(person?.relation ?? 'self');
  const [insuranceType, setInsuranceType] = useState<InsuranceType>(person?.insuranceType ?? 'employee');
  const [insuredRegion, setInsuredRegion] = useState(person?.insuredRegion ?? '');
  const [phone, setPhone] = useState(person?.phone ?? '');
  const [bank, setBank] = useState(person?.bankAccount?.bank ?? '');
  const [bankNumber, setBankNumber] = useState(person?.bankAccount?.number ?? '');
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<FieldError | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusName) nameInput.current?.focus();
  }, [focusName]);

  const id = normalizeNumberInput(idNumber);
  const idCheck = id.length === 0 ? null : checkIdNumber(id);
  // Only complain once the number is long enough to judge; a half-typed number is not an error yet.
  const idError =
    idCheck && !idCheck.ok && (id.length >= 18 || idCheck.code !== 'format')
      ? lang === 'en'
        ? idCheck.en
        : idCheck.zh
      : null;
  const idOk = idCheck?.ok
    ? tr(
        `校验通过 · 出生日期 ${formatDateZh(idCheck.birthDate)}`,
        `Valid · born ${formatDateEn(idCheck.birthDate)}`,
      )
    : null;
  const phoneError =
    phone.trim() && !isMobilePhone(phone)
      ? tr('手机号应为以1开头的11位数字', 'Mobile number: 11 digits starting with 1')
      : null;
  const bankCheck = bankNumber.trim() ? checkBankCard(bankNumber) : null;
  const bankWarn = bankCheck && !bankCheck.ok ? (lang === 'en' ? bankCheck.en : bankCheck.zh) : null;
  // A card number without its bank (or the other way round) is never dropped on save: ask beside the field.
  const bankMissing =
    bankNumber.trim() && !bank.trim()
      ? tr('填了银行卡号，请写上开户银行', 'Please name the bank of this card')
      : null;
  const numberMissing =
    bank.trim() && !bankNumber.trim()
      ? tr('写了开户银行，请填银行卡号', 'Please type the card number')
      : null;
  const savedError = (field: string) => (saveError?.field === field ? saveError.message : null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (bankMissing || numberMissing) return;
    setBusy(true);
    setSaveError(null);
    try {
      const fields = {
        householdId,
        name,
        idNumber: id,
        relation,
        insuranceType,
        insuredRegion,
        phone: phone.trim() ? phone : null,
        bankAccount: bank.trim() && bankNumber.trim() ? { bank, number: bankNumber, holder: name } : null,
      };
      const saved = person
        ? await call('updatePerson', { id: person.id, person: fields })
        : await call('createPerson', fields);
      setName('');
      setIdNumber('');
      setPhone('');
      setBank('');
      setBankNumber('');
      await onSaved(saved);
    } catch (err) {
      const fe = fieldErrorOf(err, lang);
      if (fe) setSaveError(fe);
      else notifyError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form-grid" onSubmit={submit} aria-labelledby="person-form-title">
      <h3 id="person-form-title" className="span-all">
        {person ? tr(`修改成员：${person.name}`, `Edit ${person.name}`) : tr('添加成员', 'Add a person')}
      </h3>
      <Field label={tr('姓名', 'Name')} error={savedError('name')}>
        {(p) => (
          <input {...p} ref={nameInput} value={name} onChange={(e) => setName(e.target.value)} required />
        )}
      </Field>
      <Field
        label={tr('身份证号', 'ID number')}
        error={idError ?? savedError('idNumber')}
        ok={idOk}
        hint={tr('18位，最后一位可以是X', '18 characters; the last may be X')}
      >
        {(p) => (
          <input
            {...p}
            className="mono"
            value={idNumber}
            maxLength={24}
            onChange={(e) => setIdNumber(normalizeNumberInput(e.target.value))}
            required
            autoComplete="off"
          />
        )}
      </Field>
      <Field label={tr('与参保人的关系', 'Relation to the insured person')}>
        {(p) => (
          <EnumSelect
            {...p}
            options={RELATIONS}
            labels={RELATION_LABELS}
            value={relation}
            onChange={(v) => v && setRelation(v)}
          />
        )}
      </Field>
      <Field label={tr('参保类型', 'Insurance type')}>
        {(p) => (
          <EnumSelect
            {...p}
            options={INSURANCE_TYPES}
            labels={INSURANCE_TYPE_LABELS}
            value={insuranceType}
            onChange={(v) => v && setInsuranceType(v)}
          />
        )}
      </Field>
      <Field label={tr('参保地', 'Insured region')} hint={tr('如：江苏省南京市', 'e.g. 江苏省南京市')}>
        {(p) => (
          <input {...p} value={insuredRegion} onChange={(e) => setInsuredRegion(e.target.value)} required />
        )}
      </Field>
      <Field label={tr('手机号（可选）', 'Mobile (optional)')} error={phoneError ?? savedError('phone')}>
        {(p) => (
          <input
            {...p}
            value={phone}
            inputMode="numeric"
            onChange={(e) => setPhone(toHalfWidth(e.target.value))}
          />
        )}
      </Field>
      <Field label={tr('开户银行（可选）', 'Bank (optional)')} error={bankMissing ?? savedError('bank')}>
        {(p) => <input {...p} value={bank} onChange={(e) => setBank(e.target.value)} />}
      </Field>
      <Field
        label={tr('银行卡号（可选）', 'Card number (optional)')}
        error={bankWarn ?? numberMissing ?? savedError('number')}
      >
        {(p) => (
          <input
            {...p}
            className="mono"
            value={bankNumber}
            inputMode="numeric"
            onChange={(e) => setBankNumber(toHalfWidth(e.target.value))}
            autoComplete="off"
          />
        )}
      </Field>
      <div className="span-all actions">
        <button
          type="submit"
          className="primary"
          disabled={
            busy ||
            !name.trim() ||
            !idCheck?.ok ||
            !insuredRegion.trim() ||
            !!phoneError ||
            !!bankWarn ||
            !!bankMissing ||
            !!numberMissing
          }
        >
          {person ? tr('保存修改', 'Save') : tr('添加成员', 'Add person')}
        </button>
        {saveError && saveError.field === null && (
          <p className="form-error" role="alert">
            {saveError.message}
          </p>
        )}
        {person && (
          <button type="button" onClick={onCancel}>
            {tr('取消', 'Cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
