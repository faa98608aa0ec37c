// `claimdesk bundle MANIFEST --out FILE.pdf [--json] [--allow-incomplete] [--today D] [--images DIR]
// [--max-mb N]`: see docs/contracts.md. Evaluates the claim (photo checks included) and exports
// the PDF bundle. Exit 0 exported complete; 1 incomplete or a check failed (nothing written unless
// --allow-incomplete); 2 usage, manifest or rule-pack error.
import type { Command } from 'commander';
import { basename, dirname, resolve } from 'node:path';
import pkg from '../../../package.json' with { type: 'json' };
import { InvalidInputError } from '../../core/errors';
import { assertWritableFolder } from '../../core/export/output';
import type { BundleInput, BundleResult } from '../../core/export/index';
import { localToday } from '../../core/rules/dates';
import { isReadyToSubmit } from '../../../shared/evaluation';
import type { ManifestEvaluation } from '../../core/manifest/evaluate';
import { CliExit, EXIT_FAILED, EXIT_OK, dataDirOf, printJson, println } from '../context';
import { parseToday } from './evaluate';

/** Portals cap uploads at a few MB to a few tens of MB; above 200 MB something is surely mistyped. */
const MAX_MB_LIMIT = 200;

export function parseMaxMb(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0.5 || n > MAX_MB_LIMIT) {
    throw new InvalidInputError(
      `--max-mb 必须是 0.5 到 ${MAX_MB_LIMIT} 之间的数字（单位 MB），收到“${value}”`,
      `--max-mb must be a number between 0.5 and ${MAX_MB_LIMIT} (MB), got "${value}"`,
      'maxMb',
    );
  }
  return Math.round(n * 1024 * 1024);
}

export interface BundleRun {
  evaluation: ManifestEvaluation;
  ready: boolean;
  result: BundleResult | null;
}

/** Evaluate, then export when ready (or when allowed anyway). Shared by `bundle` and `demo`. */
export async function evaluateAndBundle(
  manifestPath: string,
  opts: {
    out: string;
    today?: string;
    rules?: string;
    dataDir?: string;
    imagesDir?: string;
    maxBytes?: number;
    allowIncomplete: boolean;
    /** Read every paper's words (default true; `--no-read`). */
    read?: boolean;
  },
): Promise<BundleRun> {
  // A wrong output folder is found before minutes of photo checks, not after.
  await assertWritableFolder(dirname(resolve(opts.out)));
  // Heavy modules (sharp, pdf-lib, the QR and OCR readers, pdf.js) load when the command runs, not at start-up.
  const { evaluateManifest } = await import('../../core/manifest/evaluate');
  const evaluation = await evaluateManifest(manifestPath, {
    today: opts.today,
    rules: opts.rules,
    dataDir: opts.dataDir,
    checks: true,
    read: opts.read,
  });
  const ready = isReadyToSubmit(evaluation.report);
  if (!ready && !opts.allowIncomplete) return { evaluation, ready, result: null };
  const { claim, loaded, quality, report, upright, mime } = evaluation;
  const input: BundleInput = {
    claim,
    documents: loaded.documents.map((d) => ({
      kind: d.kind,
      files: d.files.map((f, j) => {
        const q = quality[d.index]?.[j];
        // A photo read turned (taken sideways or upside down) is printed upright.
        const turn = upright[d.index]?.[j] ?? 0;
        const type = mime[d.index]?.[j];
        return {
          path: f.path,
          ...(type ? { mime: type } : {}),
          ...(q ? { quality: q } : {}),
          ...(turn ? { upright: turn } : {}),
        };
      }),
    })),
    evaluation: report,
    order: report.documentOrder,
    // The same local date the evaluation measured deadlines from (a UTC date is yesterday before 8:00 in China).
    today: opts.today ?? localToday(),
  };
  const { exportClaimBundle } = await import('../../core/export/index');
  const result = await exportClaimBundle(input, {
    out: opts.out,
    imagesDir: opts.imagesDir,
    maxBytes: opts.maxBytes,
    producer: `ClaimDesk ${pkg.version} (pdf-lib)`,
  });
  return { evaluation, ready, result };
}

