// PDF.js ships no types for its worker module; it is only handed to PDF.js, which knows its shape.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
