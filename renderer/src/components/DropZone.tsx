// Where photos and PDFs come in: dropped on the zone, or chosen with the system dialog. Dropped files go
// to main through the preload (which alone can read their paths); the page only gets tokens back.
import { useState, type DragEvent, type ReactNode } from 'react';
import type { FileGrant } from '../../../shared/ipc';
import { call, unwrap } from '../api';
import { useApp } from '../app-context';

export function DropZone({
  label,
  onFiles,
  disabled,
  multiple = true,
  children,
  className,
}: {
  label: string;
  onFiles(files: FileGrant[]): Promise<void>;
  disabled?: boolean;
  /** false: the file dialog picks one file (a drop still passes on all it holds). */
  multiple?: boolean;
  children?: ReactNode;
  className?: string;
}) {
  const { tr, notifyError } = useApp();
  const [over, setOver] = useState(false);

  async function receive(files: File[]) {
    if (files.length === 0) return;
    try {
      // Every dropped file is passed on, even where one is wanted: the target says why it takes only one
      // rather than silently using the first.
      const grants = unwrap(await window.claimdesk.grantDroppedFiles(files));
      await onFiles(grants);
    } catch (err) {
      notifyError(err);
    }
  }

  async function pick() {
    try {
      const grants = await call('pickFiles', { multiple });
      if (grants.length > 0) await onFiles(grants);
    } catch (err) {
      notifyError(err);
    }
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    e.stopPropagation();
    setOver(false);
    if (disabled) return;
    void receive(Array.from(e.dataTransfer.files));
  }

  return (
    <div
      className={`dropzone ${over ? 'over' : ''} ${className ?? ''}`}
      aria-label={label}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      {children}
      <div className="dropzone-hint">
        <span>{tr('把照片或 PDF 拖到这里，或', 'Drop photos or PDFs here, or')}</span>{' '}
        <button type="button" onClick={() => void pick()} disabled={disabled}>
          {tr('选择文件…', 'Choose files…')}
        </button>
      </div>
    </div>
  );
}
