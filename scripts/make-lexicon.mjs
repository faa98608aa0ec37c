// Makes resources/lexicon/words.txt.gz, the general Chinese lexicon the OCR's doubtful-character check looks
// words up in (electron/core/ocr/lexicon.ts), from jieba's dictionary (dict.txt, MIT, © 2013 Sun Junyi), as
// shipped in the npm package @node-rs/jieba 2.0.3 (MIT):
//   npm pack @node-rs/jieba@2.0.3 && tar xzf node-rs-jieba-2.0.3.tgz
//   node scripts/make-lexicon.mjs package/dict.txt
// Kept: every entry of two or more Han characters (U+4E00–U+9FFF), its word only (no frequency or part of
// speech); entries with Latin letters or digits are left out (the check never touches digits). One word a
// line, sorted in JavaScript string order (the lexicon is searched by bisection), gzip -9.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const src = process.argv[2];
if (!src) {
  console.error('usage: node scripts/make-lexicon.mjs path/to/jieba/dict.txt');
  process.exit(2);
}
const words = new Set();
for (const line of readFileSync(src, 'utf8').split(/\r?\n/)) {
  const w = line.split(' ')[0];
  if (w && /^[\u4e00-\u9fff]{2,}$/.test(w)) words.add(w);
}
const sorted = [...words].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const out = new URL('../resources/lexicon/words.txt.gz', import.meta.url);
writeFileSync(out, gzipSync(Buffer.from(sorted.join('\n') + '\n', 'utf8'), { level: 9 }));
console.log(`${sorted.length} words → ${out.pathname}`);
