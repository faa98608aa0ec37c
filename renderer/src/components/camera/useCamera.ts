// The camera itself: which one (by the name the system gives it, the choice remembered on this PC), opened
// at the highest resolution it offers, shown in the view's <video>, and a photo taken at full size
// (ImageCapture.takePhoto where the system supports it, else the video frame itself). Every way it can
// fail — no camera, permission refused, held by another program, unplugged mid-session — is a fault the view
// words plainly; the photos already taken are not the camera's to lose.
import { useCallback, useEffect, useRef, useState } from 'react';

export type CameraFault = 'unsupported' | 'no_camera' | 'denied' | 'busy' | 'unplugged' | 'failed';

export interface CameraChoice {
  deviceId: string;
  label: string;
}

export interface CameraState {
  status: 'starting' | 'live' | 'fault';
  fault: CameraFault | null;
  /** The cameras the system lists, by their names. */
  devices: CameraChoice[];
  /** The camera in use. */
  deviceId: string | null;
  /** Size of the video (the preview) and of a photo the shutter takes. */
  video: { width: number; height: number } | null;
  photo: { width: number; height: number } | null;
  /** The live picture, for the view's <video>. */
  stream: MediaStream | null;
}

/** The camera chosen on this PC (a camera belongs to the desk, not to the data folder, which desks may share). */
const REMEMBERED = 'claimdesk.camera';
/** A camera no better than this (VGA) cannot draw 10-pt text legibly on a whole page: said at once. */
export const LOW_RES_MAX_SIDE = 640;

export function rememberedCamera(): CameraChoice | null {
  try {
    const v = JSON.parse(localStorage.getItem(REMEMBERED) ?? 'null') as CameraChoice | null;
    return v && typeof v.deviceId === 'string' && typeof v.label === 'string' ? v : null;
  } catch {
    return null;
  }
}

function remember(choice: CameraChoice): void {
  try {
    localStorage.setItem(REMEMBERED, JSON.stringify(choice));
  } catch {
    // storage full or off: the camera is simply asked for again next time
  }
}

/** What a refused getUserMedia means for the person (DOMException names from the Media Capture spec). */
function faultOf(err: unknown): CameraFault {
  const name = err instanceof DOMException || err instanceof Error ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError')
    return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError')
    return 'no_camera';
  if (name === 'NotReadableError' || name === 'AbortError' || name === 'TrackStartError') return 'busy';
  return 'failed';
}

async function listCameras(): Promise<CameraChoice[]> {
  const all = await navigator.mediaDevices.enumerateDevices();
  return all
    .filter((d) => d.kind === 'videoinput')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `摄像头 ${i + 1}` }));
}

const START: CameraState = {
  status: 'starting',
  fault: null,
  devices: [],
  deviceId: null,
  video: null,
  photo: null,
  stream: null,
};

