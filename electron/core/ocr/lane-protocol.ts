// What crosses between the OCR lane (lane.ts, on the calling thread) and its thread (lane-worker.ts).
import type { BestPath } from './ctc';

/** Recogniser line height (fixed by the model). */
export const REC_HEIGHT = 48;

/** Given to the thread when it starts. */
export interface LaneData {
  /** onnxruntime-node's entry, in the unpacked copy when packaged. */
  ortPath: string;
  recModelPath: string;
  detModelPath: string;
  /** Session options of the thread's sessions (one intra-op thread each: the thread is one lane). */
  options: object;
  doubtful: number;
  altMin: number;
}

/** Crops to recognise, each `n` crops side by side in a `[n, 3, 48, W]` tensor (buffers handed over). */
export interface RecRequest {
  id: number;
  type: 'rec';
  jobs: { input: Float32Array; n: number; W: number }[];
}

/** A detector input `[1, 3, h, w]` (normalised planar BGR, handed over); the answer is its probability map. */
export interface DetRequest {
  id: number;
  type: 'det';
  input: Float32Array;
  w: number;
  h: number;
}

export type LaneRequest = RecRequest | DetRequest;

export interface LaneReply {
  id: number;
  outs?: BestPath[];
  prob?: Float32Array;
  error?: string;
}
