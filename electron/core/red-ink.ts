// What counts as red stamp ink (a seal, a 收费专用章) in an 8-bit RGB pixel: one definition for the seal
// check, which looks for it, and the OCR, which reads black print through it.

/** Red stamp ink: clearly red (R well above G and B) and not orange/brown (G not far above B). */
export function isRedInk(R: number, G: number, B: number): boolean {
  const rg = R - G;
  return R >= 90 && rg >= 50 && R - B >= 40 && G - B <= 0.35 * rg;
}