const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MB`;

export function printBundleSummary(run: BundleRun): void {
  const { report } = run.evaluation;
  const missing = report.requirements.filter((r) => r.status === 'missing');
  const attention = report.requirements.filter((r) => r.status === 'needs_attention');
  for (const r of missing) println(`  ✗ 缺少：${r.title ?? r.id}（${r.reason}）`);
  for (const r of attention) println(`  ! 需处理：${r.title ?? r.id}（${r.reason}）`);
  for (const p of report.problems) println(`  ${p.severity === 'error' ? '✗' : '!'} ${p.message}`);
  if (!run.result) {
    println('');
    println(
      '未导出材料包：材料还不完整或有照片未通过检查。补齐后再导出，或加 --allow-incomplete 先导出一份草稿。',
    );
    return;
  }
  const r = run.result;
  println('');
  println(`材料包：${r.output}`);
  println(
    `  ${r.pages} 页，${mb(r.bytes)}，${r.documents.length} 份材料，用时 ${(r.elapsedMs / 1000).toFixed(1)} 秒`,
  );
  const straightened = r.documents.reduce((s, d) => s + d.straightened, 0);
  if (straightened) println(`  ${straightened} 张照片已裁到纸张边缘并拉正`);
  if (r.images.length) println(`上传用图片：${r.images.length} 张，例如 ${basename(r.images[0]!)}`);
  for (const w of r.warnings) println(`  ! ${w}`);
}

export function register(program: Command): void {
  program
    .command('bundle')
    .description('检查报销材料并导出一份 PDF 材料包（封面、材料清单、诚信承诺书、全部材料、书签）')
    .argument('<manifest>', '报销清单 JSON 文件（格式见 README）')
    .requiredOption('--out <file.pdf>', '导出的 PDF 文件路径（所在文件夹必须已存在）')
    .option('--json', '输出 JSON：evaluate 报告加 "output"（PDF 路径，未导出时为 null）')
    .option('--allow-incomplete', '材料不全或照片未通过检查时也导出（封面会写明问题）')
    .option('--today <date>', '按这一天计算期限（YYYY-MM-DD），默认今天')
    .option('--images <dir>', '同时把每页材料导出为上传用 JPEG（每张 ≤ 1 MB，长边 ≤ 2480 像素）')
    .option('--max-mb <n>', '材料包大小上限（MB），默认 8')
    .option('--rules <pack>', '规则包名称或 .json 文件路径，默认按参保地自动选择')
    .option('--no-read', '不识别材料上的文字（更快；不核对材料上的姓名、日期、金额）')
    .action(
      async (
        manifest: string,
        opts: {
          out: string;
          json?: boolean;
          allowIncomplete?: boolean;
          today?: string;
          images?: string;
          maxMb?: string;
          rules?: string;
          read: boolean;
        },
        cmd: Command,
      ) => {
        const today = parseToday(opts.today);
        const maxBytes = parseMaxMb(opts.maxMb);
        if (!opts.out.toLowerCase().endsWith('.pdf')) {
          throw new InvalidInputError(
            `--out 必须是 .pdf 文件，收到“${opts.out}”`,
            `--out must name a .pdf file, got "${opts.out}"`,
            'out',
          );
        }
        const run = await evaluateAndBundle(manifest, {
          out: opts.out,
          today,
          rules: opts.rules,
          dataDir: dataDirOf(cmd),
          imagesDir: opts.images,
          maxBytes,
          allowIncomplete: opts.allowIncomplete ?? false,
          read: opts.read,
        });
        if (opts.json) {
          const r = run.result;
          printJson({
            ...run.evaluation.report,
            output: r?.output ?? null,
            bundle: r
              ? {
                  pages: r.pages,
                  bytes: r.bytes,
                  images: r.images,
                  warnings: r.warnings,
                  verdict: await summarizeVerdictOf(run),
                }
              : null,
          });
        } else {
          println(run.ready ? '结论：材料齐全，检查通过。' : '结论：暂不能提交。');
          printBundleSummary(run);
        }
        throw new CliExit(run.ready && run.result ? EXIT_OK : EXIT_FAILED);
      },
    );
}

async function summarizeVerdictOf(run: BundleRun): Promise<string> {
  const { summarizeVerdict } = await import('../../core/export/index');
  const { claim, loaded, quality, report } = run.evaluation;
  return summarizeVerdict({
    claim,
    documents: loaded.documents.map((d) => ({
      kind: d.kind,
      files: d.files.map((f, j) => ({ path: f.path, quality: quality[d.index]?.[j] ?? undefined })),
    })),
    evaluation: report,
    today: '',
  }).line;
}
