// A diagnosis certificate made on the spot for a test that needs a paper dated otherwise than the sample papers
// (a certificate from another visit): drawn as SVG in Noto CJK by sharp (librsvg), on a grey desk, as a JPEG.
import { join } from 'node:path';
import sharp from 'sharp';
import type { Photo } from './sample-photos';

const FONT = "'Noto Sans CJK SC', 'Noto Serif CJK SC', sans-serif";
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const text = (x: number, y: number, s: string, size: number, anchor = 'start') =>
  `<text x="${x}" y="${y}" font-family="${FONT}" font-size="${size}" text-anchor="${anchor}" fill="#1d1d1f">${esc(s)}</text>`;

export async function makeCertificate(
  dir: string,
  opts: { name: string; fileName: string; patient: string; hospital: string; visitDate: string },
): Promise<Photo> {
  const W = 1240;
  const H = 1754;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
<rect width="${W}" height="${H}" fill="#fbfbf8"/>
${text(W / 2, 170, opts.hospital, 44, 'middle')}
${text(W / 2, 270, '诊 断 证 明 书', 64, 'middle')}
${text(110, 420, `姓名：${opts.patient}`, 34)}${text(620, 420, '性别：女', 34)}
${text(110, 500, `就诊日期：${opts.visitDate}`, 34)}${text(620, 500, '科室：呼吸内科', 34)}
${text(110, 620, '临床诊断：慢性阻塞性肺疾病急性加重', 34)}
${text(110, 720, '处理意见：门诊治疗，建议休息一周。', 34)}
${text(110, 1180, '医师签名：李明', 34)}
${text(110, 1260, `日期：${opts.visitDate}`, 34)}
<circle cx="930" cy="1220" r="130" fill="none" stroke="#d42a2a" stroke-width="10"/>
${text(930, 1235, '诊断证明专用章', 30, 'middle').replace('#1d1d1f', '#d42a2a')}
</svg>`;
  const paper = await sharp(Buffer.from(svg)).png().toBuffer();
  const out = join(dir, opts.fileName);
  await sharp({ create: { width: W + 240, height: H + 240, channels: 3, background: '#6b6f73' } })
    .composite([{ input: paper, left: 120, top: 120 }])
    .jpeg({ quality: 90 })
    .toFile(out);
  return { path: out, name: opts.name, mime: 'image/jpeg' };
}

/** A typed note with no paper kind's title (情况说明): the reader cannot tell which item it is for. */
export async function makeNote(dir: string, name: string): Promise<Photo> {
  const W = 1240;
  const H = 1754;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
<rect width="${W}" height="${H}" fill="#fbfbf8"/>
${text(W / 2, 220, '情 况 说 明', 60, 'middle')}
${text(110, 400, '本人王秀英，于二〇二六年九月在外地探亲期间身体不适，', 34)}
${text(110, 470, '经当地医生建议转往上海治疗，特此说明。', 34)}
${text(110, 620, '联系电话：138 0013 8000', 34)}
${text(700, 1200, '说明人：王秀英', 34)}
${text(700, 1280, '二〇二六年九月十二日', 34)}
</svg>`;
  const paper = await sharp(Buffer.from(svg)).png().toBuffer();
  const out = join(dir, name);
  await sharp({ create: { width: W + 240, height: H + 240, channels: 3, background: '#6b6f73' } })
    .composite([{ input: paper, left: 120, top: 120 }])
    .jpeg({ quality: 90 })
    .toFile(out);
  return { path: out, name, mime: 'image/jpeg' };
}

/**
 * A photo with no paper on it (a grey wall taken by mistake): even grey with a little sensor noise, the size
 * of a phone's photo.
 */
export async function makeWallPhoto(dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  await sharp({
    create: {
      width: 3000,
      height: 2250,
      channels: 3,
      background: '#969696',
      noise: { type: 'gaussian', mean: 150, sigma: 3 },
    },
  })
    .jpeg({ quality: 90 })
    .toFile(path);
  return path;
}
