// Recognition: each detected box is cut out of the image along its own rotation (geometry.ts sampleCrop),
// scaled to the recogniser's 48 px line height, and recognised one crop per call at its own width, on two
// lanes at once (the calling thread and the lane's thread, lane.ts); the output is decoded by
// greedy CTC (ctc.ts).
import { bestPath, decode, type BestPath, type CropItems } from './ctc';
import { sampleCrop, type Quad } from './geometry';
import { ALT_MIN, DOUBTFUL } from './lexicon';
import type { Models } from './models';
import { REC_HEIGHT } from './lane-protocol';
import { recLanesWanted, stage } from './toggles';
import type { OcrImage, OcrSegment } from './types';

/** Widest crop in one piece: a line longer than 40 characters is rare on these papers. */
const REC_MAX_WIDTH = 48 * 40;

/** One recogniser call's crops with their pixels: a `[n, 3, 48, W]` tensor's data. */
interface RecJob extends CropItems {
  input: Float32Array;
}

const dist = (a: [number, number], b: [number, number]): number => Math.hypot(a[0] - b[0], a[1] - b[1]);

function cropJob(img: OcrImage, job: CropItems): RecJob {
  const plane = REC_HEIGHT * job.W;
  // Padding stays 0, the normalised mid-grey PaddleOCR pads with.
  const input = new Float32Array(job.items.length * 3 * plane);
  job.items.forEach((b, k) => {
    sampleCrop(
      img.data,
      img.width,
      img.height,
      img.channels,
      b.quad,
      b.width,
      REC_HEIGHT,
      input,
      k * 3 * plane,
      job.W,
      plane,
    );
  });
  return { ...job, input };
}

/** Runs one job's crops on the calling thread's session and decodes them into `results`. */
async function runHere(models: Models, job: RecJob, results: OcrSegment[]): Promise<void> {
  const ort = await import('onnxruntime-node');
  const feeds = {
    [models.rec.inputNames[0]!]: new ort.Tensor('float32', job.input, [
      job.items.length,
      3,
      REC_HEIGHT,
      job.W,
    ]),
  };
  const out = (
    await stage(
      'rec.run',
      () => models.rec.run(feeds),
      () => `${job.items.length}×${job.W}`,
    )
  )[models.rec.outputNames[0]!]!;
  const [, T, C] = out.dims as [number, number, number];
  await stage('rec.ctc', () =>
    decode(
      job,
      bestPath(out.data as Float32Array, job.items.length, T, C, DOUBTFUL, ALT_MIN),
      models.charset,
      results,
    ),
  );
}

/** Reads the text of each box (quads in `img`'s pixels), in the order given. */
export async function recognise(models: Models, img: OcrImage, quads: Quad[]): Promise<OcrSegment[]> {
  const items = quads.map((quad, index) => {
    const bw = dist(quad[0], quad[1]);
    const bh = Math.max(1, dist(quad[0], quad[3]));
    const width = Math.max(8, Math.min(REC_MAX_WIDTH, Math.ceil((REC_HEIGHT * bw) / bh)));
    return { quad, index, width };
  });
  // One crop per call at its own width (rounded up to the model's 8 px step): the recogniser's cost is
  // proportional to the tensor's width × batch, and batching bought nothing per column (measured on one
  // thread: 1×320 px ~50 µs per column, 4×448 px ~64 µs), so padding crops to a shared width was pure
  // cost. Longest first, each to the lane with less work so far, so both lanes finish together.
  const jobs = items.map((it) => ({ items: [it], W: Math.ceil(it.width / 8) * 8 })).sort((a, b) => b.W - a.W);
  const lane = recLanesWanted() > 1 && models.lane.usable ? models.lane : null;
  const lanes: CropItems[][] = [[], []];
  const load = [0, 0];
  for (const j of jobs) {
    // The calling thread also cuts and decodes every crop: count its calls a little heavier.
    const to = lane && load[1]! < load[0]! * 1.1 ? 1 : 0;
    lanes[to]!.push(j);
    load[to]! += j.W;
  }
  const results: OcrSegment[] = new Array<OcrSegment>(quads.length);
  let remote: Promise<BestPath[]> | null = null;
  const remoteJobs = lanes[1]!;
  if (lane && remoteJobs.length) {
    const cut = await stage('rec.crops', () => remoteJobs.map((j) => cropJob(img, j)));
    // The thread gets the crops' buffers (handed over, not copied); decoding needs only the items.
    remote = lane.recognise(cut.map((j) => ({ input: j.input, n: j.items.length, W: j.W })));
    remote.catch(() => undefined);
  }
  for (const j of lanes[0]!) await runHere(models, await stage('rec.crops', () => cropJob(img, j)), results);
  if (remote) {
    // When the thread failed (it is not used again), its crops run here.
    const outs = await stage('rec.wait', () => remote).catch(() => null);
    for (const [i, j] of remoteJobs.entries()) {
      const o = outs?.[i];
      if (o) decode(j, o, models.charset, results);
      else await runHere(models, cropJob(img, j), results);
    }
  }
  return results;
}
