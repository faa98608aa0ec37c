// English mode reads as English: no tr(zh, en) call in the renderer gives English words with full-width
// punctuation (：（），。) or Chinese characters. Parsed with the TypeScript compiler, so a call split over
// lines or built from a template is read as the code is.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const RENDERER = join(import.meta.dirname, '../../renderer/src');
const FULL_WIDTH = /[：（），。；、！？“”【】]/;
const HAN = /\p{Script=Han}/u;
/** Chinese kept on purpose: a region is typed in Chinese; the language switch names both languages. */
const CHINESE_ON_PURPOSE = new Set(['e.g. 江苏省南京市', 'Language 语言']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** The English argument of every tr() call whose text is written out (literals and templates). */
function englishTexts(file: string): Array<{ line: number; text: string }> {
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Array<{ line: number; text: string }> = [];
  const visit = (n: ts.Node) => {
    if (
      ts.isCallExpression(n) &&
      ts.isIdentifier(n.expression) &&
      n.expression.text === 'tr' &&
      n.arguments.length === 2
    ) {
      const en = n.arguments[1]!;
      const literal =
        ts.isStringLiteral(en) || ts.isNoSubstitutionTemplateLiteral(en)
          ? en.text
          : ts.isTemplateExpression(en)
            ? [en.head.text, ...en.templateSpans.map((s) => s.literal.text)].join('…')
            : null;
      if (literal !== null)
        out.push({ line: src.getLineAndCharacterOfPosition(n.getStart()).line + 1, text: literal });
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out;
}

describe('English mode', () => {
  it('finds the English words of the screens (the parser sees the calls)', () => {
    const all = sources(RENDERER).flatMap(englishTexts);
    expect(all.length).toBeGreaterThan(200);
    expect(all.map((t) => t.text)).toContain('Checklist');
  });
  it('uses English punctuation and no Chinese in English strings', () => {
    const bad = sources(RENDERER).flatMap((f) =>
      englishTexts(f)
        .filter((t) => FULL_WIDTH.test(t.text) || (HAN.test(t.text) && !CHINESE_ON_PURPOSE.has(t.text)))
        .map((t) => `${f.slice(RENDERER.length + 1)}:${t.line}: ${t.text}`),
    );
    expect(bad).toEqual([]);
  });
});
