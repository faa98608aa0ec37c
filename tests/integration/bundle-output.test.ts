// `claimdesk bundle` on the committed sample claim, read back with independent tools: qpdf (structure),
// poppler (text, fonts, info, images), mutool (outline). The sample has one photo with glare, so the
// bundle is exported only because of --allow-incomplete, and the exit status is 1.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, makeTempDir, runCli, type CliResult } from '../helpers/tmp';

const tmp = makeTempDir('claimdesk-bundle-output-');
const out = join(tmp.dir, 'bundle.pdf');
const imagesDir = join(tmp.dir, 'images');
const manifest = join(REPO_ROOT, 'resources', 'samples', 'manifest.json');
let run: CliResult;
/** Pages are found, not assumed: the checklist grows with the problems the checks report. */
let pageCount = 0;
let pledgePage = 0;
let report: {
  output: string | null;
  requirements: Array<{ id: string; title?: string; status: string }>;
  bundle: { pages: number; bytes: number; images: string[] } | null;
};

const tool = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' });
const pageText = (page: number) =>
  tool('pdftotext', ['-f', String(page), '-l', String(page), '-layout', out, '-']).stdout;

beforeAll(() => {
  run = runCli(
    [
      'bundle',
      manifest,
      '--out',
      out,
      '--json',
      '--allow-incomplete',
      '--today',
      '2026-11-20',
      '--images',
      imagesDir,
    ],
    {
      dataDir: join(tmp.dir, 'data'),
    },
  );
  report = JSON.parse(run.stdout);
  pageCount = Number(tool('pdfinfo', [out]).stdout.match(/Pages:\s+(\d+)/)?.[1]);
  for (let p = 1; p <= pageCount && !pledgePage; p++)
    if (pageText(p).includes('诚信承诺书（请签名）')) pledgePage = p;
});
afterAll(() => tmp.cleanup());

