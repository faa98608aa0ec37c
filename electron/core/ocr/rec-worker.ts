// The second recognition lane's thread (rec-lane.ts starts it): its own recogniser session on one core,
// running the crops it is sent and answering their best paths (ctc.ts). Built as a file of its own
// (scripts/build.mjs: dist/ocr-rec-worker.mjs for the CLI, dist/app/ocr-rec-worker.mjs for the app; from
// source, rec-lane.ts builds it on first use). It imports no package: onnxruntime-node is loaded from the
// path it is given, the unpacked copy in a packaged app, so it reads real files (native code cannot open
// files inside the asar).
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { bestPath } from './ctc';
import { REC_HEIGHT, type RecLaneData, type RecReply, type RecRequest } from './rec-protocol';

interface Ort {
  InferenceSession: typeof InferenceSession;
  Tensor: typeof Tensor;
}

const data = workerData as RecLaneData;
const ort = createRequire(import.meta.url)(data.ortPath) as Ort;
const ready = ort.InferenceSession.create(data.modelPath, data.options as InferenceSession.SessionOptions);
// Kept from failing unhandled until the first job awaits it (and reports it).
ready.catch(() => undefined);

parentPort!.on('message', async ({ id, jobs }: RecRequest) => {
  try {
    const session = await ready;
    const outs = [];
    for (const j of jobs) {
      const feeds = {
        [session.inputNames[0]!]: new ort.Tensor('float32', j.input, [j.n, 3, REC_HEIGHT, j.W]),
      };
      const out = (await session.run(feeds))[session.outputNames[0]!]!;
      const [, T, C] = out.dims as [number, number, number];
      outs.push(bestPath(out.data as Float32Array, j.n, T, C, data.doubtful, data.altMin));
    }
    const reply: RecReply = { id, outs };
    parentPort!.postMessage(
      reply,
      outs.flatMap((o) => [o.cls, o.p, o.altStep, o.altCls, o.altP].map((a) => a.buffer as ArrayBuffer)),
    );
  } catch (e) {
    const reply: RecReply = { id, error: String((e as Error)?.stack ?? e) };
    parentPort!.postMessage(reply);
  }
});
