// The claim editor: the answers (editable), the live checklist from the rule engine with each item's reason
// and source, the pages dropped onto each item, the status timeline, and export. Each of these is its own
// piece in screens/claim/; this file loads the claim and lays them out.
import { isReadyToSubmit } from '../../../shared/evaluation';
import { isReadOnlyStatus } from '../../../shared/lifecycle';
import type { StackPlacement } from '../../../shared/stack';
import { useApp } from '../app-context';
import { ExportPanel } from '../components/ExportPanel';
import { PageMarksContext } from '../components/FieldPanel';
import { StackDrop } from '../components/StackDrop';
import { ClaimCamera } from '../components/camera';
import { useFileDrop } from '../components/useFileDrop';
import { AnswersPanel } from './claim/AnswersPanel';
import { ChecklistPanel } from './claim/ChecklistPanel';
import { ClaimHeader } from './claim/ClaimHeader';
import { pageMarksOf } from './claim/page-marks';
import { StatusPanel } from './claim/StatusPanel';
import { useClaim } from './claim/useClaim';

export function ClaimEditor({
  claimId,
  stack,
}: {
  claimId: number;
  /** Where the papers dropped on 新建报销 went, listed with their selects (unrecognised ones: 请选择). */
  stack?: StackPlacement[] | undefined;
}) {
  const { tr, info } = useApp();
  const { detail, report, rulesMissing, reload } = useClaim(claimId);
  // The drop on a checklist item: busy target, progress, and what it left out (or why it failed).
  const drop = useFileDrop();

  if (!detail) return <p className="empty">{tr('正在打开…', 'Opening…')}</p>;
  const { claim, documents } = detail;
  // One verdict, the engine's: the pill, the 材料齐全 button, the export and the bundle's cover all read it.
  const ready = report ? isReadyToSubmit(report) : false;
  const locked = isReadOnlyStatus(claim.status);
  return (
    <PageMarksContext.Provider value={pageMarksOf(report, documents, tr)}>
      <section aria-labelledby="claim-title" className="editor">
        <ClaimHeader claim={claim} report={report} />
        <div className="editor-grid">
          <div className="editor-main">
            {!locked && (
              <StackDrop
                claimId={claimId}
                disabled={drop.busy !== null}
                onChanged={reload}
                initialPlaced={stack}
              />
            )}
            {!locked && <ClaimCamera claimId={claimId} disabled={drop.busy !== null} onChanged={reload} />}
            <AnswersPanel detail={detail} locked={locked} onChanged={reload} />
            <ChecklistPanel
              detail={detail}
              report={report}
              rulesMissing={rulesMissing}
              drop={drop}
              onChanged={reload}
            />
          </div>
          <aside className="editor-side">
            <ExportPanel
              claimId={claimId}
              complete={ready}
              exportAvailable={info?.features.export ?? false}
            />
            <StatusPanel detail={detail} ready={ready} onChanged={reload} />
          </aside>
        </div>
      </section>
    </PageMarksContext.Provider>
  );
}
