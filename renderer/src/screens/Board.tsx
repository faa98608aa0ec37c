// The claims board: every claim with its status and deadline countdown; search, filter, sort, and pages
// fetched from the database one at a time, so a billing desk's year of claims stays instant.
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { CARE_SETTING_LABELS } from '../../../shared/domain';
import type { ClaimListRequest, ClaimSummary } from '../../../shared/ipc';
import { CLAIM_STATUS_LABELS, CLAIM_STATUSES, type ClaimStatus } from '../../../shared/lifecycle';
import { call } from '../api';
import { useApp } from '../app-context';
import { BatchBar } from '../components/BatchBar';
import { daysSince, deadlineClass, deadlineText, formatDateTime } from '../format';
import { formatYuan } from '../../../shared/money';

const PAGE_SIZE = 50;
type Sort = NonNullable<ClaimListRequest['sort']>;

// Search, filter, sort, page and the selection survive opening a claim and coming back (kept for this session).
/** The status filter: one status, all, or the archived claims (which the other choices leave out). */
type StatusFilter = ClaimStatus | '' | 'archived';
const kept: { search: string; status: StatusFilter; sort: Sort; page: number; selected: number[] } = {
  search: '',
  status: '',
  sort: 'updated',
  page: 1,
  selected: [],
};

/** "…002X": enough to tell two people of the same name apart at the desk, never the full number. */
function idTailText(tail: string): string {
  return `…${tail}`;
}

