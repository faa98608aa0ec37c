// `npm run bench [section…]`: prints speed and memory figures beside a peer or the raw library cost.
// Sections: db (claims board at 100k claims), board (the board's list request with kept verdicts at 200
// claims vs evaluating each claim), quality (photo checks vs sharp decode and OpenCV), export
// (bundle vs img2pdf), pdf (page rendering vs pdftoppm), ocr (read vs the same PP-OCR models in
// @gutenye/ocr-node and tesseract), ocr-stages (where the time of one read goes, per stage), stack (11 papers
// sorted and read vs the same-model OCR alone), startup (CLI
// start-up vs `node -e 0`), import (window responsiveness while 20 photos are imported,
// tests/e2e/import-responsiveness.spec.ts), camera (the live checks per preview frame, the preview's frame
// rate while analysing, capture-to-sorted). Each lives in its own file and exports run().
const SECTIONS = [
  'db',
  'board',
  'quality',
  'export',
  'pdf',
  'ocr',
  'ocr-stages',
  'stack',
  'startup',
  'import',
  'camera',
  'db-desks',
] as const;
// `db` is the board on both engines (issue 23): SQLite (db.ts) then the engines side by side (db-engines.ts:
// the asynchronous contract's cost, originals in each store, the PostgreSQL board). `db-desks` (5 desks for
// 60 s, no lost update) runs only when named: it takes minutes.
const ALSO: Partial<Record<(typeof SECTIONS)[number], string[]>> = { db: ['db-engines'] };
const DEFAULT = SECTIONS.filter((s) => s !== 'db-desks');
const wanted = process.argv.slice(2).filter((a) => (SECTIONS as readonly string[]).includes(a));

for (const section of wanted.length ? wanted : DEFAULT) {
  for (const name of [section, ...(ALSO[section as (typeof SECTIONS)[number]] ?? [])]) {
    const mod = (await import(`./${name}.ts`)) as { run: () => Promise<void> };
    console.log(`\n=== bench: ${name} ===`);
    await mod.run();
  }
}
export {};
