// Errors that reach a user carry a Chinese message first and an English one second, plus a stable code
// and (where one exists) the field or file they are about. The CLI prints both; the UI shows `zh`.

import { CORE_ERROR_CODES } from '../../shared/error-codes';

/** Every code a core error may carry (a runtime list, so tests can check each one reaches the window). */
export const ERROR_CODES = CORE_ERROR_CODES;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class ClaimDeskError extends Error {
  readonly code: ErrorCode;
  readonly zh: string;
  readonly en: string;
  readonly field: string | undefined;

  constructor(code: ErrorCode, zh: string, en: string, options?: { field?: string; cause?: unknown }) {
    super(`${zh} (${en})`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ClaimDeskError';
    this.code = code;
    this.zh = zh;
    this.en = en;
    this.field = options?.field;
  }
}

/** A usage-type error: bad input the user can fix by editing a field. CLI exit status 2. */
export class InvalidInputError extends ClaimDeskError {
  constructor(zh: string, en: string, field?: string) {
    super('invalid_input', zh, en, field === undefined ? undefined : { field });
    this.name = 'InvalidInputError';
  }
}

export class DatabaseFromFutureError extends ClaimDeskError {
  constructor(found: number, supported: number) {
    super(
      'database_from_future',
      `数据库来自更新版本的 ClaimDesk（版本 ${found}，本程序最高支持 ${supported}），为避免损坏数据已拒绝打开，请升级 ClaimDesk`,
      `database was written by a newer ClaimDesk (schema ${found} > ${supported}); refusing to open it to avoid damage`,
    );
    this.name = 'DatabaseFromFutureError';
  }
}

export class DatabaseCorruptError extends ClaimDeskError {
  constructor(path: string, fullDetail: string) {
    // integrity_check can list hundreds of pages; the first few say enough, the rest buries the advice.
    const lines = fullDetail.split(/;\s*|\n/).filter((l) => l.trim() && !l.startsWith('***'));
    const detail =
      lines.length > 3 ? `${lines.slice(0, 3).join('; ')}; … ${lines.length - 3} more` : lines.join('; ');
    super(
      'database_corrupt',
      `数据库文件已损坏：${path}。请用“恢复备份”找回数据（${detail}）`,
      `database file is corrupt: ${path} (${detail}); restore a backup`,
    );
    this.name = 'DatabaseCorruptError';
  }
}

/** Maps Node's low-level file-system errors to messages that name the path and the fix. */
export function describeFsError(
  err: unknown,
  path: string,
  action: { zh: string; en: string },
): ClaimDeskError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return new ClaimDeskError('file_missing', `找不到文件：${path}`, `file not found: ${path}`, {
        field: path,
        cause: err,
      });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new ClaimDeskError(
        'data_dir_unwritable',
        `没有权限${action.zh}：${path}，请换一个文件夹或检查权限`,
        `permission denied to ${action.en}: ${path}`,
        { field: path, cause: err },
      );
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return new ClaimDeskError(
        'disk_full',
        `磁盘空间不足，无法${action.zh}：${path}`,
        `disk full, cannot ${action.en}: ${path}`,
        {
          field: path,
          cause: err,
        },
      );
    case 'ENOTDIR':
      return new ClaimDeskError(
        'data_dir_unwritable',
        `路径中有一部分是文件而不是文件夹，无法${action.zh}：${path}`,
        `a part of the path is a file, not a folder; cannot ${action.en}: ${path}`,
        { field: path, cause: err },
      );
    case 'EISDIR':
      return new ClaimDeskError(
        'file_unreadable',
        `这是文件夹，不是文件：${path}`,
        `is a directory, not a file: ${path}`,
        { field: path, cause: err },
      );
    default:
      return new ClaimDeskError(
        'file_unreadable',
        `无法${action.zh}：${path}（${code ?? String(err)}）`,
        `cannot ${action.en}: ${path} (${code ?? String(err)})`,
        { field: path, cause: err },
      );
  }
}

/**
 * Turns a zod error into one message that names the first bad field, in the user's words. Schema messages
 * are Chinese, optionally followed by " (English)"; the two halves go to the two languages.
 */
export function zodToInvalidInput(
  error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> },
  prefix = '',
): InvalidInputError {
  const issue = error.issues[0];
  const field = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.');
  const msg = issue?.message ?? '输入无效';
  const split = /^(.*) \(([^()]*)\)$/.exec(msg);
  const zh = split ? split[1]! : msg;
  const en = split ? split[2]! : msg;
  // People read the field in words (出院日期), never its path (dischargeDate); the path stays in `field` and
  // in the English line for programs. Nothing is added when the message already names the field.
  const words = FIELD_WORDS[String(issue?.path.at(-1) ?? prefix)];
  return new InvalidInputError(
    words && !zh.includes(words) ? `${words}：${zh}` : zh,
    field ? `invalid field ${field}: ${en}` : `invalid input: ${en}`,
    field || undefined,
  );
}

/** The fields people type (a person, a claim, a status move, a paper's kind), as the forms name them. */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  name: '姓名',
  idNumber: '身份证号',
  phone: '联系电话',
  insuranceType: '参保类型',
  insuredRegion: '参保地',
  relation: '关系',
  householdId: '所在的户',
  claimantId: '参保人',
  careSetting: '就医类型',
  hospital: '医院',
  treatmentRegion: '就医地',
  visitDate: '就诊日期',
  admissionDate: '入院日期',
  dischargeDate: '出院日期',
  filingType: '备案类型',
  filingDate: '备案日期',
  filedPlace: '备案的就医地',
  startDate: '备案开始日期',
  endDate: '备案结束日期',
  totalAmount: '医疗费用总额',
  notes: '备注',
  bank: '开户银行',
  number: '银行账号',
  holder: '户名',
  status: '状态',
  kind: '材料类型',
};

/**
 * Maps SQLite's storage failures (full disk, file-size limit, read-only folder, I/O error) to a ClaimDeskError
 * so the user reads what happened instead of an internal error; any other error is returned unchanged.
 */
export function describeSqliteError(err: unknown, path?: string): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (err instanceof ClaimDeskError || typeof code !== 'string' || !code.startsWith('SQLITE_')) return err;
  const where = path ? `：${path}` : '';
  const whereEn = path ? `: ${path}` : '';
  const options = { ...(path ? { field: path } : {}), cause: err };
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR')) {
    // SQLite reports ENOSPC as FULL, but EFBIG (a size limit) and device errors as IOERR: all mean "cannot write here".
    return new ClaimDeskError(
      'disk_full',
      `无法写入数据库（磁盘空间不足或存储出错），本次操作未保存，已有数据未受影响${where}`,
      `cannot write the database (disk full or storage error); this change was not saved, existing data is intact${whereEn}`,
      options,
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM') {
    return new ClaimDeskError(
      'data_dir_unwritable',
      `数据文件夹无法写入（只读或没有权限），请换一个文件夹或检查权限${where}`,
      `the data folder is read-only or not writable${whereEn}`,
      options,
    );
  }
  return err;
}