describe('bundle of the sample claim', () => {
  it('exits 1 (a photo failed its check) but exports because of --allow-incomplete', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(report.output).toBe(out);
    expect(existsSync(out)).toBe(true);
    expect(readdirSync(tmp.dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('passes qpdf --check', () => {
    const r = tool('qpdf', ['--check', out]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('No syntax or stream encoding errors found');
  });

  it('has the expected page count, A4 pages, title and producer', () => {
    const info = tool('pdfinfo', [out]).stdout;
    // cover + checklist (1-2 pages) + pledge, then 10 photos (one the e-invoice's stamped printout) + the
    // 2-page e-invoice, then the sources appendix.
    expect(pledgePage).toBeGreaterThanOrEqual(3);
    expect(pledgePage).toBeLessThanOrEqual(4);
    expect(pageCount).toBe(pledgePage + 12 + 1);
    expect(report.bundle?.pages).toBe(pageCount);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(info).toMatch(/Title:\s+医保报销材料 · 王秀英 · 上海市第一人民医院/);
    expect(info).toMatch(/Producer:\s+ClaimDesk/);
  });

  it('embeds only subset fonts with Unicode maps', () => {
    const rows = tool('pdffonts', [out]).stdout.trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      const flags = row.match(/(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
      expect(flags?.slice(1), row).toEqual(['yes', 'yes', 'yes']);
    }
    // Our own font is the subset-tagged Noto Sans SC (the e-invoice brings its own copy too).
    expect(rows.some((r) => /^[A-Z]{6}\+NotoSansSC-Regular/.test(r))).toBe(true);
  });

  it('gives back the claimant, hospital, checklist and pledge text in Chinese', () => {
    const text = tool('pdftotext', ['-layout', out, '-']).stdout;
    expect(text).toContain('医保手工报销申请材料');
    expect(text).toContain('王秀英');
    expect(text).toContain('上海市第一人民医院');
    expect(text).toContain('异地转诊（备案日期 2026年8月30日）');
    // Our own sheets (cover, checklist, pledge, sources appendix) write dates in words; the papers keep theirs.
    for (const p of [...Array.from({ length: pledgePage }, (_, i) => i + 1), pageCount])
      expect(pageText(p), `page ${p}`).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
    expect(text).toContain('¥12,345.67 元');
    expect(text).toContain('*0122'); // bank card masked to its last four digits
    expect(text).not.toContain('6217001234567890122');
    expect(text).toContain('材料清单');
    for (const r of report.requirements) if (r.title) expect(text).toContain(r.title.slice(0, 4));
    expect(text).toContain('诚信承诺书');
    expect(text).toContain('承诺人（签名）');
    // The e-invoice PDF's own text survives the merge.
    expect(text).toContain('上海市医疗门诊收费票据（电子）');
    expect(text).toContain('费用明细（第 2 页）');
  });

  it('stamps every page with the reference, a material label and page x/y', () => {
    for (let p = 1; p <= pageCount; p++) {
      const t = pageText(p);
      expect(t, `page ${p}`).toMatch(/ClaimDesk 报销材料 · CD-\d{8}-[0-9A-F]{6}/);
      expect(t, `page ${p}`).toContain(`第 ${p} / ${pageCount} 页`);
    }
    expect(pageText(1)).toContain('封面');
    expect(pageText(2)).toContain('材料清单');
    expect(pageText(pageCount - 1)).toContain('材料 9/9 · 病历资料 · 第1页');
    // Policy sources are in the appendix, with the guides' titles, not on the reviewer's checklist page.
    expect(pageText(pageCount)).toContain('附录：政策依据');
    expect(pageText(pageCount)).toContain('《如何申请网上报销医保》');
    expect(pageText(2)).not.toContain('政策依据');
    expect(pageText(2)).not.toMatch(/\.txt/);
  });

  it('lists on the checklist the page where each document really is', () => {
    // -raw keeps content-stream order, so a table cell wrapped over two lines joins back up.
    const checklist = tool('pdftotext', [
      '-f',
      '2',
      '-l',
      String(pledgePage - 1),
      '-raw',
      out,
      '-',
    ]).stdout.replace(/\n/g, '');
    const invoice = checklist.match(/材料 (\d+) 发票，第\s*(\d+)–(\d+)\s*页/);
    expect(invoice, checklist).not.toBeNull();
    const [, ordinal, first, last] = invoice!.map(Number) as [number, number, number, number];
    expect(last - first).toBe(3); // paper invoice + 2 e-invoice pages + the photo of its stamped printout
    expect(pageText(first)).toContain(`材料 ${ordinal}/9 · 发票 · 第1页`);
    expect(pageText(first + 1)).toContain('上海市医疗门诊收费票据（电子）');
    expect(pageText(last)).toContain(`材料 ${ordinal}/9 · 发票 · 第4页`);
    // The pledge is a reminder (ticked online); the checklist points at its printable page.
    expect(checklist).toMatch(new RegExp(`承诺书页在本材料包第\\s*${pledgePage}\\s*页`));
    // The glare photo is flagged where the reviewer looks for it.
    expect(checklist).toMatch(/材料 9 病历资料，第\s*\d+\s*页（照片未通过检查，需重拍）/);
  });

  it('has bookmarks for each section and each document', () => {
    const outline = tool('mutool', ['show', out, 'outline']).stdout;
    const titles = [...outline.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    expect(titles.slice(0, 4)).toEqual(['封面', '材料清单', '诚信承诺书', '申报材料（9 份）']);
    expect(titles).toHaveLength(14);
    expect(titles[titles.length - 1]).toBe('附录：政策依据');
    expect(titles).toContain('材料 4 · 发票（4 页）');
    expect(outline).toMatch(new RegExp(`"材料 9 · 病历资料"\\s+#page=${pageCount - 1}\\b`));
    expect(outline).toMatch(new RegExp(`"诚信承诺书"\\s+#page=${pledgePage}\\b`));
  });

  it('stays within the 8 MB budget', () => {
    expect(statSync(out).size).toBeLessThanOrEqual(8 * 1024 * 1024);
    expect(report.bundle?.bytes).toBe(statSync(out).size);
  });

  it('places photos cropped to the paper: the image edges are paper, not the wooden desk', async () => {
    const dir = join(tmp.dir, 'extracted');
    tool('mkdir', ['-p', dir]);
    // The itemized bill comes right after the 4 invoice pages (checklist order); extract its photo as JPEG.
    const billPage = String(pledgePage + 8);
    expect(pageText(Number(billPage))).toContain('费用清单 · 第1页');
    expect(tool('pdfimages', ['-j', '-f', billPage, '-l', billPage, out, join(dir, 'p')]).status).toBe(0);
    const [jpg] = readdirSync(dir).filter((f) => f.endsWith('.jpg'));
    const { data, info } = await sharp(join(dir, jpg!)).raw().toBuffer({ resolveWithObject: true });
    // A band 4-6 % inside each edge: paper is light and neutral; the desk is brown (red ≫ blue).
    const band = (x: number, y: number) => {
      const i = (y * info.width + x) * info.channels;
      return { light: (data[i]! + data[i + 1]! + data[i + 2]!) / 3, warm: data[i]! - data[i + 2]! };
    };
    const samples = [];
    for (let t = 0.1; t <= 0.9; t += 0.05) {
      const inset = 0.05;
      samples.push(band(Math.round(t * info.width), Math.round(inset * info.height)));
      samples.push(band(Math.round(t * info.width), Math.round((1 - inset) * info.height)));
      samples.push(band(Math.round(inset * info.width), Math.round(t * info.height)));
      samples.push(band(Math.round((1 - inset) * info.width), Math.round(t * info.height)));
    }
    const desk = samples.filter((s) => s.warm > 40 || s.light < 120).length;
    expect(desk / samples.length).toBeLessThan(0.05);
    // And it is portrait like the bill itself, at about 150 dpi for the A4 content box.
    expect(info.height).toBeGreaterThan(info.width);
    expect(info.width).toBeGreaterThan(1000);
  });

  it('writes upload-ready JPEGs named in order and kind, each ≤ 1 MB and ≤ 2480 px', async () => {
    const files = readdirSync(imagesDir).sort();
    expect(files).toContain('04-发票-1.jpg');
    expect(files).toContain('04-发票-3.jpg'); // the e-invoice's second page, rasterized
    expect(files).toHaveLength(12);
    for (const f of files) {
      expect(f).toMatch(/^\d{2}-[^-]+(-[^-]+)?-\d+\.jpg$/);
      const file = join(imagesDir, f);
      expect(statSync(file).size).toBeLessThanOrEqual(1024 * 1024);
      const meta = await sharp(file).metadata();
      expect(meta.format).toBe('jpeg');
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(2480);
    }
  });
});
