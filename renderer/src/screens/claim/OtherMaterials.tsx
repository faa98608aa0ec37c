// 其他材料: the papers no checklist item asks for (and the ones the reader could not place), and a zone to add
// one of any kind.
import { useState } from 'react';
import { DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, type DocumentKind } from '../../../../shared/domain';
import type { FileGrant } from '../../../../shared/ipc';
import type { ClaimDocument } from '../../../../shared/schemas';
import { useApp } from '../../app-context';
import { DropZone } from '../../components/DropZone';
import { EnumSelect } from '../../components/EnumSelect';
import { DropNotesView, type DropNotes } from '../../components/useFileDrop';
import { DocumentPages } from './DocumentPages';
import { usePlacePage } from './usePlacePage';

export function OtherMaterials({
  documents,
  placeKinds,
  busy,
  locked,
  dropNotes,
  onFiles,
  onChanged,
}: {
  documents: ClaimDocument[];
  /** The kinds a page may be moved to, the claim's own checklist items first. */
  placeKinds: readonly DocumentKind[];
  busy: boolean;
  locked: boolean;
  dropNotes: DropNotes | null;
  onFiles(kind: DocumentKind, files: FileGrant[]): Promise<void>;
  onChanged(): Promise<void>;
}) {
  const { tr } = useApp();
  const [kind, setKind] = useState<DocumentKind>('other');
  const placing = usePlacePage(onChanged);
  return (
    <div className="other-materials">
      <h3>{tr('其他材料', 'Other materials')}</h3>
      {documents.map((d) => (
        <div key={d.id} className="other-doc">
          {/* The heading already says 其他材料: name only the kinds that say more. */}
          {d.kind !== 'other' && (
            <div className="muted">
              {tr(DOCUMENT_KIND_LABELS[d.kind].zh, DOCUMENT_KIND_LABELS[d.kind].en)}
            </div>
          )}
          {/* Each paper here can go under a checklist item: a page the reader could not place waits
              for this choice however long after the drop the claim is opened again. */}
          {!locked && (
            <ul className="place-pages">
              {d.pages.map((p) => (
                <li key={p.id} data-page={p.id}>
                  {d.kind === 'other' && (
                    <span className="req-flag">{tr('没有认出是哪种材料', 'Not recognised')}</span>
                  )}
                  <label>
                    <span>{tr(`“${p.originalName}”放在哪一项`, `Where "${p.originalName}" goes`)}</span>{' '}
                    <EnumSelect
                      options={placeKinds}
                      labels={DOCUMENT_KIND_LABELS}
                      none={tr('请选择…', 'Choose…')}
                      value=""
                      disabled={placing.busy !== null}
                      onChange={(k) => {
                        if (k) void placing.place(p.id, k);
                      }}
                    />
                  </label>
                </li>
              ))}
            </ul>
          )}
          <DocumentPages doc={d} onChanged={onChanged} locked={locked} />
        </div>
      ))}
      {!locked && (
        <>
          <div className="row">
            <label>
              {tr('类型', 'Kind')}{' '}
              <EnumSelect
                options={DOCUMENT_KINDS}
                labels={DOCUMENT_KIND_LABELS}
                value={kind}
                onChange={(k) => k && setKind(k)}
              />
            </label>
          </div>
          <DropZone
            label={tr('添加其他材料', 'Add other material')}
            disabled={busy}
            onFiles={(files) => onFiles(kind, files)}
          />
        </>
      )}
      <DropNotesView notes={dropNotes} />
    </div>
  );
}
