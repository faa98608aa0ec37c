// 拍照: the camera's picture as large as the window allows, the paper's outline drawn on it, and one plain
// instruction at a time from the same checks every photo faces (main's live worker). A paper lying still and
// passing for about a second is taken by itself, once; the shutter (or Space) always takes one. Each photo
// gets a flash and a tone, joins the strip below and goes down the normal path while the camera stays open;
// one that fails its checks is marked 重拍 right there. A modal <dialog>: Esc closes it.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { liveWords, type LiveVerdict } from '../../../../shared/capture';
import { DOCUMENT_KIND_LABELS } from '../../../../shared/domain';
import { findingText } from '../../../../shared/quality';
import { useApp } from '../../app-context';
import { playCue } from './cue';
import { base64Of, previewOfPhoto } from './frames';
import { call } from '../../api';
import type { useCaptureSession } from './session';
import { LOW_RES_MAX_SIDE, useCamera, type CameraFault } from './useCamera';
import { useLiveChecks } from './useLiveChecks';
import './camera.css';

type Session = ReturnType<typeof useCaptureSession>;

const FAULT_WORDS: Record<CameraFault, { zh: string; en: string }> = {
  unsupported: {
    zh: '这台电脑上不能用摄像头拍照。可以用手机或扫描仪拍好，再把照片拖进来。',
    en: 'The camera cannot be used on this computer. Take the photos with a phone or scanner and drop them in.',
  },
  no_camera: {
    zh: '没有找到摄像头。请把高拍仪或摄像头的 USB 线插好，再点“重新查找”。',
    en: 'No camera found. Plug in the document camera or webcam, then press “Look again”.',
  },
  denied: {
    zh: '不能用摄像头：系统没有允许本程序使用它。请在系统设置的“隐私 → 相机”里允许，再点“重新查找”。',
    en: 'The camera is not allowed for this program. Allow it in the system’s privacy settings (Camera), then press “Look again”.',
  },
  busy: {
    zh: '摄像头正被别的程序用着（比如视频通话）。请关掉那个程序，再点“重新查找”。',
    en: 'Another program is using the camera (a video call?). Close it, then press “Look again”.',
  },
  unplugged: {
    zh: '摄像头断开了。已经拍的照片都在，不会丢。请把线插好，会自动接上；也可以点“重新查找”。',
    en: 'The camera was disconnected. The photos already taken are kept. Plug it back in; it reconnects by itself, or press “Look again”.',
  },
  failed: {
    zh: '摄像头打不开。请重新插一下或换一个 USB 口，再点“重新查找”。',
    en: 'The camera would not start. Replug it or try another USB port, then press “Look again”.',
  },
};

/** The photo checked as a preview frame against the frame judged: the same paper, not moved, passing. */
async function samePaperStill(
  photo: Blob,
  judged: LiveVerdict,
  size: { width: number; height: number } | null,
): Promise<boolean> {
  const f = await previewOfPhoto(photo);
  if (!f || !size) return false;
  const v = await call('analyseLiveFrame', {
    width: f.width,
    height: f.height,
    rgb: base64Of(f.rgb),
    captureWidth: size.width,
    captureHeight: size.height,
    previousGrid: judged.grid,
    takenSignatures: judged.signature ? [judged.signature] : [],
  });
  return v.passing && v.still && v.sameAsTaken === true;
}

