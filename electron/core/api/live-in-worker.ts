// Runs the live checks in their own long-lived worker thread (live-worker.ts), apart from the import's
// photo checks: the frame's pixels are moved, not copied, into the worker. The answers are those of
// analyseLiveFrame in this thread.
import type { LiveFrame, LiveResult } from '../quality/live';
import { UnavailableError } from './dispatch';
import type { WorkerSpec } from './export-in-worker';
import { JobWorker } from './job-worker';
import type { LiveAnswer, LiveJob } from './live-worker';

/** How the live checks run: in this thread (CLI, tests) or in the live worker (the app, the e2e server). */
export type LiveAnalyser = (frame: LiveFrame) => Promise<LiveResult>;

export class LiveFrameWorker {
  private readonly jobs: JobWorker<LiveJob, LiveAnswer>;

  constructor(spec: WorkerSpec) {
    this.jobs = new JobWorker(
      spec,
      (why) => new UnavailableError(`实时检查意外中断（${why}）`, `the live checks stopped (${why})`),
    );
  }

  readonly analyse: LiveAnalyser = async (frame) => {
    const whole = frame.rgb.byteOffset === 0 && frame.rgb.byteLength === frame.rgb.buffer.byteLength;
    const m = await this.jobs.run({ frame }, whole ? [frame.rgb.buffer as ArrayBuffer] : []);
    if (!m.ok) throw new Error(`live check failed: ${m.message}`);
    return m.result;
  };

  close(): Promise<void> {
    return this.jobs.close(new UnavailableError('实时检查已停止', 'the live checks were stopped'));
  }
}
