// The OCR lane's thread (lane.ts starts it): its own sessions, one core, running what it is sent: crops to
// recognise (answering their best paths, ctc.ts) or a detector input (answering its probability map). Built
// as a file of its own (scripts/build.mjs: dist/ocr-lane-worker.mjs for the CLI, dist/app/ for the app; from
// source, lane.ts builds it on first use). It imports no package: onnxruntime-node is loaded from the path it
// is given, the unpacked copy in a packaged app, so it reads real files (native code cannot open files
// inside the asar).
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { bestPath } from './ctc';
import { REC_HEIGHT, type LaneData, type LaneReply, type LaneRequest } from './lane-protocol';

interface Ort {
  InferenceSession: typeof InferenceSession;
  Tensor: typeof Tensor;
}

const data = workerData as LaneData;
const ort = createRequire(import.meta.url)(data.ortPath) as Ort;
const options = data.options as InferenceSession.SessionOptions;
const rec = ort.InferenceSession.create(data.recModelPath, options);
// Kept from failing unhandled until the first job awaits it (and reports it).
rec.catch(() => undefined);
// The detector only when a page needs it (one with a seal: its second look).
let det: Promise<InferenceSession> | null = null;

async function answer(m: LaneRequest): Promise<{ reply: LaneReply; moved: ArrayBuffer[] }> {
  if (m.type === 'det') {
    det ??= ort.InferenceSession.create(data.detModelPath, options);
    const session = await det;
    const feeds = { [session.inputNames[0]!]: new ort.Tensor('float32', m.input, [1, 3, m.h, m.w]) };
    const prob = (await session.run(feeds))[session.outputNames[0]!]!.data as Float32Array;
    return { reply: { id: m.id, prob }, moved: [prob.buffer as ArrayBuffer] };
  }
  const session = await rec;
  const outs = [];
  for (const j of m.jobs) {
    const feeds = {
      [session.inputNames[0]!]: new ort.Tensor('float32', j.input, [j.n, 3, REC_HEIGHT, j.W]),
    };
    const out = (await session.run(feeds))[session.outputNames[0]!]!;
    const [, T, C] = out.dims as [number, number, number];
    outs.push(bestPath(out.data as Float32Array, j.n, T, C, data.doubtful, data.altMin));
  }
  return {
    reply: { id: m.id, outs },
    moved: outs.flatMap((o) => [o.cls, o.p, o.altStep, o.altCls, o.altP].map((a) => a.buffer as ArrayBuffer)),
  };
}

parentPort!.on('message', async (m: LaneRequest) => {
  try {
    const { reply, moved } = await answer(m);
    parentPort!.postMessage(reply, moved);
  } catch (e) {
    const reply: LaneReply = { id: m.id, error: String((e as Error)?.stack ?? e) };
    parentPort!.postMessage(reply);
  }
});
