// The camera's two mount points: on a claim (beside 整叠放入: photos imported and sorted as they are taken)
// and on 新建报销 (photos read into the list the claim will be created with). Each keeps its session — the
// strip and the photos still being checked — while the view is closed, so closing it loses nothing.
import { useState } from 'react';
import type { StackReading } from '../../../../shared/ipc';
import { useApp } from '../../app-context';
import { CaptureView } from './CaptureView';
import { primeCue } from './cue';
import { useCaptureSession, type Shot } from './session';
import { useClaimTarget, useNewClaimTarget, type NewClaimStackView } from './targets';

function SessionNote({ shots, busy }: { shots: Shot[]; busy: boolean }) {
  const { tr } = useApp();
  if (shots.length === 0) return null;
  const retake = shots.filter((s) => s.status === 'done' && (s.placed?.retake.length ?? 0) > 0).length;
  const failed = shots.filter((s) => s.status === 'failed').length;
  return (
    <p className="camera-note" role="status">
      {tr(`这次拍了 ${shots.length} 张`, `${shots.length} photo(s) taken`)}
      {busy ? tr('，还在检查', ', still checking') : ''}
      {retake > 0 ? tr(`，${retake} 张要重拍`, `, ${retake} to retake`) : ''}
      {failed > 0
        ? tr(`，${failed} 张没加进去（打开摄像头可再试）`, `, ${failed} not added (open the camera to retry)`)
        : ''}
    </p>
  );
}

/** 拍照放入 on a claim: a panel with the button, and the view when open. */
export function ClaimCamera({
  claimId,
  disabled,
  onChanged,
}: {
  claimId: number;
  disabled: boolean;
  onChanged(): Promise<void>;
}) {
  const { tr } = useApp();
  const session = useCaptureSession(useClaimTarget(claimId, onChanged));
  const [open, setOpen] = useState(false);
  return (
    <section className="panel camera-panel" aria-labelledby="camera-title">
      <div className="row">
        <h2 id="camera-title">{tr('拍照放入', 'Take photos')}</h2>
        <button
          type="button"
          className="primary"
          disabled={disabled}
          onClick={() => {
            primeCue();
            setOpen(true);
          }}
        >
          {tr('打开摄像头', 'Open the camera')}
        </button>
      </div>
      <p className="muted">
        {tr(
          '用高拍仪或摄像头一张一张拍：纸放好不动，约一秒就自动拍下，认出是什么材料，放到对应的项目下面；拍得不好的当场提示重拍。',
          'Take the papers one by one with a document camera or webcam: a paper lying still is taken after about a second, recognised and placed under its item; a poor photo is marked for a retake at once.',
        )}
      </p>
      <SessionNote shots={session.shots} busy={session.busy} />
      {open && <CaptureView session={session} onClose={() => setOpen(false)} />}
    </section>
  );
}

/** 用摄像头拍 on 新建报销: a button beside the drop zone; photos join the list of papers read. */
export function NewClaimCamera({
  stack,
  disabled,
  onRead,
  onRemove,
}: {
  stack: NewClaimStackView;
  disabled: boolean;
  onRead(next: NewClaimStackView, fresh: StackReading[]): void;
  onRemove(token: string): void;
}) {
  const { tr } = useApp();
  const session = useCaptureSession(useNewClaimTarget(stack, onRead, onRemove));
  const [open, setOpen] = useState(false);
  return (
    <div className="camera-inline">
      <button
        type="button"
        disabled={disabled}
        onClick={() => {
          primeCue();
          setOpen(true);
        }}
      >
        {tr('用摄像头拍', 'Use the camera')}
      </button>
      <SessionNote shots={session.shots} busy={session.busy} />
      {open && <CaptureView session={session} onClose={() => setOpen(false)} />}
    </div>
  );
}
