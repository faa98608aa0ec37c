// One drop's life on any screen (a checklist item, 整叠放入, 新建报销): busy while main works on the files,
// main's progress for it, and what came of it (notes under the zone, or the expected error in the person's
// language; anything unexpected goes to the app's error notice).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProgressEvent } from '../../../shared/ipc';
import { ApiError, messageOf } from '../api';
import { useApp } from '../app-context';

/** What happened to the files just dropped on one target, shown under its zone. */
export interface DropNotes {
  target: string;
  kind: 'error' | 'ok';
  lines: string[];
}

export interface FileDrop {
  /** The target whose files are being worked on, or null. */
  busy: string | null;
  /** Main's progress for the running drop (null before its first event and when idle). */
  progress: ProgressEvent | null;
  notes: DropNotes | null;
  /**
   * Runs one drop's work on `target`: busy meanwhile; the work's notes (or none) are kept; an expected error
   * becomes an error note. Answers whether the work finished.
   */
  run(target: string, work: () => Promise<Omit<DropNotes, 'target'> | null>): Promise<boolean>;
}

export function useFileDrop(task: ProgressEvent['task'] = 'import'): FileDrop {
  const { lang, notifyError } = useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [notes, setNotes] = useState<DropNotes | null>(null);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  useEffect(() => window.claimdesk.onProgress((e) => e.task === task && setProgress(e)), [task]);

  const run = useCallback(
    async (target: string, work: () => Promise<Omit<DropNotes, 'target'> | null>) => {
      setBusy(target);
      setNotes(null);
      setProgress(null); // not the last drop's count
      try {
        const done = await work();
        setNotes(done && { target, ...done });
        return true;
      } catch (err) {
        if (err instanceof ApiError) setNotes({ target, kind: 'error', lines: [messageOf(err, lang)] });
        else notifyError(err);
        return false;
      } finally {
        setBusy(null);
      }
    },
    [lang, notifyError],
  );
  return { busy, progress: busy === null ? null : progress, notes, run };
}

/** The progress line of a running drop: a bar and "正在检查 发票.jpg（2/5）". */
export function DropProgress({
  progress,
  verb,
}: {
  progress: ProgressEvent | null;
  /** What is being done to each file, zh and en (正在检查 / Checking). */
  verb: readonly [string, string];
}) {
  const { tr } = useApp();
  if (!progress || progress.total === 0) return null;
  return (
    <div className="progress-line" role="status">
      <progress max={progress.total} value={progress.done} />
      <span>
        {tr(
          `${verb[0]} ${progress.label}（${progress.done}/${progress.total}）`,
          `${verb[1]} ${progress.label} (${progress.done}/${progress.total})`,
        )}
      </span>
    </div>
  );
}

/**
 * The notes of the last drop on this target, right under its zone. They take the focus when they appear: the
 * zone's button was disabled while the files were worked on, which drops focus to the page body, and the
 * notes are what the person wants to hear next.
 */
export function DropNotesView({ notes }: { notes: Pick<DropNotes, 'kind' | 'lines'> | null }) {
  const list = useRef<HTMLUListElement | null>(null);
  useEffect(() => {
    if (notes) list.current?.focus({ preventScroll: true });
  }, [notes]);
  if (!notes) return null;
  return (
    <ul
      ref={list}
      tabIndex={-1}
      className={`drop-notes ${notes.kind}`}
      role={notes.kind === 'error' ? 'alert' : 'status'}
    >
      {notes.lines.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}
