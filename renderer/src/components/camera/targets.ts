// The two places the camera puts papers, each by the path a drop there takes: on a claim, the stack import
// (importStack: read, sorted under its requirement, checked, stored) and its checks' errors read back; on
// 新建报销, the reading of all the papers so far (readStack: nothing stored until the claim is created).
import { useEffect, useMemo, useRef } from 'react';
import type { StackReading } from '../../../../shared/ipc';
import { ApiError, call } from '../../api';
import type { CaptureTarget } from './session';

/** A photo main would not take, with its reason, as the error the strip shows. */
function refused(r: { reason: string; reasonEn: string } | undefined): ApiError {
  return new ApiError({
    code: 'unsupported_file',
    message: r?.reason ?? '这张照片没有加进去',
    messageEn: r?.reasonEn ?? 'this photo was not added',
  });
}

/** Photos taken on a claim: each imported as a one-paper stack; the checklist is reloaded after each. */
export function useClaimTarget(claimId: number, onChanged: () => Promise<void>): CaptureTarget {
  const changed = useRef(onChanged);
  useEffect(() => {
    changed.current = onChanged;
  });
  return useMemo(
    () => ({
      async add(grant) {
        const r = await call('importStack', { claimId, files: [grant.token] });
        const placed = r.placed[0];
        if (!placed) throw refused(r.rejected[0]);
        const quality = await call('getPageQuality', { pageId: placed.pageId });
        await changed.current();
        return {
          kind: placed.kind,
          retake: quality?.findings.filter((f) => f.severity === 'error') ?? [],
          ref: placed.pageId,
        };
      },
      async undo(placed) {
        await call('removePage', { pageId: placed.ref as number });
        await changed.current();
      },
    }),
    [claimId],
  );
}

export interface NewClaimStackView {
  read: StackReading[];
  rejected: { name: string; reason: string; reasonEn: string }[];
}

/** Photos taken on 新建报销: read with the papers already listed, exactly as a drop there is. */
export function useNewClaimTarget(
  stack: NewClaimStackView,
  onRead: (next: NewClaimStackView, fresh: StackReading[]) => void,
  onRemove: (token: string) => void,
): CaptureTarget {
  const latest = useRef({ stack, onRead, onRemove });
  useEffect(() => {
    latest.current = { stack, onRead, onRemove };
  });
  return useMemo(
    () => ({
      async add(grant) {
        const before = latest.current.stack.read.map((r) => r.token);
        const result = await call('readStack', { files: [...before, grant.token] });
        latest.current.onRead(
          result,
          result.read.filter((r) => !before.includes(r.token)),
        );
        const mine = result.read.find((r) => r.token === grant.token);
        if (!mine) throw refused(result.rejected.at(-1));
        return { kind: mine.kind, retake: mine.retake ?? [], ref: grant.token };
      },
      async undo(placed) {
        latest.current.onRemove(placed.ref as string);
      },
    }),
    [],
  );
}
