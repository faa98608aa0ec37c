// `claimdesk check [--json] [--kind KIND] FILE...`: see docs/contracts.md for its contract.
// Exit 0 when no file failed, 1 when any did (including unreadable files), 2 on a usage error.
import type { Command } from 'commander';
import { DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, type DocumentKind } from '../../../shared/domain';
import type { QualityReport } from '../../../shared/quality';
import { CliExit, EXIT_FAILED, EXIT_OK, kindOption, printJson, println } from '../context';

const VERDICT_ZH = { pass: '通过', warn: '注意', fail: '不合格' } as const;

export function register(program: Command): void {
  program
    .command('check')
    .description('检查照片或 PDF 是否能通过审核：清晰度、反光、曝光、四角、印章、重复')
    .argument('<files...>', '照片（JPG/PNG/WebP/TIFF/HEIC）或 PDF')
    .option('--json', '输出 JSON（每个文件一个对象）')
    .option('--kind <kind>', `材料类型：${DOCUMENT_KINDS.join(', ')}`)
    .option('--rules <pack>', '规则包（决定哪些材料需要盖章），默认全国通用')
    .action(async (files: string[], opts: { json?: boolean; kind?: string; rules?: string }) => {
      const kind = kindOption(opts.kind);
      // Heavy modules (sharp, pdf-lib, the QR and OCR readers, pdf.js) load when the command runs, not at start-up.
      const { analysePages } = await import('../../core/pages/analyse');
      const { sealKindsFromRules } = await import('../../core/rules/seal-kinds');
      const sealKinds = sealKindsFromRules(opts.rules, (err) => {
        process.stderr.write(
          `注意：规则包无法读取，按默认规则判断哪些材料需要盖章（${(err as Error).message}）\n`,
        );
      });
      // The same analysis a page gets on import; `check` prints its quality part (no QR reading).
      const pages = await analysePages(
        files.map((path) => ({ path, kind })),
        { sealKinds, readQr: false },
      );
      const reports = pages.map((p) => p.facts.quality!);
      if (opts.json) printJson(reports);
      else printHuman(reports, kind);
      throw new CliExit(reports.some((r) => r.verdict === 'fail') ? EXIT_FAILED : EXIT_OK);
    });
}

function printHuman(reports: readonly QualityReport[], kind: DocumentKind | undefined): void {
  if (kind) println(`材料类型：${DOCUMENT_KIND_LABELS[kind].zh}`);
  for (const r of reports) {
    const size = typeof r.metrics.width === 'number' ? ` ${r.metrics.width}×${String(r.metrics.height)}` : '';
    const pages = typeof r.metrics.pages === 'number' ? ` PDF ${r.metrics.pages} 页` : '';
    println(`${VERDICT_ZH[r.verdict]}  ${r.file}${size}${pages}  (${r.elapsedMs} ms)`);
    for (const f of r.findings) println(`  - [${f.severity === 'error' ? '错误' : '提醒'}] ${f.message}`);
    if (typeof r.metrics.note === 'string') println(`  · ${r.metrics.note}`);
  }
  const failed = reports.filter((r) => r.verdict === 'fail').length;
  const warned = reports.filter((r) => r.verdict === 'warn').length;
  println(
    `共 ${reports.length} 个文件：${reports.length - failed - warned} 通过，${warned} 需注意，${failed} 不合格`,
  );
}
