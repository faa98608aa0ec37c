// heic-decode ships no types; this is the part of its API the quality module uses.
declare module 'heic-decode' {
  interface DecodedHeic {
    width: number;
    height: number;
    data: Uint8ClampedArray;
  }
  interface HeicImageHandle {
    width: number;
    height: number;
    decode(): Promise<DecodedHeic>;
  }
  function decode(input: { buffer: ArrayBufferLike | Uint8Array }): Promise<DecodedHeic>;
  namespace decode {
    function all(input: {
      buffer: ArrayBufferLike | Uint8Array;
    }): Promise<HeicImageHandle[] & { dispose(): void }>;
  }
  export default decode;
}
