// PDF bookmarks (the outline). pdf-lib has no outline API, so the dictionaries of ISO 32000 §12.3.3 are
// built by hand: a root /Outlines with /First /Last /Count, items linked by /Prev /Next and /Parent, each
// with a UTF-16 /Title and a /Dest that fits its page in the window.
import {
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFDocument,
  type PDFPage,
  type PDFRef,
  type PDFDict,
} from 'pdf-lib';

export interface OutlineItem {
  title: string;
  page: PDFPage;
  children?: OutlineItem[];
}

function addItems(
  doc: PDFDocument,
  parentRef: PDFRef,
  parent: PDFDict,
  items: readonly OutlineItem[],
): number {
  const { context } = doc;
  const refs = items.map(() => context.nextRef());
  let visible = 0;
  items.forEach((item, i) => {
    const dict = context.obj({});
    dict.set(PDFName.of('Title'), PDFHexString.fromText(item.title));
    dict.set(PDFName.of('Parent'), parentRef);
    dict.set(PDFName.of('Dest'), context.obj([item.page.ref, PDFName.of('Fit')]));
    if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
    if (i < items.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
    visible += 1;
    if (item.children?.length) {
      const childCount = addItems(doc, refs[i]!, dict, item.children);
      // Positive count: the section starts expanded so a reviewer sees every document at once.
      dict.set(PDFName.of('Count'), PDFNumber.of(childCount));
      visible += childCount;
    }
    context.assign(refs[i]!, dict);
  });
  if (refs.length) {
    parent.set(PDFName.of('First'), refs[0]!);
    parent.set(PDFName.of('Last'), refs[refs.length - 1]!);
  }
  return visible;
}

export function addOutline(doc: PDFDocument, items: readonly OutlineItem[]): void {
  const { context } = doc;
  const rootRef = context.nextRef();
  const root = context.obj({ Type: 'Outlines' });
  const count = addItems(doc, rootRef, root, items);
  root.set(PDFName.of('Count'), PDFNumber.of(count));
  context.assign(rootRef, root);
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
