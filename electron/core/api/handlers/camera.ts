// The capture view's two calls (issue 24): the live checks on a preview frame, and keeping a photo taken so it
// can take the normal path (granted like a dropped file, then importStack / readStack as any paper).
import type { IpcParsedRequest, IpcResponse } from '../../../../shared/ipc';
import { ClaimDeskError } from '../../errors';
import { MOTION_GRID_H, MOTION_GRID_W, SIGNATURE_H, SIGNATURE_W } from '../../quality/live';
import { pruneCaptures, saveCapture } from '../captures';
import type { HandlerContext } from './context';

const bytesOf = (b64: string) => {
  const buf = Buffer.from(b64, 'base64');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
};
const base64Of = (a: Uint8Array | Int8Array) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

/** Takes only what it uses of the context (the camera bench builds it without a full one). */
type CameraContext = Pick<HandlerContext, 'grants' | 'analyseLive'> & { state: { ws: { dataDir: string } } };

export function cameraHandlers({ state, grants, analyseLive }: CameraContext) {
  // Camera photos whose bytes are now stored with their paper are removed at start (api/captures.ts).
  void pruneCaptures(state.ws.dataDir).catch((err: unknown) =>
    console.error('[claimdesk] clean-up of camera photos failed', err),
  );
  return {
    async analyseLiveFrame(
      req: IpcParsedRequest<'analyseLiveFrame'>,
    ): Promise<IpcResponse<'analyseLiveFrame'>> {
      const t0 = performance.now();
      const rgb = bytesOf(req.rgb);
      if (rgb.length !== req.width * req.height * 3)
        throw new ClaimDeskError(
          'invalid_input',
          '画面数据不完整',
          `frame has ${rgb.length} bytes, ${req.width}×${req.height} needs ${req.width * req.height * 3}`,
          { field: 'rgb' },
        );
      // A grid or signature of another size (an older view) is ignored, not refused: the next frame has it.
      const grid = req.previousGrid ? bytesOf(req.previousGrid) : null;
      const taken = (req.takenSignatures ?? [])
        .map(bytesOf)
        .filter((t) => t.length === SIGNATURE_W * SIGNATURE_H)
        .map((t) => new Int8Array(t.buffer, t.byteOffset, t.length));
      const r = await analyseLive({
        width: req.width,
        height: req.height,
        rgb,
        captureWidth: req.captureWidth,
        captureHeight: req.captureHeight,
        previousGrid: grid?.length === MOTION_GRID_W * MOTION_GRID_H ? grid : null,
        takenSignatures: taken,
      });
      return {
        instruction: r.instruction,
        paper: r.paper,
        passing: r.passing,
        still: r.still,
        outline: r.outline,
        motion: r.motion,
        sameAsTaken: r.sameAsTaken,
        grid: base64Of(r.grid),
        signature: r.signature ? base64Of(r.signature) : null,
        elapsedMs: Math.round((performance.now() - t0) * 10) / 10,
      };
    },
    async saveCapture(req: IpcParsedRequest<'saveCapture'>): Promise<IpcResponse<'saveCapture'>> {
      const saved = await saveCapture(state.ws.dataDir, req.type, bytesOf(req.photo));
      return (await grants.grant([saved.path], [saved.name]))[0]!;
    },
  };
}