export function useCamera() {
  const [state, setState] = useState<CameraState>(START);
  // The camera asked for: picked in the list (exactly that one) or remembered (that one when it is there).
  const [chosen, setChosen] = useState<{ deviceId: string; exact: boolean } | null>(() => {
    const r = rememberedCamera();
    return r ? { deviceId: r.deviceId, exact: false } : null;
  });
  const [attempt, setAttempt] = useState(0);
  const live = useRef<{
    track: MediaStreamTrack;
    imageCapture: ImageCapture | null;
    photo: CameraState['photo'];
  }>(null);

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    const fail = (fault: CameraFault, devices: CameraChoice[] = []) => {
      if (!stopped) setState({ ...START, status: 'fault', fault, devices });
    };
    void (async () => {
      if (!navigator.mediaDevices?.getUserMedia) return fail('unsupported');
      // Ask for more than any document camera has: the browser picks the largest mode it offers.
      const open = (deviceId?: string) =>
        navigator.mediaDevices.getUserMedia({
          audio: false,
          video: {
            ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
            width: { ideal: 4096 },
            height: { ideal: 3072 },
          },
        });
      try {
        // The camera asked for, exactly (Chromium does not weigh an "ideal" device). One remembered but gone
        // (unplugged, or back under a new id) gives way to any camera, then its name is looked for below.
        try {
          stream = await open(chosen?.deviceId);
        } catch (err) {
          const gone =
            err instanceof DOMException && ['OverconstrainedError', 'NotFoundError'].includes(err.name);
          if (!chosen || chosen.exact || !gone) throw err;
          stream = await open();
        }
      } catch (err) {
        const devices = await listCameras().catch(() => []);
        return fail(devices.length === 0 ? 'no_camera' : faultOf(err), devices);
      }
      if (stopped) return stream.getTracks().forEach((t) => t.stop());
      const track = stream.getVideoTracks()[0];
      if (!track) return fail('no_camera');
      // The highest resolution the device offers, when the first pick was not it.
      const caps = track.getCapabilities?.();
      const now = track.getSettings();
      if (
        caps?.width?.max &&
        caps.height?.max &&
        ((now.width ?? 0) < caps.width.max || (now.height ?? 0) < caps.height.max)
      )
        await track
          .applyConstraints({ width: { ideal: caps.width.max }, height: { ideal: caps.height.max } })
          .catch(() => undefined);
      const settings = track.getSettings();
      const streamSize = { width: settings.width ?? 0, height: settings.height ?? 0 };
      let imageCapture: ImageCapture | null = null;
      let photo = streamSize;
      if (typeof ImageCapture === 'function') {
        try {
          imageCapture = new ImageCapture(track);
          const pc = await imageCapture.getPhotoCapabilities();
          const w = pc.imageWidth?.max ?? 0;
          const h = pc.imageHeight?.max ?? 0;
          if (w * h >= streamSize.width * streamSize.height) photo = { width: w, height: h };
        } catch {
          imageCapture = null; // the system cannot take stills: the video frame is the photo
        }
      }
      if (stopped) return stream.getTracks().forEach((t) => t.stop());
      // Unplugged (or taken away by the system): the track ends on its own.
      track.addEventListener('ended', () => {
        live.current = null;
        if (!stopped) setState((s) => ({ ...s, status: 'fault', fault: 'unplugged' }));
      });
      const devices = await listCameras().catch(() => []);
      const deviceId = settings.deviceId ?? null;
      const mine = devices.find((d) => d.deviceId === deviceId);
      // A camera plugged into another port may come back under a new id but its old name: follow the name.
      const wanted = rememberedCamera();
      if (wanted && deviceId !== wanted.deviceId && !devices.some((d) => d.deviceId === wanted.deviceId)) {
        const same = devices.find((d) => d.label === wanted.label);
        if (same && same.deviceId !== deviceId) {
          stream.getTracks().forEach((t) => t.stop());
          if (!stopped) setChosen({ deviceId: same.deviceId, exact: true });
          return;
        }
      }
      if (mine) remember(mine);
      if (stopped) return;
      live.current = { track, imageCapture, photo };
      setState({ status: 'live', fault: null, devices, deviceId, video: streamSize, photo, stream });
    })();
    return () => {
      stopped = true;
      live.current = null;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [chosen, attempt]);

  // A camera plugged in (back) while the view is open: try again by itself.
  useEffect(() => {
    const md = navigator.mediaDevices;
    if (!md) return;
    const onChange = () => {
      if (state.status === 'fault' && state.fault !== 'denied') setAttempt((a) => a + 1);
    };
    md.addEventListener('devicechange', onChange);
    return () => md.removeEventListener('devicechange', onChange);
  }, [state.status, state.fault]);

  const choose = useCallback((deviceId: string) => {
    setState((s) => ({ ...s, status: 'starting', fault: null }));
    setChosen({ deviceId, exact: true });
    setAttempt((a) => a + 1);
  }, []);
  const retry = useCallback(() => {
    setState((s) => ({ ...s, status: 'starting', fault: null }));
    setAttempt((a) => a + 1);
  }, []);

  /**
   * A photo at the camera's full size. Where the camera's stills are larger than its video (a separate
   * photo mode), ImageCapture.takePhoto takes one; otherwise the video frame on screen is the photo: the
   * same pixels, and it is the frame the live checks just judged, while a still may come seconds later on a
   * busy PC (Chromium serves it from a later frame: 0.6–6.5 s measured under load, the paper may have gone).
   */
  const takePhoto = useCallback(async (v: HTMLVideoElement): Promise<Blob> => {
    const cam = live.current;
    if (!cam) throw new Error('camera not live');
    const frame = v.videoWidth * v.videoHeight;
    if (cam.imageCapture && cam.photo && cam.photo.width * cam.photo.height > frame) {
      try {
        return await cam.imageCapture.takePhoto({
          imageWidth: cam.photo.width,
          imageHeight: cam.photo.height,
        });
      } catch {
        // some drivers refuse stills while streaming: the video frame below is the next best
      }
    }
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.95));
    if (!blob) throw new Error('no frame');
    return blob;
  }, []);

  return { state, choose, retry, takePhoto };
}