export function CaptureView({ session, onClose }: { session: Session; onClose(): void }) {
  const { tr, lang } = useApp();
  const dialog = useRef<HTMLDialogElement>(null);
  const main = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const { state: cam, choose, retry, takePhoto } = useCamera();
  const [auto, setAuto] = useState(true);
  const [flash, setFlash] = useState(0);
  const [said, setSaid] = useState('');
  const taking = useRef(false);
  const live = cam.status === 'live';

  const capture = useRef<(how: 'auto' | 'shutter', judged: LiveVerdict | null) => Promise<void>>(
    async () => undefined,
  );
  const checks = useLiveChecks(video, {
    active: live,
    photo: cam.photo,
    auto,
    takenSignatures: session.takenSignatures,
    onAuto: (judged) => void capture.current('auto', judged),
  });
  const { latest, markTaken, rearm } = checks;
  const { add } = session;
  useEffect(() => {
    capture.current = async (how, judged) => {
      const v = video.current;
      if (taking.current || !v) return;
      taking.current = true;
      try {
        const photo = await takePhoto(v);
        // Taken by itself, the photo must be the paper judged, still and passing: a paper moved between
        // the judgement and the photo is not taken (the shutter, pressed on purpose, always is).
        if (how === 'auto' && judged && !(await samePaperStill(photo, judged, cam.photo))) {
          rearm();
          setSaid(tr('纸动了，等放稳再拍', 'The paper moved; waiting for it to settle'));
          return;
        }
        markTaken();
        playCue();
        setFlash((n) => n + 1);
        setSaid(how === 'auto' ? tr('已自动拍下', 'Taken') : tr('已拍下', 'Taken'));
        await add(photo, how, (judged ?? latest())?.signature ?? null);
      } catch {
        // the camera went away between the frame and the photo: its fault shows; nothing was taken
        if (how === 'auto') rearm();
      } finally {
        taking.current = false;
      }
    };
  }, [takePhoto, latest, markTaken, rearm, add, cam.photo, tr]);
  const shutter = useCallback(() => void capture.current('shutter', null), []);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    // Focus on the picture, not the camera list: Space there is the shutter (on the list it would open it).
    main.current?.focus();
  }, []);

  // The camera's picture into the <video> (and out of it when the camera goes).
  useEffect(() => {
    const v = video.current;
    if (!v) return;
    v.srcObject = cam.stream;
    if (cam.stream) void v.play().catch(() => undefined);
  }, [cam.stream]);

  function onKeyDown(e: KeyboardEvent) {
    // Space is the shutter anywhere in the view, except where it types or opens a list.
    const t = e.target as HTMLElement;
    if (e.key === ' ' && !['SELECT', 'INPUT', 'TEXTAREA'].includes(t.tagName)) {
      e.preventDefault();
      if (live) shutter();
    }
  }

  const v = checks.verdict;
  const instruction = !live
    ? null
    : checks.stalled
      ? tr('实时提示暂时用不了，可以按“拍照”手动拍', 'Live hints are unavailable; press "Take photo"')
      : v
        ? tr(liveWords(v).zh, liveWords(v).en)
        : tr('正在看画面…', 'Looking…');
  const lowRes =
    cam.photo && Math.max(cam.photo.width, cam.photo.height) <= LOW_RES_MAX_SIDE ? cam.photo : null;
  const last = session.shots.at(-1);

  return (
    <dialog
      ref={dialog}
      className="capture-view"
      aria-labelledby="capture-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={onKeyDown}
    >
      <div className="capture-bar">
        <h2 id="capture-title">{tr('拍照', 'Camera')}</h2>
        <div className="capture-tools">
          {cam.devices.length > 0 && (
            <label>
              {tr('摄像头', 'Camera')}{' '}
              <select
                value={cam.deviceId ?? ''}
                onChange={(e) => choose(e.target.value)}
                aria-label={tr('选择摄像头', 'Choose the camera')}
              >
                {cam.devices.map((d) => (
                  <option key={d.deviceId} value={d.deviceId}>
                    {d.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          {cam.photo && (
            <span className="muted capture-size" data-photo={`${cam.photo.width}x${cam.photo.height}`}>
              {tr(
                `照片 ${cam.photo.width}×${cam.photo.height}`,
                `Photo ${cam.photo.width}×${cam.photo.height}`,
              )}
            </span>
          )}
          <label className="capture-auto">
            <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} />{' '}
            {tr('放好不动就自动拍', 'Take by itself when still')}
          </label>
          <button type="button" className="primary" onClick={onClose}>
            {tr('完成', 'Done')}
          </button>
        </div>
      </div>

      {lowRes && (
        <p className="capture-warning" role="alert" data-fault="low_resolution">
          {tr(
            `这个摄像头最高只有 ${lowRes.width}×${lowRes.height} 像素，整页纸上的小字会拍不清。最好换用高拍仪；也可以让纸离镜头近一些。`,
            `This camera gives at most ${lowRes.width}×${lowRes.height} pixels: small print on a whole page will not be legible. A document camera is best; or bring the paper closer.`,
          )}
        </p>
      )}

      <div className="capture-main" ref={main} tabIndex={-1}>
        {cam.status === 'fault' && cam.fault ? (
          <div className="capture-fault" role="alert" data-fault={cam.fault}>
            <p>{tr(FAULT_WORDS[cam.fault].zh, FAULT_WORDS[cam.fault].en)}</p>
            <button type="button" onClick={retry}>
              {tr('重新查找', 'Look again')}
            </button>
          </div>
        ) : null}
        <div
          className="capture-stage"
          hidden={cam.status === 'fault'}
          style={cam.video ? { aspectRatio: `${cam.video.width} / ${cam.video.height}` } : undefined}
        >
          <video ref={video} muted playsInline aria-label={tr('摄像头画面', 'Camera picture')} />
          {v?.outline && (
            <svg className="capture-outline" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true">
              <polygon
                points={v.outline.map((p) => `${p.x},${p.y}`).join(' ')}
                className={v.passing ? 'passing' : 'failing'}
              />
            </svg>
          )}
          {flash > 0 && <div key={flash} className="capture-flash" aria-hidden="true" />}
          {cam.status === 'starting' && (
            <p className="capture-starting">{tr('正在打开摄像头…', 'Opening the camera…')}</p>
          )}
        </div>
        {live && (
          <div className="capture-instruction-row">
            <p
              className={`capture-instruction${v?.instruction === 'ready' ? ' ready' : ''}`}
              role="status"
              data-instruction={checks.stalled ? 'stalled' : (v?.instruction ?? 'starting')}
              data-still={v ? String(v.still) : undefined}
              data-taken={v?.sameAsTaken ? 'true' : undefined}
            >
              {instruction}
            </p>
            {auto && (
              <div className="capture-progress" aria-hidden="true">
                <div style={{ width: `${Math.round(checks.progress * 100)}%` }} />
              </div>
            )}
          </div>
        )}
        <div className="capture-actions">
          <button type="button" className="primary capture-shutter" onClick={shutter} disabled={!live}>
            {tr('拍照（空格键）', 'Take photo (Space)')}
          </button>
          <button
            type="button"
            onClick={() => void session.undoLast()}
            disabled={!last || last.status === 'checking'}
          >
            {tr('撤销上一张', 'Undo the last one')}
          </button>
          <span className="sr-only" aria-live="polite">
            {said}
          </span>
        </div>
      </div>

      <ol
        className="capture-strip"
        aria-label={tr('这次拍的照片', 'Photos taken')}
        data-count={session.shots.length}
      >
        {session.shots.map((s, i) => {
          const retake = s.placed?.retake ?? [];
          const status = s.status === 'done' ? (retake.length > 0 ? 'retake' : 'placed') : s.status;
          return (
            <li key={s.id} data-status={status} data-kind={s.placed?.kind ?? ''} data-how={s.how}>
              {s.thumb ? <img src={s.thumb} alt={tr(`第 ${i + 1} 张`, `Photo ${i + 1}`)} /> : null}
              <div className="capture-shot-text">
                <span className="capture-shot-no">{tr(`第 ${i + 1} 张`, `No. ${i + 1}`)}</span>
                {status === 'checking' && <span>{tr('正在检查、识别…', 'Checking and reading…')}</span>}
                {status === 'placed' && (
                  <span>
                    {s.placed?.kind
                      ? tr(
                          `放在“${DOCUMENT_KIND_LABELS[s.placed.kind].zh}”`,
                          `Placed under "${DOCUMENT_KIND_LABELS[s.placed.kind].en}"`,
                        )
                      : tr('看不出是什么材料，请在清单里选择', 'Not recognised: choose its item in the list')}
                  </span>
                )}
                {status === 'retake' && (
                  <>
                    <strong className="capture-retake">{tr('重拍', 'Retake')}</strong>
                    <span>{retake.map((f) => findingText(f, lang)).join('；')}</span>
                  </>
                )}
                {status === 'failed' && (
                  <>
                    <span className="capture-failed">
                      {tr(`没有加进去：${s.error}。照片还在。`, `Not added: ${s.error}. The photo is kept.`)}
                    </span>
                    <button type="button" onClick={() => session.retry(s.id)}>
                      {tr('再试一次', 'Try again')}
                    </button>
                  </>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </dialog>
  );
}
