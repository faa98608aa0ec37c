// Worker-thread entry for the live checks on camera preview frames (quality/live.ts). The capture view sends
// a frame many times a second while the person arranges a paper; ~10 ms of pixel work each would take a
// tenth or more of the main process, which also answers the window and runs the imports. This thread takes
// them one after another, apart from the check worker, so a paper being read (OCR, seconds) never holds up
// the preview's instruction.
import { parentPort } from 'node:worker_threads';
import { analyseLiveFrame, type LiveFrame, type LiveResult } from '../quality/live';

export type LiveJob = { id: number; frame: LiveFrame };
export type LiveAnswer =
  { id: number; ok: true; result: LiveResult } | { id: number; ok: false; message: string };

if (parentPort) {
  const port = parentPort;
  port.on('message', (job: LiveJob) => {
    let answer: LiveAnswer;
    try {
      answer = { id: job.id, ok: true, result: analyseLiveFrame(job.frame) };
    } catch (err) {
      answer = { id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(answer);
  });
}
