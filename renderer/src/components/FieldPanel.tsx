// What is printed on one page, beside its photo: each field the reader found (plain Chinese label, value,
// an input to correct it) with its box drawn on the photo. A corrected value is stored through
// documents:setField and wins over the reading ("已核对"); a reading below CONFIDENT_READING asks to be
// checked ("请核对"). A cross-document problem (name_mismatch …) that points at a field of this page is drawn
// on the photo and marks the field's row; its sentence is said once, in the checklist above.
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { ProblemMark } from '../../../shared/evaluation';
import { fieldNamesOf } from '../../../shared/field-corrections';
import {
  AMOUNT_FIELDS,
  BOOLEAN_FIELDS,
  DATE_FIELDS,
  fieldLabel,
  type FieldValue,
} from '../../../shared/fields';
import type { Thumbnail } from '../../../shared/ipc';
import type { DocumentPage } from '../../../shared/schemas';
import { call } from '../api';
import { normalizeNumberInput, parseYuan } from '../../../shared/validators';
import { fieldErrorOf } from './field-errors';
import { useApp } from '../app-context';
import { PageBoxes, fieldBoxes, fieldStatus, markBoxes, turnOf } from './PageBoxes';
import { useNearView } from './useNearView';

/** A problem's mark on one page, with the problem's words (the claim editor provides them by page id). */
export interface PageMark extends ProblemMark {
  message: string;
  severity: 'error' | 'warning';
}
export const PageMarksContext = createContext<ReadonlyMap<number, PageMark[]>>(new Map());

const CARE_SETTING_LABELS: Record<string, string> = { outpatient: '门诊', inpatient: '住院' };

const isIn = (list: readonly string[], name: string) => list.includes(name);

