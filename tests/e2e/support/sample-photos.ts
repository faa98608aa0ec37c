// Photos for the browser tests, made from the sample documents in resources/samples with sharp: clean
// variants that pass the checks, a blurred invoice that must fail, and the sample's glare photo.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';

export const SAMPLES_DIR = resolve(import.meta.dirname, '../../../resources/samples');

export interface Photo {
  path: string;
  name: string;
  mime: string;
}

const jpeg = (path: string, name: string): Photo => ({ path, name, mime: 'image/jpeg' });

export type CleanKind =
  | 'invoice'
  | 'itemized_bill'
  | 'diagnosis_certificate'
  | 'discharge_summary'
  | 'referral_certificate'
  | 'id_card'
  | 'insurance_card'
  | 'bank_account'
  | 'applicant_id_card'
  | 'relationship_proof';

export async function makeSamplePhotos(): Promise<{
  dir: string;
  clean: Record<CleanKind, Photo>;
  blurredInvoice: Photo;
  glareRecord: Photo;
  cleanRecord: Photo;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'claimdesk-e2e-photos-'));
  const sample = (n: string) => join(SAMPLES_DIR, n);
  // Distinct bytes for each paper (a re-encode with a slight exposure change), so no two pages share a file.
  const variant = async (src: string, name: string, i: number): Promise<Photo> => {
    const out = join(dir, name);
    await sharp(sample(src))
      // rotate() applies the EXIF orientation first: the re-encoded file carries no orientation tag.
      .rotate()
      .modulate({ brightness: 0.96 + 0.01 * i })
      .jpeg({ quality: 84 + i })
      .toFile(out);
    return jpeg(out, name);
  };
  // A lamp's hotspot over the text: a clipped white ellipse with a soft edge, as a phone flash leaves it.
  const glare = join(dir, '病历-反光.jpg');
  const upright = await sharp(sample('referral.jpg')).rotate().toBuffer({ resolveWithObject: true });
  const { width, height } = upright.info;
  const hotspot = `<svg width="${width}" height="${height}"><defs><radialGradient id="g"><stop offset="0%" stop-color="#fff"/><stop offset="55%" stop-color="#fff"/><stop offset="100%" stop-color="#fff" stop-opacity="0"/></radialGradient></defs><ellipse cx="${width * 0.5}" cy="${height * 0.35}" rx="${width * 0.16}" ry="${height * 0.09}" fill="url(#g)"/></svg>`;
  await sharp(upright.data)
    .composite([{ input: Buffer.from(hotspot) }])
    .jpeg({ quality: 90 })
    .toFile(glare);
  const blurred = join(dir, '发票-模糊.jpg');
  await sharp(sample('invoice.jpg')).rotate().blur(5).jpeg({ quality: 90 }).toFile(blurred);
  return {
    dir,
    clean: {
      invoice: jpeg(sample('invoice.jpg'), '发票.jpg'),
      itemized_bill: jpeg(sample('itemized-bill.jpg'), '费用清单.jpg'),
      diagnosis_certificate: jpeg(sample('diagnosis.jpg'), '诊断证明.jpg'),
      discharge_summary: jpeg(sample('discharge-summary.jpg'), '出院小结.jpg'),
      referral_certificate: jpeg(sample('referral.jpg'), '转诊证明.jpg'),
      id_card: await variant('diagnosis.jpg', '身份证.jpg', 0),
      insurance_card: await variant('discharge-summary.jpg', '社保卡.jpg', 1),
      bank_account: await variant('referral.jpg', '银行卡.jpg', 2),
      applicant_id_card: await variant('itemized-bill.jpg', '代办人身份证.jpg', 3),
      relationship_proof: await variant('invoice.jpg', '户口本.jpg', 4),
    },
    blurredInvoice: jpeg(blurred, '发票-模糊.jpg'),
    glareRecord: jpeg(glare, '病历-反光.jpg'),
    cleanRecord: await variant('referral.jpg', '病历.jpg', 5),
  };
}
