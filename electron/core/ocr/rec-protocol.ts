// What crosses between the recognition lane (rec-lane.ts) and its thread (rec-worker.ts).
import type { BestPath } from './ctc';

/** Recogniser line height (fixed by the model). */
export const REC_HEIGHT = 48;

/** Given to the thread when it starts. */
export interface RecLaneData {
  /** onnxruntime-node's entry, in the unpacked copy when packaged. */
  ortPath: string;
  modelPath: string;
  options: object;
  doubtful: number;
  altMin: number;
}

/** Crops to recognise: `n` crops side by side in a `[n, 3, 48, W]` tensor (its buffer is handed over). */
export interface RecRequest {
  id: number;
  jobs: { input: Float32Array; n: number; W: number }[];
}

export interface RecReply {
  id: number;
  outs?: BestPath[];
  error?: string;
}
