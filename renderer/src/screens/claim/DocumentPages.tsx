// The pages of one paper: a tile per page (thumbnail, verdict, replace/move/remove), the large viewer, and
// beside each page what was read on it (FieldPanel).
import type { ClaimDocument } from '../../../../shared/schemas';
import { FieldPanel } from '../../components/FieldPanel';
import { PageTile } from '../../components/PageTile';
import { usePageViewer } from '../../components/PageViewer';

export function DocumentPages({
  doc,
  onChanged,
  locked,
}: {
  doc: ClaimDocument;
  onChanged(): Promise<void>;
  locked: boolean;
}) {
  const viewer = usePageViewer(doc.pages, doc.kind);
  return (
    <div className="pages">
      {doc.pages.map((p, i) => (
        <PageTile
          key={p.id}
          page={p}
          index={i}
          count={doc.pages.length}
          onChanged={onChanged}
          readOnly={locked}
          onOpen={() => viewer.open(i)}
        />
      ))}
      {viewer.element}
      {doc.pages.map((p) => (
        <FieldPanel key={`fields-${p.id}`} page={p} kind={doc.kind} readOnly={locked} onChanged={onChanged} />
      ))}
    </div>
  );
}
