import { decodeImage } from '../../electron/core/quality/decode';
import { loadRaster } from '../../electron/core/quality/raster';
import { findPage, erodedMask } from '../../electron/core/quality/page';
import { measureEdgeWidths } from '../../electron/core/quality/sharpness';
import { measureLighting } from '../../electron/core/quality/lighting';
import { findSeal } from '../../electron/core/quality/seal';
import { sha256OfFile } from '../../electron/core/files/store';
const p = process.argv[2]!;
for (let k = 0; k < 3; k++) {
  let t = performance.now();
  const lap = (s: string) => {
    const n = performance.now();
    console.log(s, (n - t).toFixed(0));
    t = n;
  };
  const d = await decodeImage(p, { verify: false });
  lap('decodeImage');
  const r = await loadRaster(d);
  lap('raster ' + r.width);
  const g = findPage(r);
  lap('page');
  const er = erodedMask(g, 2);
  lap('erode');
  const e = measureEdgeWidths(
    r,
    (x, y) =>
      er[
        Math.min(g.maskHeight - 1, Math.floor(y / 8)) * g.maskWidth +
          Math.min(g.maskWidth - 1, Math.floor(x / 8))
      ] === 1,
  );
  lap('edges ' + JSON.stringify(e));
  measureLighting(r, g);
  lap('light');
  findSeal(r, 1500);
  lap('seal');
  await sha256OfFile(p);
  lap('sha');
}
