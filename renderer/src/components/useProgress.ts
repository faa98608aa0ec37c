// Follows main's progress events for one kind of long task while it runs.
import { useEffect, useState } from 'react';
import type { ProgressEvent } from '../../../shared/ipc';

export function useProgress(task: ProgressEvent['task']): ProgressEvent | null {
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  useEffect(() => window.claimdesk.onProgress((e) => e.task === task && setProgress(e)), [task]);
  return progress;
}
