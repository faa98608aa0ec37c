// loadManifest: strict parsing that names the bad field, and file paths confined to the manifest's folder.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClaimDeskError } from '../../electron/core/errors';
import { loadManifest } from '../../electron/core/manifest/load';
import { sampleManifest } from '../helpers/sample-claim';

// Manifests in these tests are edited freely to make them wrong.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

function baseManifest(): Loose {
  return sampleManifest({
    claimant: { phone: undefined },
    claim: { careSetting: 'outpatient' },
    documents: [
      { kind: 'invoice', files: ['photos/invoice-1.jpg'] },
      { kind: 'diagnosis_certificate', files: ['dx.jpg'], confirmed: ['emergency_mark'] },
    ],
  });
}

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-manifest-'));
  mkdirSync(join(dir, 'photos'));
  writeFileSync(join(dir, 'photos', 'invoice-1.jpg'), 'x');
  writeFileSync(join(dir, 'dx.jpg'), 'x');
  return dir;
}

function write(dir: string, manifest: unknown): string {
  const file = join(dir, 'claim.json');
  writeFileSync(file, typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  return file;
}

function refused(fn: () => unknown): ClaimDeskError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ClaimDeskError);
    expect((err as ClaimDeskError).code).toBe('manifest_invalid');
    return err as ClaimDeskError;
  }
  throw new Error('expected the manifest to be refused');
}

describe('loadManifest', () => {
  it('resolves document files inside the manifest folder and keeps confirmations', () => {
    const dir = folder();
    const loaded = loadManifest(write(dir, baseManifest()));
    expect(loaded.baseDir).toBe(dir);
    expect(loaded.documents.map((d) => [d.index, d.kind, d.files.map((f) => f.relative)])).toEqual([
      [0, 'invoice', ['photos/invoice-1.jpg']],
      [1, 'diagnosis_certificate', ['dx.jpg']],
    ]);
    expect(loaded.documents[0]!.files[0]!.path).toBe(join(dir, 'photos', 'invoice-1.jpg'));
    expect(loaded.documents[1]!.confirmed).toEqual(['emergency_mark']);
    expect(loaded.manifest.applicant).toEqual({ relation: 'self' });
  });

  it('reads outpatient dates written as admissionDate/dischargeDate: the visit date is the last one', () => {
    const dir = folder();
    const m = baseManifest();
    delete m.claim.visitDate;
    m.claim.admissionDate = '2026-09-28';
    m.claim.dischargeDate = '2026-10-01';
    expect(loadManifest(write(dir, m)).manifest.claim).toMatchObject({
      visitDate: '2026-10-01',
      admissionDate: '2026-09-28',
      dischargeDate: '2026-10-01',
    });
    delete m.claim.dischargeDate;
    expect(loadManifest(write(dir, m)).manifest.claim.visitDate).toBe('2026-09-28');
    // Inpatient care keeps its own two dates; nothing is invented.
    m.claim.careSetting = 'inpatient';
    expect(loadManifest(write(dir, m)).manifest.claim.visitDate).toBeUndefined();
  });

  const bad: Array<{ name: string; mutate: (m: Loose) => void; field: string }> = [
    { name: 'unknown kind', mutate: (m) => (m.documents[1].kind = 'xray'), field: 'documents[1].kind' },
    { name: 'impossible date', mutate: (m) => (m.claim.visitDate = '2026-02-30'), field: 'claim.visitDate' },
    { name: 'missing hospital', mutate: (m) => delete m.claim.hospital, field: 'claim.hospital' },
    { name: 'bad care setting', mutate: (m) => (m.claim.careSetting = 'dental'), field: 'claim.careSetting' },
    {
      name: 'bad filing type',
      mutate: (m) => (m.claim.crossRegion = { filingType: 'abroad' }),
      field: 'claim.crossRegion.filingType',
    },
    {
      name: 'not a relative',
      mutate: (m) => (m.applicant = { relation: 'friend', name: '王五', idNumber: '11010519491231002X' }),
      field: 'applicant.relation',
    },
    {
      name: 'relative without name',
      mutate: (m) => (m.applicant = { relation: 'spouse', idNumber: '11010519491231002X' }),
      field: 'applicant.name',
    },
    { name: 'no files', mutate: (m) => (m.documents[0].files = []), field: 'documents[0].files' },
    {
      name: 'absolute path',
      mutate: (m) => (m.documents[1].files = ['/etc/passwd']),
      field: 'documents[1].files[0]',
    },
    {
      name: 'windows absolute path',
      mutate: (m) => (m.documents[1].files = ['C:\\Windows\\win.ini']),
      field: 'documents[1].files[0]',
    },
    {
      name: '.. escape',
      mutate: (m) => (m.documents[0].files = ['photos/invoice-1.jpg', '../outside.jpg']),
      field: 'documents[0].files[1]',
    },
    {
      name: 'sneaky .. escape',
      mutate: (m) => (m.documents[0].files = ['photos/../../outside.jpg']),
      field: 'documents[0].files[0]',
    },
    {
      name: 'missing file',
      mutate: (m) => (m.documents[1].files = ['dx.jpg', 'dx-2.jpg']),
      field: 'documents[1].files[1]',
    },
    {
      name: 'a folder, not a file',
      mutate: (m) => (m.documents[1].files = ['photos']),
      field: 'documents[1].files[0]',
    },
  ];
  it.each(bad)('$name → exit-2 error naming $field', ({ mutate, field }) => {
    const dir = folder();
    writeFileSync(join(dir, '..', 'outside.jpg'), 'secret');
    const m = baseManifest();
    mutate(m);
    const err = refused(() => loadManifest(write(dir, m)));
    expect(err.field).toBe(field);
    expect(err.zh).toContain(field);
  });

  it('a symlink that leads outside the folder is refused before reading it', () => {
    const dir = folder();
    const outside = mkdtempSync(join(tmpdir(), 'claimdesk-outside-'));
    writeFileSync(join(outside, 'secret.jpg'), 'secret');
    symlinkSync(join(outside, 'secret.jpg'), join(dir, 'link.jpg'));
    const m = baseManifest();
    m.documents[1].files = ['link.jpg'];
    expect(refused(() => loadManifest(write(dir, m))).zh).toContain('链接');
  });

  it('not JSON, or no file at all, is a manifest error too', () => {
    const dir = folder();
    expect(refused(() => loadManifest(write(dir, '{"claimant": '))).zh).toContain('JSON');
    expect(refused(() => loadManifest(join(dir, 'nope.json'))).zh).toContain('找不到清单文件');
  });
});