/** The value as the input shows it. */
function shown(name: string, value: FieldValue | undefined): string {
  if (value === undefined) return '';
  if (name === 'careSetting') return typeof value === 'string' ? value : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** Printed numbers and codes: typed with a Chinese IME in full-width mode they are the same characters. */
const NUMBER_TEXT_FIELDS = ['invoiceCode', 'invoiceNumber', 'checkCode', 'idNumber'];

/**
 * What the input holds, as the value documents:setField takes (null clears the correction), or why it cannot
 * be taken. Amounts are read as the forms read them (parseYuan: ¥, 元, thousands commas, full-width digits).
 */
function parsed(
  name: string,
  text: string,
): { ok: true; value: FieldValue | null } | { ok: false; zh: string; en: string } {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  if (isIn(AMOUNT_FIELDS, name)) {
    const amount = parseYuan(t);
    return amount.ok ? { ok: true, value: amount.value } : amount;
  }
  if (isIn(BOOLEAN_FIELDS, name)) return { ok: true, value: t === 'true' };
  if (NUMBER_TEXT_FIELDS.includes(name)) return { ok: true, value: normalizeNumberInput(t) };
  return { ok: true, value: t };
}

export function FieldPanel({
  page,
  kind,
  readOnly,
  onChanged,
}: {
  page: DocumentPage;
  kind: string;
  readOnly: boolean;
  onChanged(): Promise<void>;
}) {
  const { tr, notifyError, lang } = useApp();
  const marks = useContext(PageMarksContext).get(page.id) ?? [];
  const read = page.facts?.fields ?? {};
  const names = fieldNamesOf(kind).filter((n) => read[n] !== undefined);
  const [typed, setTyped] = useState<Record<string, FieldValue> | null>(null);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [thumb, setThumb] = useState<Thumbnail | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [focus, setFocus] = useState<string | null>(null);
  // Why a value typed into a field was not taken, said under that field until a good value is saved.
  const [errors, setErrors] = useState<Record<string, string>>({});
  const hasFields = names.length > 0;

  const panel = useRef<HTMLElement | null>(null);
  const near = useNearView(panel);

  useEffect(() => {
    if (!hasFields) return;
    let live = true;
    call('getPageCorrections', { pageId: page.id }).then(
      (r) => live && setTyped(r.fields),
      () => live && setTyped({}),
    );
    return () => {
      live = false;
    };
  }, [page.id, page.sha256, hasFields]);
  // The picture only once the panel is near view (a stack of twenty papers must not decode twenty at once).
  useEffect(() => {
    if (!hasFields || !near) return;
    let live = true;
    call('getThumbnail', { pageId: page.id, maxSize: 900 }).then(
      (t) => live && setThumb(t),
      () => live && setThumb({ dataUrl: null, width: 0, height: 0 }),
    );
    return () => {
      live = false;
    };
  }, [page.id, page.sha256, hasFields, near]);

  if (!hasFields) return null;

  const valueOf = (n: string): FieldValue | undefined => typed?.[n] ?? read[n]?.value;
  const draftOf = (n: string) => drafts[n] ?? shown(n, valueOf(n));

  const refuse = (name: string, why: string | null) =>
    setErrors(({ [name]: _old, ...rest }) => (why === null ? rest : { ...rest, [name]: why }));

  async function save(name: string, value: FieldValue | null) {
    setBusy(name);
    try {
      const r = await call('setDocumentField', { pageId: page.id, field: name, value });
      setTyped(r.fields);
      setDrafts(({ [name]: _done, ...rest }) => rest);
      refuse(name, null);
      await onChanged();
    } catch (err) {
      // Main's reason for this field goes beside it; anything unexpected to the app's notice.
      const fe = fieldErrorOf(err, lang);
      if (fe) refuse(name, fe.message);
      else notifyError(err);
    } finally {
      setBusy(null);
    }
  }

  /** Saves what the person typed, or says beside the field why it cannot be taken. */
  function commitText(name: string, text: string) {
    const value = parsed(name, text);
    if (!value.ok) refuse(name, tr(value.zh, value.en));
    else void save(name, value.value);
  }

  const label = (n: string) => fieldLabel(kind, n);
  const status = (n: string) => fieldStatus(page, n, typed);

  return (
    <section
      ref={panel}
      className="field-panel"
      data-page-id={page.id}
      aria-label={tr(`${page.originalName} 上识别出的内容`, `What was read on ${page.originalName}`)}
    >
      <div className="field-photo">
        {thumb?.dataUrl ? (
          <img src={thumb.dataUrl} alt={page.originalName} width={thumb.width} height={thumb.height} />
        ) : (
          <div className="thumb-placeholder">{thumb ? '?' : '…'}</div>
        )}
        {thumb?.dataUrl && (
          <PageBoxes
            boxes={[...fieldBoxes(page, kind, typed, focus), ...markBoxes(marks)]}
            turn={turnOf(page)}
          />
        )}
      </div>
      <div className="field-list">
        <h4>{tr('照片上读到的内容（可修改）', 'Read from the photo (editable)')}</h4>
        <table>
          <tbody>
            {names.map((n) => {
              const st = status(n);
              const id = `field-${page.id}-${n}`;
              const draft = draftOf(n);
              // Anything typed is committed, even the value exactly as read: retyping it is the person's
              // confirmation (已核对), as 无误 is. Leaving an untouched field saves nothing.
              const typedHere = drafts[n] !== undefined;
              const commit = () => {
                if (typedHere) commitText(n, draft);
              };
              const error = errors[n];
              // A problem about this printed value is said once, in the checklist above; the row is marked
              // (and its box drawn on the photo) so the person sees which value it is about.
              const rowMarks = marks.filter((m) => m.field === n);
              const problem = rowMarks.some((m) => m.severity === 'error')
                ? 'error'
                : rowMarks.length > 0
                  ? 'warning'
                  : undefined;
              const errorId = `${id}-error`;
              const common = {
                id,
                disabled: readOnly || busy === n,
                onFocus: () => setFocus(n),
                onBlur: () => setFocus(null),
                'aria-invalid': error ? true : undefined,
                'aria-describedby': error ? errorId : undefined,
              };
              return (
                <tr key={n} data-field={n} data-status={st} data-problem={problem}>
                  <th>
                    <label htmlFor={id}>{label(n)}</label>
                  </th>
                  <td>
                    {n === 'careSetting' ? (
                      <select {...common} value={draft} onChange={(e) => commitText(n, e.target.value)}>
                        {Object.entries(CARE_SETTING_LABELS).map(([v, zh]) => (
                          <option key={v} value={v}>
                            {zh}
                          </option>
                        ))}
                      </select>
                    ) : isIn(BOOLEAN_FIELDS, n) ? (
                      <select {...common} value={draft} onChange={(e) => commitText(n, e.target.value)}>
                        <option value="true">{tr('有', 'Yes')}</option>
                        <option value="false">{tr('没有', 'No')}</option>
                      </select>
                    ) : (
                      <input
                        {...common}
                        type={isIn(DATE_FIELDS, n) ? 'date' : 'text'}
                        inputMode={isIn(AMOUNT_FIELDS, n) ? 'decimal' : undefined}
                        value={draft}
                        onChange={(e) => setDrafts((d) => ({ ...d, [n]: e.target.value }))}
                        onBlur={() => {
                          setFocus(null);
                          commit();
                        }}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter') e.currentTarget.blur(); // blur saves, once
                        }}
                      />
                    )}
                    {error && (
                      <div id={errorId} className="field-note error" role="alert">
                        {error}
                      </div>
                    )}
                  </td>
                  <td className="field-status">
                    {problem && (
                      <span
                        className={`tag tag-problem ${problem}`}
                        title={rowMarks.map((m) => m.message).join('\n')}
                      >
                        {tr('对不上，见上方', 'Disagrees, see above')}
                      </span>
                    )}
                    {st === 'checked' ? (
                      <span className="tag tag-checked">{tr('已核对', 'Checked')}</span>
                    ) : (
                      <>
                        {st === 'check' && (
                          <span className="tag tag-check">{tr('请核对', 'Please check')}</span>
                        )}
                        {!readOnly && (
                          <button
                            type="button"
                            className="link"
                            disabled={busy === n}
                            onClick={() => void save(n, valueOf(n) ?? null)}
                          >
                            {tr('无误', 'Correct')}
                          </button>
                        )}
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
