// Exit statuses and bad input for `claimdesk bundle` (docs/contracts.md): complete → 0; incomplete → 1 with
// nothing written unless --allow-incomplete; usage or manifest errors → 2 naming the problem; a bad image
// or an unwritable folder → a clear error and no file (and no temp file) at the target.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT, makeTempDir, runCli } from '../helpers/tmp';

const SAMPLES = join(REPO_ROOT, 'resources', 'samples');
const TODAY = '2026-11-20';
const tmp = makeTempDir('claimdesk-bundle-errors-');
const sample = JSON.parse(readFileSync(join(SAMPLES, 'manifest.json'), 'utf8')) as {
  claim: Record<string, unknown>;
  documents: Array<{ kind: string; files: string[] }>;
};

/** A claim folder holding copies of the named sample files and a manifest over them. */
function makeClaim(name: string, edit: (m: typeof sample) => void): string {
  const dir = join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  const m = structuredClone(sample);
  edit(m);
  for (const d of m.documents)
    for (const f of d.files) if (existsSync(join(SAMPLES, f))) copyFileSync(join(SAMPLES, f), join(dir, f));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
  return join(dir, 'manifest.json');
}

/** Local care (no referral papers needed) with every sample photo that passes its checks. */
const complete = (m: typeof sample) => {
  m.claim.crossRegion = null;
  m.claim.treatmentRegion = '北京市';
  m.documents = m.documents.filter((d) => !['referral_certificate', 'medical_record'].includes(d.kind));
};

const tempFilesIn = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('.'));
// --no-read: these runs are about how bundle fails and what it leaves behind, not about what the papers say
// (reading them is evaluate-fields.test.ts's subject, and costs a second a photo on every run).
const bundle = (manifest: string, out: string, ...extra: string[]) =>
  runCli(['bundle', manifest, '--out', out, '--today', TODAY, '--no-read', ...extra], {
    dataDir: join(tmp.dir, 'data'),
  });

let completeManifest: string;
beforeAll(() => {
  completeManifest = makeClaim('complete', complete);
});
afterAll(() => tmp.cleanup());

