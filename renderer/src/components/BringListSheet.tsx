// The printable "what to bring" list (rules:bringList): the requirements of a claim's scenario in the rule
// pack's words, where each paper comes from when the pack says so, a box to tick by hand and the deadline,
// in large print. Shown over the app (portal into <body>, the app made inert) and printed through the
// browser's print: the print stylesheet hides the app and the sheet's buttons, so only the list is printed.
import { useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { CARE_SETTING_LABELS } from '../../../shared/domain';
import type { BringList, BringListDraft } from '../../../shared/ipc';
import { formatDateEn, formatDateZh } from '../../../shared/dates';
import { SOURCES_NOTE } from '../../../shared/rules';
import { call } from '../api';
import { useApp } from '../app-context';

export type BringListSource = { claimId: number } | { draft: BringListDraft };

/** 2027-03-10 → 2027年3月10日 (the form printed papers use): the one shared formatter. */
export const dateZh = formatDateZh;

export function BringListSheet({ source, onClose }: { source: BringListSource; onClose(): void }) {
  const { tr, notifyError, lang } = useApp();
  const [list, setList] = useState<BringList | null>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  // Fetched again only when the answers change (the caller may pass a new object each render).
  const asked = JSON.stringify(source);
  useEffect(() => {
    let live = true;
    call('getBringList', JSON.parse(asked) as BringListSource).then(
      (l) => live && setList(l),
      (err) => {
        notifyError(err);
        onClose();
      },
    );
    return () => {
      live = false;
    };
  }, [asked, notifyError, onClose]);

  // While the sheet is open the app behind it takes no focus or clicks; Esc closes the sheet.
  useEffect(() => {
    const root = document.getElementById('root');
    if (root) root.inert = true;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    closeButton.current?.focus();
    return () => {
      if (root) root.inert = false;
      window.removeEventListener('keydown', onKey);
    };
  }, [onClose]);

  const en = lang === 'en';
  const care = list ? CARE_SETTING_LABELS[list.careSetting] : null;
  return createPortal(
    <div className="bring-overlay">
      <div
        className="bring-sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby="bring-title"
        data-testid="bring-list"
      >
        <div className="bring-tools no-print">
          <button type="button" className="primary" onClick={() => window.print()} disabled={!list}>
            {tr('打印', 'Print')}
          </button>
          <button type="button" ref={closeButton} onClick={onClose}>
            {tr('关闭', 'Close')}
          </button>
        </div>
        <h1 id="bring-title">{tr('报销要准备的材料', 'Papers to prepare for the claim')}</h1>
        {!list ? (
          <p>{tr('正在列出…', 'Listing…')}</p>
        ) : (
          <>
            <p className="bring-who">
              {tr('患者', 'Patient')}
              {en ? ': ' : '：'}
              <strong>{list.claimant}</strong>
              {care && <span>{tr(`，${care.zh}`, ` · ${care.en}`)}</span>}
              {list.reference && (
                <span>
                  {tr('，单号：', ' · Ref: ')}
                  {list.reference}
                </span>
              )}
            </p>
            <p className="bring-deadline">
              <strong>{tr('交材料期限', 'Deadline')}</strong>
              {en ? ': ' : '：'}
              {tr(list.deadline.rule, list.deadline.ruleEn)}
              {list.deadline.date &&
                tr(`，最晚 ${dateZh(list.deadline.date)}`, `, by ${formatDateEn(list.deadline.date)}`)}
            </p>
            <p className="bring-how">
              {tr(
                '每备好一样，就在方框里打个勾。去医院或医保窗口时带上这张纸。',
                'Tick each box when the paper is ready. Take this sheet to the hospital or the insurance office.',
              )}
            </p>
            <ol className="bring-items">
              {list.items.map((it) => (
                <li key={it.id} data-requirement={it.id}>
                  <span className="tick-box" aria-hidden="true" />
                  <div>
                    <div className="bring-item-title">{tr(it.title, it.titleEn)}</div>
                    <div className="bring-item-why">{tr(it.reason, it.reasonEn)}</div>
                    {it.from && (
                      <div className="bring-item-from">
                        <strong>{tr('去哪里开', 'Where to get it')}</strong>
                        {en ? ': ' : '：'}
                        {tr(it.from, it.fromEn ?? it.from)}
                      </div>
                    )}
                    {it.providedByApp ? (
                      <div className="bring-item-bring">
                        {tr(
                          '本程序导出的材料包里有这一页，打印后签名即可。',
                          'The exported bundle has this page: print it and sign.',
                        )}
                      </div>
                    ) : (
                      it.bring && (
                        <div className="bring-item-bring">
                          <strong>{tr('交材料时', 'At the window')}</strong>
                          {en ? ': ' : '：'}
                          {tr(it.bring, it.bringEn ?? it.bring)}
                        </div>
                      )
                    )}
                    {it.settled && (
                      <div className="bring-item-settled">
                        {tr(`已办好：${it.settled}`, `Done: ${it.settledEn ?? it.settled}`)}
                      </div>
                    )}
                  </div>
                </li>
              ))}
            </ol>
            {list.reminders && list.reminders.length > 0 && (
              <section className="bring-reminders" aria-labelledby="bring-reminders-title">
                <h3 id="bring-reminders-title">{tr('提醒（不是要交的材料）', 'Reminders (not papers)')}</h3>
                <ul>
                  {list.reminders.map((r) => (
                    <li key={r.id} data-reminder={r.id}>
                      <strong>{tr(r.title, r.titleEn)}</strong>
                      {en ? ': ' : '：'}
                      {tr(r.text, r.textEn)}
                      {r.steps.length > 0 && (
                        <ol>
                          {r.steps.map((st, i) => (
                            <li key={i}>{tr(st.text, st.textEn)}</li>
                          ))}
                        </ol>
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <p className="bring-note">
              {tr(
                `按“${list.pack}”列出。${SOURCES_NOTE.zh}不清楚的可以打 12393 医保服务热线问。`,
                `Listed by "${list.pack}". ${SOURCES_NOTE.en} Questions: call the 12393 medical insurance hotline.`,
              )}
            </p>
          </>
        )}
      </div>
    </div>,
    document.body,
  );
}

/** The button that opens the sheet; focus comes back to it when the sheet closes. */
export function BringListButton({
  source,
  disabled,
}: {
  source: BringListSource | null;
  disabled?: boolean;
}) {
  const { tr } = useApp();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setOpen(false);
    requestAnimationFrame(() => button.current?.focus());
  }, []);
  return (
    <>
      <button
        type="button"
        ref={button}
        onClick={() => setOpen(true)}
        disabled={disabled || !source}
        title={tr(
          '列出这次报销要准备的材料，打印出来带去医院',
          'List the papers this claim needs, to print and take to the hospital',
        )}
      >
        {tr('打印要带的材料清单', 'Print the list of papers')}
      </button>
      {open && source && <BringListSheet source={source} onClose={close} />}
    </>
  );
}
