// Row versions (issue #23): an edit that carries the version it was made on is refused when another desk (or
// window) changed the row since, naming who and when, so the person keeps what they typed and can reload and
// reapply. Both engines raise the same error.
import { ClaimDeskError } from '../errors';
import type { EditStamp, VersionedRow } from './contract';

const ROW_NAMES: Record<VersionedRow, string> = {
  household: '这户信息',
  person: '这个人的信息',
  claim: '这份报销单',
  page: '这一页',
  requested_item: '这一项补充要求',
};

/** Beijing time, to the minute, the way a desk's clock shows it. */
function when(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const local = new Date(d.getTime() + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${local.getUTCFullYear()}-${p(local.getUTCMonth() + 1)}-${p(local.getUTCDate())} ${p(local.getUTCHours())}:${p(local.getUTCMinutes())}`;
}

export class StaleWriteError extends ClaimDeskError {
  readonly row: VersionedRow;
  readonly id: number;
  readonly expectedVersion: number;
  /** The row as it is now: its version and who changed it last, when. */
  readonly current: EditStamp;

  constructor(row: VersionedRow, id: number, expectedVersion: number, current: EditStamp) {
    const who = [current.desk ? `${current.desk} 电脑` : '', current.person ?? '']
      .filter(Boolean)
      .join('上的 ');
    super(
      'stale_write',
      `${ROW_NAMES[row]}已在 ${when(current.at)} 被${who || '另一处'}修改，您的修改还没有保存。请重新载入后再改一次（您填写的内容仍保留在这里）`,
      `${row} ${id} was changed at ${current.at} by ${current.desk ?? 'another desk'}${current.person ? ` (${current.person})` : ''} (version ${current.version}, yours ${expectedVersion}); nothing was saved: reload and reapply`,
      { field: row },
    );
    this.name = 'StaleWriteError';
    this.row = row;
    this.id = id;
    this.expectedVersion = expectedVersion;
    this.current = current;
  }
}