export function Board() {
  const { tr, go, notifyError, info, lang } = useApp();
  const [search, setSearch] = useState(kept.search);
  const [query, setQuery] = useState(kept.search);
  const [status, setStatus] = useState<StatusFilter>(kept.status);
  const filter = {
    status: status && status !== 'archived' ? status : undefined,
    archived: status === 'archived' || undefined,
  };
  const [sort, setSort] = useState<Sort>(kept.sort);
  const [page, setPage] = useState(kept.page);
  // The selection is a list of ids, not rows: it survives sorting and paging. A new search or status filter
  // clears it, so a batch action never reaches claims the person can no longer see matching.
  const [selected, setSelected] = useState<number[]>(kept.selected);
  const anchor = useRef<number | null>(null);
  useEffect(() => {
    Object.assign(kept, { search: query, status, sort, page, selected });
  }, [query, status, sort, page, selected]);
  const filterKey = `${query}\u0000${status}`;
  const lastFilter = useRef(filterKey);
  useEffect(() => {
    if (lastFilter.current === filterKey) return;
    lastFilter.current = filterKey;
    setSelected([]);
    anchor.current = null;
  }, [filterKey]);
  const [data, setData] = useState<{ items: ClaimSummary[]; total: number } | null>(null);
  // Bumped after a batch status change so the rows are read again.
  const [reloads, setReloads] = useState(0);

  // Wait for a pause in typing before asking the database, so each keystroke doesn't start a query.
  useEffect(() => {
    if (search === kept.search) return;
    const t = setTimeout(() => {
      setQuery(search);
      setPage(1);
    }, 200);
    return () => clearTimeout(t);
  }, [search]);

  useEffect(() => {
    let live = true;
    call('listClaims', {
      search: query || undefined,
      status: status && status !== 'archived' ? status : undefined,
      archived: status === 'archived' || undefined,
      sort,
      page,
      pageSize: PAGE_SIZE,
    }).then(
      (r) => live && setData(r),
      (err: unknown) => live && notifyError(err),
    );
    return () => {
      live = false;
    };
  }, [query, status, sort, page, reloads, notifyError]);

  // Another desk's changes (pushed by main, never polled): the changed rows on this page are read again and
  // replaced in place; a claim added or removed, or a change main cannot place, reads the page again.
  const shown = useRef<ClaimSummary[]>([]);
  useEffect(() => {
    shown.current = data?.items ?? [];
  }, [data]);
  useEffect(
    () =>
      window.claimdesk.onStoreChanges((changes) => {
        const onPage = new Set(shown.current.map((c) => c.id));
        const whole = changes.some((c) => c.id === null || (c.table === 'claims' && c.op !== 'update'));
        if (whole) {
          setReloads((n) => n + 1);
          return;
        }
        // A person's name or ID number shows on each of their rows: those rows are read again too.
        const people = new Set(changes.filter((c) => c.table === 'people').map((c) => c.id));
        const ids = shown.current
          .filter((c) => onPage.has(c.id))
          .filter(
            (c) =>
              changes.some((ch) => ch.table === 'claims' && ch.id === c.id) ||
              people.has(c.fields.claimantId),
          )
          .map((c) => c.id);
        if (ids.length === 0) return;
        call('claimRows', { ids }).then((r) => {
          const fresh = new Map(r.items.map((c) => [c.id, c]));
          setData((d) => d && { ...d, items: d.items.map((c) => fresh.get(c.id) ?? c) });
        }, notifyError);
      }),
    [notifyError],
  );

  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const items = data?.items ?? [];
  const chosen = new Set(selected);
  const chosenOnPage = items.filter((c) => chosen.has(c.id)).length;
  const pageAllChosen = items.length > 0 && chosenOnPage === items.length;

  // Click toggles one row; shift-click sets every row from the last clicked one to this one to this one's
  // new state (as file managers do), within the page shown.
  function toggleRow(index: number, e: MouseEvent<HTMLInputElement>) {
    const row = items[index];
    if (!row) return;
    const on = !chosen.has(row.id);
    const from = e.shiftKey && anchor.current !== null ? Math.min(anchor.current, index) : index;
    const to = e.shiftKey && anchor.current !== null ? Math.max(anchor.current, index) : index;
    const range = items.slice(from, to + 1).map((c) => c.id);
    setSelected((prev) => {
      const rest = prev.filter((id) => !range.includes(id));
      return on ? [...rest, ...range] : rest;
    });
    anchor.current = index;
  }

  function togglePage() {
    const ids = items.map((c) => c.id);
    setSelected((prev) => {
      const rest = prev.filter((id) => !ids.includes(id));
      return pageAllChosen ? rest : [...rest, ...ids];
    });
  }

  function selectAllMatching() {
    call('listClaimIds', { search: query || undefined, ...filter, sort }).then(
      (r) => setSelected(r.ids),
      notifyError,
    );
  }
  return (
    <section aria-labelledby="board-title">
      <header className="page-header row">
        <div>
          <h1 id="board-title">{tr('报销单', 'Claims')}</h1>
          <p className="lead">
            {tr(
              '每一单的进度和剩余提交天数；临近截止和已逾期的会标出来。',
              'Every claim with its status and days left to submit.',
            )}
          </p>
        </div>
        <button type="button" className="primary" onClick={() => go({ screen: 'new-claim' })}>
          {tr('新建报销', 'New claim')}
        </button>
      </header>
      <div className="toolbar" role="search">
        <label className="grow">
          <span className="sr-only">{tr('搜索', 'Search')}</span>
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={tr('搜索姓名、医院、发票号、单号', 'Search name, hospital, invoice no., reference')}
          />
        </label>
        <label>
          {tr('状态', 'Status')}{' '}
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as StatusFilter);
              setPage(1);
            }}
          >
            <option value="">{tr('全部', 'All')}</option>
            {CLAIM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tr(CLAIM_STATUS_LABELS[s].zh, CLAIM_STATUS_LABELS[s].en)}
              </option>
            ))}
            <option value="archived">{tr('已归档', 'Archived')}</option>
          </select>
        </label>
        <label>
          {tr('排序', 'Sort')}{' '}
          <select value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
            <option value="updated">{tr('最近修改', 'Recently changed')}</option>
            <option value="care_end">{tr('最早截止', 'Deadline first')}</option>
            <option value="created">{tr('最近新建', 'Newest')}</option>
          </select>
        </label>
      </div>
      <BatchBar
        ids={selected}
        matching={data?.total ?? 0}
        pageAllChosen={pageAllChosen}
        onSelectAllMatching={selectAllMatching}
        onClear={() => setSelected([])}
        onChanged={() => setReloads((n) => n + 1)}
        archivedView={status === 'archived'}
      />
      <div className="table-scroll">
        <table className="table claims-table">
          <thead>
            <tr>
              <th className="pick">
                <input
                  type="checkbox"
                  aria-label={tr('全选本页', 'Choose every claim on this page')}
                  title={tr('全选本页', 'Choose every claim on this page')}
                  checked={pageAllChosen}
                  ref={(el) => {
                    if (el) el.indeterminate = chosenOnPage > 0 && !pageAllChosen;
                  }}
                  disabled={items.length === 0}
                  onChange={togglePage}
                />
              </th>
              <th>{tr('单号', 'Reference')}</th>
              <th>{tr('患者', 'Patient')}</th>
              <th>{tr('医院', 'Hospital')}</th>
              <th>{tr('类型', 'Care')}</th>
              <th>{tr('状态', 'Status')}</th>
              <th className="col-amount">{tr('金额', 'Amount')}</th>
              <th>{tr('提交期限', 'Deadline')}</th>
              <th>{tr('材料清单', 'Checklist')}</th>
              <th className="col-docs">{tr('材料', 'Docs')}</th>
              <th className="col-changed">{tr('修改时间', 'Changed')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c, index) => (
              <tr
                key={c.id}
                className={chosen.has(c.id) ? 'clickable chosen' : 'clickable'}
                onClick={() => go({ screen: 'claim', claimId: c.id })}
              >
                {/* The whole cell toggles (a bigger target than the box); it never opens the claim. */}
                <td
                  className="pick"
                  onClick={(e) => {
                    e.stopPropagation();
                    if (e.target === e.currentTarget) e.currentTarget.querySelector('input')?.click();
                  }}
                >
                  <input
                    type="checkbox"
                    aria-label={tr(`选择 ${c.reference} ${c.claimantName}`, `Choose ${c.reference}`)}
                    checked={chosen.has(c.id)}
                    onClick={(e) => toggleRow(index, e)}
                    onChange={() => undefined}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="link mono"
                    onClick={() => go({ screen: 'claim', claimId: c.id })}
                  >
                    {c.reference}
                  </button>
                </td>
                <td className="person-name">
                  {c.claimantName}
                  {/* The ID tail under the name: a column of its own squeezed the hospital names at 1280 px. */}
                  {c.claimantIdTail && (
                    <span
                      className="muted id-tail"
                      title={tr('身份证号后 4 位', 'Last 4 characters of the ID number')}
                    >
                      {idTailText(c.claimantIdTail)}
                    </span>
                  )}
                </td>
                <td className="hospital">{c.fields.hospital}</td>
                <td>
                  {tr(
                    CARE_SETTING_LABELS[c.fields.careSetting].zh,
                    CARE_SETTING_LABELS[c.fields.careSetting].en,
                  )}
                </td>
                <td>
                  <span className={`status status-${c.status}`}>
                    {tr(CLAIM_STATUS_LABELS[c.status].zh, CLAIM_STATUS_LABELS[c.status].en)}
                  </span>
                  {c.statusSince && info && (
                    <span className="muted status-days">
                      {' '}
                      {tr(
                        `${daysSince(c.statusSince, info.today)} 天`,
                        `${daysSince(c.statusSince, info.today)} d`,
                      )}
                    </span>
                  )}
                </td>
                <td className="col-amount amount">
                  {c.fields.totalAmount === null ? (
                    <span className="muted">—</span>
                  ) : (
                    formatYuan(c.fields.totalAmount)
                  )}
                </td>
                <td>
                  {c.deadline ? (
                    <span className={deadlineClass(c.deadline)}>{deadlineText(c.deadline, tr)}</span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="checklist-cell">
                  {c.checklist === null ? (
                    <span className="muted">—</span>
                  ) : (
                    <span
                      className={
                        c.checklist.ready
                          ? 'progress progress-ready'
                          : c.checklist.missing.length > 0
                            ? 'progress progress-missing'
                            : 'progress progress-problem'
                      }
                      title={tr(c.checklist.words.zh, c.checklist.words.en)}
                    >
                      {tr(c.checklist.short.zh, c.checklist.short.en)}
                    </span>
                  )}
                </td>
                <td className="col-docs">{c.documentCount}</td>
                <td className="muted col-changed">{formatDateTime(c.updatedAt, lang)}</td>
              </tr>
            ))}
            {data && data.items.length === 0 && (
              <tr>
                <td colSpan={11} className="empty">
                  {query || status ? (
                    tr('没有符合条件的报销单。', 'No claims match.')
                  ) : (
                    <>
                      {tr('还没有报销单。', 'No claims yet. ')}
                      <button type="button" className="primary" onClick={() => go({ screen: 'households' })}>
                        {tr('先添加家庭和人员', 'Add people first')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label={tr('翻页', 'Pages')}>
        <button type="button" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
          {tr('上一页', 'Previous')}
        </button>
        <span>
          {tr(
            `第 ${page} / ${pages} 页，共 ${data?.total ?? 0} 单`,
            `Page ${page} of ${pages}, ${data?.total ?? 0} claims`,
          )}
        </span>
        <button type="button" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
          {tr('下一页', 'Next')}
        </button>
      </nav>
    </section>
  );
}
