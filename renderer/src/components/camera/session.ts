// The photos of one camera session and their way down the normal path: each is kept by main (saveCapture:
// written to the data folder at once, so nothing taken is lost), then handed to the target — the claim's
// stack import, or the reading on 新建报销 — one after another in the order taken, while the camera stays
// live. The strip shows each one's state; a photo whose import failed keeps its bytes here to try again.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentKind } from '../../../../shared/domain';
import type { FileGrant } from '../../../../shared/ipc';
import type { Finding } from '../../../../shared/quality';
import { ApiError, call, messageOf } from '../../api';
import { useApp } from '../../app-context';
import { base64Of, thumbnailOf } from './frames';

/** Where a photo went: the kind it was sorted under (null: not recognised) and why to take it again. */
export interface Placed {
  kind: DocumentKind | null;
  retake: Finding[];
  /** What the target needs to take it back (a page id on a claim, the file token on 新建报销). */
  ref: number | string;
}

/** The normal path a photo takes once main keeps it: the claim's stack import, or the new claim's reading. */
export interface CaptureTarget {
  add(grant: FileGrant): Promise<Placed>;
  undo(placed: Placed): Promise<void>;
}

export interface Shot {
  id: number;
  thumb: string;
  status: 'checking' | 'done' | 'failed';
  placed: Placed | null;
  /** Why it could not be added (zh or en as the person reads), when it failed. */
  error: string | null;
  name: string | null;
  /** Taken by itself (auto) or with the shutter. */
  how: 'auto' | 'shutter';
  /** The paper's signature from the live checks, so it is not taken by itself again this session. */
  signature: string | null;
}

interface Pending {
  photo: Blob;
  grant: FileGrant | null;
}

let seq = 0;

export function useCaptureSession(target: CaptureTarget) {
  const { lang } = useApp();
  const [shots, setShots] = useState<Shot[]>([]);
  const [busy, setBusy] = useState(0);
  const photos = useRef(new Map<number, Pending>());
  // The papers taken this session (their live signatures), read by the live checks on every frame.
  const signatures = useRef(new Map<number, string>());
  const takenSignatures = useCallback(() => [...signatures.current.values()], []);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const targetRef = useRef(target);
  useEffect(() => {
    targetRef.current = target;
  });

  const update = (id: number, patch: Partial<Shot>) =>
    setShots((all) => all.map((s) => (s.id === id ? { ...s, ...patch } : s)));

  /** Main keeps the photo, then the target places it; queued behind the photos taken before it. */
  const send = useCallback(
    (id: number) => {
      setBusy((n) => n + 1);
      queue.current = queue.current.then(async () => {
        const pending = photos.current.get(id);
        if (!pending) return;
        update(id, { status: 'checking', error: null });
        try {
          if (!pending.grant) {
            const bytes = new Uint8Array(await pending.photo.arrayBuffer());
            pending.grant = await call('saveCapture', {
              type: pending.photo.type === 'image/png' ? 'image/png' : 'image/jpeg',
              photo: base64Of(bytes),
            });
            update(id, { name: pending.grant.name });
          }
          const placed = await targetRef.current.add(pending.grant);
          photos.current.delete(id);
          update(id, { status: 'done', placed });
        } catch (err) {
          // A grant that expired (an hour) is made again from the bytes on the next try.
          if (err instanceof ApiError && err.error.code === 'file_missing') pending.grant = null;
          update(id, { status: 'failed', error: messageOf(err, lang) });
        } finally {
          setBusy((n) => n - 1);
        }
      });
    },
    [lang],
  );

  const add = useCallback(
    async (photo: Blob, how: Shot['how'], signature: string | null) => {
      const id = ++seq;
      photos.current.set(id, { photo, grant: null });
      if (signature) signatures.current.set(id, signature);
      const thumb = await thumbnailOf(photo).catch(() => '');
      setShots((all) => [
        ...all,
        { id, thumb, status: 'checking', placed: null, error: null, name: null, how, signature },
      ]);
      send(id);
    },
    [send],
  );

  const retry = useCallback((id: number) => send(id), [send]);

  /** Takes the last photo back: off the claim (or the new claim's list) and off the strip. */
  const undoLast = useCallback(async () => {
    const last = shots[shots.length - 1];
    if (!last || last.status === 'checking') return;
    if (last.placed) await targetRef.current.undo(last.placed);
    photos.current.delete(last.id);
    // Taken back, the paper may be taken again (by itself too).
    signatures.current.delete(last.id);
    setShots((all) => all.filter((s) => s.id !== last.id));
  }, [shots]);

  return { shots, busy: busy > 0, add, retry, undoLast, takenSignatures };
}
