// `claimdesk read [--json] [--kind KIND] FILE...`: see ../shared/ARCHITECTURE.md for its contract.
// Reads the text of each paper offline (PP-OCR, or a PDF's own text) and gives its kind and fields.
// Exit 0 when every file was read, 1 when one could not be, 2 on a usage error.
import type { Command } from 'commander';
import { DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, type DocumentKind } from '../../../shared/domain';
import { FIELD_LABELS, type Fields, type TextLine } from '../../../shared/fields';
import { ClaimDeskError } from '../../core/errors';
import { CliExit, EXIT_FAILED, EXIT_OK, kindOption, printJson, println } from '../context';

interface ReadResult {
  file: string;
  kind: DocumentKind | null;
  fields: Fields;
  /** Fields whose label is printed but whose cell is blank: not read, and not guessed. */
  blank?: string[];
  lines: TextLine[];
  elapsedMs: number;
  /** The clockwise turn that made a sideways or upside-down photo read upright; absent when read as taken. */
  upright?: 90 | 180 | 270;
  /** Why the file could not be read (plain Chinese); absent when it was. */
  error?: string;
}

const SOURCE_ZH = { ocr: '', qr: '（二维码）', pdf_text: '（PDF 文字）', person: '（手填）' } as const;

export function register(program: Command): void {
  program
    .command('read')
    .description('识别材料上的文字：判断材料类型，读出姓名、日期、金额、票据号码等（离线）')
    .argument('<files...>', '照片（JPG/PNG/WebP/TIFF/HEIC）或 PDF')
    .option('--json', '输出 JSON（一个数组，每个文件一个对象）')
    .option('--kind <kind>', `材料类型（不填则自动判断）：${DOCUMENT_KINDS.join(', ')}`)
    .action(async (files: string[], opts: { json?: boolean; kind?: string }) => {
      const kind = kindOption(opts.kind);
      const results: ReadResult[] = [];
      for (const file of files) {
        const started = performance.now();
        try {
          const { readPaper } = await import('../../core/pages/reader');
          const r = await readPaper(file, kind ? { kind } : {});
          results.push({
            file,
            kind: r.kind,
            fields: r.fields,
            ...(r.blank.length ? { blank: r.blank } : {}),
            lines: r.lines,
            elapsedMs: r.elapsedMs,
            ...(r.upright ? { upright: r.upright } : {}),
          });
        } catch (err) {
          const message =
            err instanceof ClaimDeskError
              ? err.zh
              : (err as NodeJS.ErrnoException).code === 'ENOENT'
                ? `找不到文件：${file}`
                : `无法识别这个文件：${file}（${(err as Error).message}）`;
          results.push({
            file,
            kind: null,
            fields: {},
            lines: [],
            elapsedMs: Math.round(performance.now() - started),
            error: message,
          });
        }
      }
      if (opts.json) printJson(results);
      else printHuman(results);
      throw new CliExit(results.some((r) => r.error !== undefined) ? EXIT_FAILED : EXIT_OK);
    });
}

function show(value: string | number | boolean, name: string): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (name === 'careSetting')
    return value === 'inpatient' ? '住院' : value === 'outpatient' ? '门诊' : String(value);
  if (typeof value === 'number') return value.toFixed(2);
  return value;
}

function printHuman(results: readonly ReadResult[]): void {
  for (const r of results) {
    if (r.error !== undefined) {
      println(`无法识别  ${r.file}`);
      println(`  ${r.error}`);
      continue;
    }
    const kindZh = r.kind ? DOCUMENT_KIND_LABELS[r.kind].zh : '未知';
    println(`${r.file}  ${kindZh}  (${r.elapsedMs} ms)`);
    const entries = Object.entries(r.fields);
    if (!entries.length) println('  没有读出可用的信息');
    for (const [name, f] of entries) {
      const unsure = f.confidence < 0.85 ? '（不太确定，请核对）' : '';
      println(`  ${FIELD_LABELS[name] ?? name}：${show(f.value, name)}${SOURCE_ZH[f.source]}${unsure}`);
    }
    for (const name of r.blank ?? [])
      println(`  ${FIELD_LABELS[name] ?? name}：票面这一栏是空白的，没有读取`);
  }
  const failed = results.filter((r) => r.error !== undefined).length;
  println(
    `共 ${results.length} 个文件：${results.length - failed} 个已识别${failed ? `，${failed} 个无法识别` : ''}`,
  );
}
