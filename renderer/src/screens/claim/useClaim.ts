// The claim the editor shows: its stored detail and the engine's checklist for it, loaded together and again
// on every reload(); an answer that arrives after a newer load started is dropped.
import { useCallback, useEffect, useState } from 'react';
import type { ClaimDetail, ClaimEvaluationView } from '../../../../shared/ipc';
import { ApiError, call } from '../../api';
import { useApp } from '../../app-context';

export interface LoadedClaim {
  detail: ClaimDetail | null;
  report: ClaimEvaluationView | null;
  /** The rule engine is not installed: the editor offers adding papers by kind only. */
  rulesMissing: boolean;
  reload(): Promise<void>;
}

export function useClaim(claimId: number): LoadedClaim {
  const { notifyError } = useApp();
  const [detail, setDetail] = useState<ClaimDetail | null>(null);
  const [report, setReport] = useState<ClaimEvaluationView | null>(null);
  const [rulesMissing, setRulesMissing] = useState(false);
  // Bumping the version reloads the claim and its checklist.
  const [version, setVersion] = useState(0);
  const reload = useCallback(async () => setVersion((v) => v + 1), []);
  useEffect(() => {
    let live = true;
    call('getClaim', { id: claimId }).then(
      (d) => live && setDetail(d),
      (err: unknown) => live && notifyError(err),
    );
    call('evaluateClaim', { id: claimId }).then(
      (r) => {
        if (!live) return;
        setReport(r);
        setRulesMissing(false);
      },
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && err.error.code === 'unavailable') setRulesMissing(true);
        // (On a shared database the checklist is not made yet: the editor goes without, quietly.)
        else if (!(
          err instanceof ApiError &&
          (err.error.code === 'not_found' || err.error.code === 'not_on_shared_database')
        ))
          notifyError(err);
      },
    );
    return () => {
      live = false;
    };
  }, [claimId, version, notifyError]);
  return { detail, report, rulesMissing, reload };
}
