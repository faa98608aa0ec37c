// Switches of the OCR engine for tests, benches and the scoring scripts, and the per-stage meter. The app
// never touches them: their defaults are what it reads with.
import { availableParallelism } from 'node:os';

/** Receives each stage's wall-clock and process CPU time (all threads) when profiling (bench/ocr-stages.ts). */
export interface StageMeter {
  add(stage: string, wallMs: number, cpuMs: number, note?: string): void;
}
let meter: StageMeter | null = null;
/** Turns per-stage timing on (a meter) or off (null). Off costs nothing but a null check per stage. */
export function setStageMeter(m: StageMeter | null): void {
  meter = m;
}
/** Runs one stage, timed when a meter is set. */
export async function stage<T>(name: string, fn: () => T | Promise<T>, note?: (r: T) => string): Promise<T> {
  if (!meter) return fn();
  const w = performance.now();
  const c = process.cpuUsage();
  const r = await fn();
  const used = process.cpuUsage(c);
  meter.add(name, performance.now() - w, (used.user + used.system) / 1000, note?.(r));
  return r;
}

let sealDropout = true;
/** Whether a page with a seal is also searched for text with the seal dropped out (detect.ts). */
export function setSealDropout(on: boolean): void {
  sealDropout = on;
}
export const sealDropoutOn = (): boolean => sealDropout;

/** How the lines a seal crosses are read: once, or with a second look (seal.ts `secondLook`). */
export type SealLines = 'once' | 'alternatives';
let sealLines: SealLines = 'alternatives';
export function setSealLines(mode: SealLines): void {
  sealLines = mode;
}
export const sealLinesMode = (): SealLines => sealLines;

/** Lanes the work is split over (the calling thread, and the lane's thread when 2; lane.ts). */
let recLanes: 1 | 2 = 2;
export function setRecLanes(n: 1 | 2): void {
  recLanes = n;
}
/** One lane on a one-core machine whatever was set: a second would only take turns with the first. */
export const recLanesWanted = (): number => Math.min(recLanes, availableParallelism());