describe('bundle exit statuses', () => {
  it('exits 0 and writes the PDF when the claim is complete and every check passed', () => {
    const out = join(tmp.dir, 'complete.pdf');
    const r = bundle(completeManifest, out, '--json');
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.complete).toBe(true);
    expect(report.output).toBe(out);
    expect(statSync(out).size).toBeGreaterThan(10_000);
    expect(spawnSync('qpdf', ['--check', out]).status).toBe(0);
  });

  it('exits 1 and writes nothing when documents are missing, unless --allow-incomplete', () => {
    const manifest = makeClaim('incomplete', (m) => {
      m.documents = m.documents.filter((d) => d.kind === 'invoice');
    });
    const out = join(tmp.dir, 'incomplete.pdf');
    const r = bundle(manifest, out, '--json');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).output).toBeNull();
    expect(existsSync(out)).toBe(false);

    const draft = bundle(manifest, out, '--allow-incomplete');
    expect(draft.status).toBe(1);
    expect(draft.stdout).toContain('缺少');
    const text = spawnSync('pdftotext', [out, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('尚不能提交');
    expect(text).toContain('缺少');
  });

  it('with no poppler or MuPDF on PATH, turns the e-invoice pages into upload images like pdftoppm does', async () => {
    const out = join(tmp.dir, 'no-debian-tools.pdf');
    const images = join(tmp.dir, 'no-debian-tools-images');
    // A PATH holding only node: whatever the export needs must be inside the app.
    const bin = join(tmp.dir, 'only-node-bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(process.execPath, join(bin, 'node'));
    const r = runCli(
      ['bundle', completeManifest, '--out', out, '--today', TODAY, '--no-read', '--images', images],
      {
        dataDir: join(tmp.dir, 'data'),
        env: { PATH: bin },
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('仍已合并'); // no "could not render" warning
    const files = readdirSync(images);
    expect(files).toContain('04-发票-1.jpg'); // the paper invoice photo
    // Nine photos and the e-invoice's two pages: 04-发票-1 the paper invoice, -2/-3 the PDF, -4 its printout.
    expect(files).toHaveLength(10);
    expect(files).toContain('04-发票-4.jpg');
    // The e-invoice's two pages, compared with poppler's rendering of the same pages (an independent reader).
    const eInvoice = join(SAMPLES, 'e-invoice.pdf');
    for (const [name, pageNo] of [
      ['04-发票-2.jpg', 1],
      ['04-发票-3.jpg', 2],
    ] as const) {
      const ours = await sharp(join(images, name)).greyscale().raw().toBuffer({ resolveWithObject: true });
      // 241 mm wide at 200 dpi is 1898 px, under the 2480 px upload limit: not scaled down.
      expect(ours.info.width).toBe(1898);
      const prefix = join(tmp.dir, `poppler-${pageNo}`);
      const ref = spawnSync('pdftoppm', [
        '-r',
        '200',
        '-f',
        `${pageNo}`,
        '-l',
        `${pageNo}`,
        '-png',
        '-singlefile',
        eInvoice,
        prefix,
      ]);
      expect(ref.status).toBe(0);
      const grey = (input: Buffer | string, raw?: { width: number; height: number; channels: 1 }) =>
        sharp(input, raw ? { raw } : undefined)
          .greyscale()
          .resize(ours.info.width, ours.info.height, { fit: 'fill' })
          .blur(2)
          .raw()
          .toBuffer();
      const a = await grey(ours.data, { width: ours.info.width, height: ours.info.height, channels: 1 });
      const b = await grey(`${prefix}.png`);
      let diff = 0;
      let ink = 0;
      for (let i = 0; i < a.length; i++) {
        diff += Math.abs(a[i]! - b[i]!);
        ink += 255 - b[i]!;
      }
      // Not blank, and differing from poppler by a small part of the page's ink (JPEG and edge shading).
      expect(ink / a.length).toBeGreaterThan(3);
      expect(diff).toBeLessThan(0.25 * ink);
    }
  });

  it('keeps within a smaller --max-mb budget without dropping pages', () => {
    const out = join(tmp.dir, 'small.pdf');
    const r = bundle(completeManifest, out, '--max-mb', '0.6', '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(statSync(out).size).toBeLessThanOrEqual(0.6 * 1024 * 1024);
    // cover, checklist, pledge, 10 document pages (the e-invoice's printout among them), sources appendix
    expect(JSON.parse(r.stdout).bundle.pages).toBe(14);
  });
});

describe('bad input', () => {
  it('a manifest naming a missing file → exit 2 naming the file, nothing written', () => {
    const manifest = makeClaim('missing-file', (m) => {
      m.documents[1]!.files = ['no-such-bill.jpg'];
    });
    const out = join(tmp.dir, 'missing-file.pdf');
    const r = bundle(manifest, out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no-such-bill.jpg');
    expect(existsSync(out)).toBe(false);
  });

  it('an unreadable (truncated) image → error naming it, no file and no temp file at the target', () => {
    const manifest = makeClaim('truncated', complete);
    const dir = join(tmp.dir, 'truncated');
    const bytes = readFileSync(join(dir, 'itemized-bill.jpg'));
    writeFileSync(join(dir, 'itemized-bill.jpg'), bytes.subarray(0, Math.floor(bytes.length / 3)));
    const out = join(dir, 'bundle.pdf');
    // Without --allow-incomplete the failed check alone stops the export.
    const r = bundle(manifest, out, '--json');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).output).toBeNull();
    // Forcing it, the exporter itself must refuse the broken photo rather than print half of it.
    const forced = bundle(manifest, out, '--allow-incomplete');
    expect([1, 2]).toContain(forced.status);
    expect(forced.stderr).toContain('itemized-bill.jpg');
    expect(forced.stderr).toMatch(/^错误：/);
    expect(existsSync(out)).toBe(false);
    expect(tempFilesIn(dir)).toEqual([]);
  });

  it('an output folder that does not exist, or is a file → exit 2 naming it', () => {
    const r = bundle(completeManifest, join(tmp.dir, 'nope', 'b.pdf'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(join(tmp.dir, 'nope'));
    writeFileSync(join(tmp.dir, 'a-file'), 'x');
    const r2 = bundle(completeManifest, join(tmp.dir, 'a-file', 'b.pdf'));
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain('不是文件夹');
  });

  it('a read-only output folder → exit 1 with a permission message, nothing left behind', () => {
    const ro = join(tmp.dir, 'read-only');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    chmodSync(tmp.dir, 0o755);
    const NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups'];
    const asRoot = process.getuid?.() === 0;
    // root ignores folder permissions: run the CLI as "nobody" when it can read the repo and the claim;
    // otherwise write into sysfs, which refuses new files even to root (EACCES).
    const nobodyCanRun =
      asRoot &&
      spawnSync('setpriv', [...NOBODY, 'test', '-r', CLI]).status === 0 &&
      spawnSync('setpriv', [...NOBODY, 'test', '-r', completeManifest]).status === 0;
    const folder = asRoot && !nobodyCanRun ? '/sys' : ro;
    const out = join(folder, 'claimdesk-bundle-test.pdf');
    const args = [CLI, 'bundle', completeManifest, '--out', out, '--today', TODAY, '--no-read'];
    const r = nobodyCanRun
      ? spawnSync('setpriv', [...NOBODY, process.execPath, ...args], {
          cwd: REPO_ROOT,
          encoding: 'utf8',
          env: { ...process.env, CLAIMDESK_HOME: join(tmp.dir, 'nobody-data'), HOME: tmp.dir },
        })
      : spawnSync(process.execPath, args, { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('没有权限');
    expect(r.stderr).toContain(folder);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(folder).filter((f) => f.includes('claimdesk-bundle-test'))).toEqual([]);
  });

  it('usage errors → exit 2: bad --max-mb, --out not a PDF, bad --today, no --out', () => {
    expect(bundle(completeManifest, join(tmp.dir, 'x.pdf'), '--max-mb', 'lots').status).toBe(2);
    expect(bundle(completeManifest, join(tmp.dir, 'x.pdf'), '--max-mb', '0').status).toBe(2);
    const notPdf = bundle(completeManifest, join(tmp.dir, 'x.docx'));
    expect(notPdf.status).toBe(2);
    expect(notPdf.stderr).toContain('.pdf');
    expect(
      runCli(['bundle', completeManifest, '--out', join(tmp.dir, 'x.pdf'), '--today', '2026-02-30']).status,
    ).toBe(2);
    expect(runCli(['bundle', completeManifest]).status).toBe(2);
    expect(existsSync(join(tmp.dir, 'x.pdf'))).toBe(false);
  });
});
