// Loading a claim manifest (docs/contracts.md, used by `evaluate` and `bundle`): strict parsing that names the
// bad field, and file paths that must stay inside the manifest's folder, so no file outside it is ever read.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep, win32 } from 'node:path';
import { RELATIONS, RELATIVE_RELATIONS, type DocumentKind } from '../../../shared/domain';
import { Manifest } from '../../../shared/manifest';
import type { Fields } from '../../../shared/fields';
import { personFields } from '../../../shared/field-corrections';
import { ClaimDeskError } from '../errors';
import { firstIssue, ZH_ZOD_ERRORS } from '../rules/json-path';

export interface ManifestFile {
  /** As written in the manifest. */
  relative: string;
  /** Absolute, symlinks resolved, proven inside the manifest's folder. */
  path: string;
}

export interface ManifestDocumentFiles {
  index: number;
  kind: DocumentKind;
  files: ManifestFile[];
  confirmed: string[];
  /** What the person typed for each page (source "person"), in file order; {} where nothing was typed. */
  pageFields: Fields[];
}

export interface LoadedManifest {
  manifest: Manifest;
  /** The manifest file itself (absolute). */
  path: string;
  /** The folder every document path is relative to. */
  baseDir: string;
  documents: ManifestDocumentFiles[];
}

function manifestInvalid(field: string, zh: string, en: string, cause?: unknown): ClaimDeskError {
  return new ClaimDeskError(
    'manifest_invalid',
    field ? `清单字段 ${field}：${zh}` : zh,
    field ? `manifest field ${field}: ${en}` : en,
    {
      field: field || 'manifest',
      cause,
    },
  );
}

function readManifestJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw manifestInvalid('', `找不到清单文件：${path}`, `manifest not found: ${path}`, err);
    if (code === 'EISDIR')
      throw manifestInvalid('', `这是文件夹，不是清单文件：${path}`, `is a directory: ${path}`, err);
    throw manifestInvalid(
      '',
      `无法读取清单文件 ${path}（${code ?? String(err)}）`,
      `cannot read manifest ${path} (${code ?? String(err)})`,
      err,
    );
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (err) {
    const msg = (err as Error).message;
    throw manifestInvalid(
      '',
      `清单不是有效的 JSON：${path}（${msg}）`,
      `manifest is not valid JSON: ${path} (${msg})`,
      err,
    );
  }
}

/** zod's union message for a bad relation is vague; say what a 近亲属 is instead. */
function checkRelation(raw: unknown): void {
  const applicant = (raw as { applicant?: { relation?: unknown } } | null)?.applicant;
  if (applicant === undefined || applicant === null || typeof applicant !== 'object') return;
  const relation = applicant.relation;
  if (!(RELATIONS as readonly unknown[]).includes(relation)) {
    throw manifestInvalid(
      'applicant.relation',
      `“${String(relation)}”不是本人或近亲属。可以是 self（本人）或近亲属：${RELATIVE_RELATIONS.join('、')}（配偶、父母、子女、兄弟姐妹、祖父母/外祖父母、孙子女/外孙子女）`,
      `"${String(relation)}" is not self or a close relative (${RELATIVE_RELATIONS.join(', ')})`,
    );
  }
}

function isInside(dir: string, target: string): boolean {
  const rel = relative(dir, target);
  return rel === '' ? false : !rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..';
}

/**
 * Resolves one manifest file path, refusing absolute paths, `..` escapes and symlinks that lead outside the
 * manifest's folder before anything is read.
 */
function resolveDocumentFile(baseDir: string, realBase: string, raw: string, field: string): string {
  if (isAbsolute(raw) || win32.isAbsolute(raw) || /^[a-zA-Z]:/.test(raw)) {
    throw manifestInvalid(
      field,
      `文件路径必须相对于清单所在文件夹，不能是绝对路径：“${raw}”`,
      `file paths must be relative to the manifest's folder: "${raw}"`,
    );
  }
  const candidate = resolve(baseDir, raw.replaceAll('\\', '/'));
  if (!isInside(baseDir, candidate)) {
    throw manifestInvalid(
      field,
      `文件“${raw}”在清单文件夹之外，已拒绝读取`,
      `file "${raw}" is outside the manifest's folder; refused`,
    );
  }
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch (err) {
    throw manifestInvalid(
      field,
      `找不到文件“${raw}”（${candidate}）`,
      `file not found: "${raw}" (${candidate})`,
      err,
    );
  }
  if (!isInside(realBase, real)) {
    throw manifestInvalid(
      field,
      `文件“${raw}”通过链接指向清单文件夹之外，已拒绝读取`,
      `file "${raw}" links outside the manifest's folder; refused`,
    );
  }
  if (!statSync(real).isFile()) {
    throw manifestInvalid(field, `“${raw}”不是文件`, `"${raw}" is not a file`);
  }
  return real;
}

/** Reads and validates a manifest; every error is manifest_invalid naming the field (CLI exit status 2). */
export function loadManifest(manifestPath: string): LoadedManifest {
  const path = resolve(manifestPath);
  const raw = readManifestJson(path);
  // zod would say only "expected object" in English; say which file and what shape is expected.
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const got = raw === null ? 'null' : Array.isArray(raw) ? 'array' : typeof raw;
    throw manifestInvalid(
      '',
      `清单 ${path} 必须是一个 JSON 对象 {…}（收到 ${got}）`,
      `manifest ${path} must be a JSON object (got ${got})`,
    );
  }
  checkRelation(raw);
  const parsed = Manifest.safeParse(raw, ZH_ZOD_ERRORS);
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    throw manifestInvalid(field, message, message);
  }
  const manifest = parsed.data;
  const baseDir = dirname(path);
  const realBase = realpathSync(baseDir);
  const documents = manifest.documents.map((doc, index) => ({
    index,
    kind: doc.kind,
    // "holdsBothCards" is the person's mark that this id_card's photos show the applicant's card too.
    confirmed: [...(doc.confirmed ?? []), ...(doc.holdsBothCards === true ? ['holds_both_cards'] : [])],
    // "fields" is the first page's shorthand; the schema refused it overlapping pageFields[0].
    pageFields: doc.files.map((_, j) =>
      personFields({ ...(j === 0 ? doc.fields : undefined), ...(doc.pageFields?.[j] ?? undefined) }),
    ),
    files: doc.files.map((f, j) => ({
      relative: f,
      path: resolveDocumentFile(baseDir, realBase, f, `documents[${index}].files[${j}]`),
    })),
  }));
  return { manifest, path, baseDir, documents };
}
