// Public face of the export module: the CLI and the desktop app call exportClaimBundle.
export { exportClaimBundle, claimReference, orderDocuments } from './bundle';
export { PHOTO_DPI, MIN_PHOTO_DPI } from './prepare';
export { summarizeVerdict } from './sheets/verdict';
export * from './types';
