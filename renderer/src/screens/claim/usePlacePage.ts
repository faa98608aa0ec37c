// Moves one page to the item of another kind of paper (pages:reassign: read again as that kind, then placed):
// the choice in 其他材料 and the offer on a missing item both come through here.
import { useState } from 'react';
import type { DocumentKind } from '../../../../shared/domain';
import { call } from '../../api';
import { useApp } from '../../app-context';

export function usePlacePage(onChanged: () => Promise<void>): {
  /** The page being moved, or null. */
  busy: number | null;
  place(pageId: number, kind: DocumentKind): Promise<void>;
} {
  const { notifyError } = useApp();
  const [busy, setBusy] = useState<number | null>(null);
  async function place(pageId: number, kind: DocumentKind) {
    setBusy(pageId);
    try {
      await call('reassignPage', { pageId, kind });
      await onChanged();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(null);
    }
  }
  return { busy, place };
}
