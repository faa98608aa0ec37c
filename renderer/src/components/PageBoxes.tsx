// Boxes (spans, so they may sit inside the thumbnail's button) drawn over a page's picture, in one place: the photo check's fault regions, the read fields' boxes
// and the cross-document problems that point at a field. The thumbnail, the field panel and the large viewer
// all draw through here, so a box means the same thing wherever the page is shown. Regions are 0..1 of the
// EXIF-oriented image, as taken; a picture shown turned upright (turnOf) has its boxes turned alike.
import { fieldNamesOf } from '../../../shared/field-corrections';
import { CONFIDENT_READING, fieldLabel, type FieldValue } from '../../../shared/fields';
import { QualityReport, findingText, type Point, type Region } from '../../../shared/quality';
import type { DocumentPage } from '../../../shared/schemas';
import { turnPoint, turnRegion, type Turn } from '../../../shared/turn';
import type { PageMark } from './FieldPanel';

export interface PageBox {
  key: string;
  /** fault-region / field-box / problem-box plus its modifier (severity, reading status). */
  className: string;
  region: Region;
  title: string;
  data: Record<string, string>;
}

/** The photo check's findings that carry a region. */
export function faultBoxes(page: DocumentPage, lang = 'zh-CN'): PageBox[] {
  const parsed = QualityReport.safeParse(page.quality);
  if (!parsed.success) return [];
  return parsed.data.findings.flatMap((f, i) =>
    f.region
      ? [
          {
            key: `f${i}`,
            className: `fault-region ${f.severity}`,
            region: f.region,
            title: findingText(f, lang),
            data: { 'data-code': f.code },
          },
        ]
      : [],
  );
}

export type FieldStatus = 'checked' | 'check' | 'read';

/** How sure a field is: corrected by the person, read with low confidence, or read. */
export function fieldStatus(
  page: DocumentPage,
  name: string,
  typed: Readonly<Record<string, FieldValue>> | null,
): FieldStatus {
  if (typed?.[name] !== undefined) return 'checked';
  const confidence = page.facts?.fields?.[name]?.confidence ?? 1;
  return confidence < CONFIDENT_READING ? 'check' : 'read';
}

/** The boxes of the fields read off the page that belong to its document's kind. */
export function fieldBoxes(
  page: DocumentPage,
  kind: string,
  typed: Readonly<Record<string, FieldValue>> | null,
  focus: string | null = null,
): PageBox[] {
  const read = page.facts?.fields ?? {};
  return fieldNamesOf(kind).flatMap((n) => {
    const region = read[n]?.region;
    if (!region) return [];
    return [
      {
        key: `n-${n}`,
        className: `field-box ${fieldStatus(page, n, typed)}${focus === n ? ' focused' : ''}`,
        region,
        title: fieldLabel(kind, n),
        data: { 'data-field': n },
      },
    ];
  });
}

/** Cross-document problems drawn on the field they point at. */
export function markBoxes(marks: readonly PageMark[]): PageBox[] {
  return marks.flatMap((m, i): PageBox[] =>
    m.region
      ? [
          {
            key: `m${i}`,
            className: `problem-box ${m.severity}`,
            region: m.region,
            title: m.message,
            data: m.field ? { 'data-field': m.field } : {},
          },
        ]
      : [],
  );
}

/** The paper's outline as the page finder saw it, when it found one (four 0..1 corners). */
export function paperOutline(page: DocumentPage): Point[] | null {
  const parsed = QualityReport.safeParse(page.quality);
  const corners = parsed.success ? parsed.data.metrics.corners : undefined;
  if (!Array.isArray(corners) || corners.length !== 4) return null;
  const points = corners.filter(
    (c): c is Point =>
      typeof c === 'object' && c !== null && typeof c.x === 'number' && typeof c.y === 'number',
  );
  return points.length === 4 ? points : null;
}

const pct = (v: number) => `${v * 100}%`;

/**
 * How the page's picture is turned when shown: a photo taken sideways or upside down is shown upright (main
 * turns its picture by the turn its reading found); a PDF page as it prints.
 */
export function turnOf(page: DocumentPage): Turn {
  return page.mime === 'application/pdf' ? 0 : (page.facts?.upright ?? 0);
}

/**
 * The boxes, absolutely placed over a positioned parent that is exactly the picture's size. Regions are
 * stored on the photo as taken; `turn` puts them on the picture as shown (see turnOf).
 */
export function PageBoxes({
  boxes,
  outline,
  turn = 0,
}: {
  boxes: readonly PageBox[];
  outline?: Point[] | null;
  turn?: Turn;
}) {
  return (
    <>
      {outline && (
        <svg className="paper-outline" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true">
          <polygon
            points={outline
              .map((p) => turnPoint(p, turn))
              .map((p) => `${p.x},${p.y}`)
              .join(' ')}
            vectorEffect="non-scaling-stroke"
          />
        </svg>
      )}
      {boxes.map((b) => {
        const r = turnRegion(b.region, turn);
        return (
          <span
            key={b.key}
            className={b.className}
            title={b.title}
            {...b.data}
            style={{ left: pct(r.x), top: pct(r.y), width: pct(r.w), height: pct(r.h) }}
          />
        );
      })}
    </>
  );
}
