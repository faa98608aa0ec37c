// Public face of the export module: the CLI and the desktop app call exportClaimBundle.
export { exportClaimBundle, claimReference, orderDocuments, PHOTO_DPI, MIN_PHOTO_DPI } from './bundle';
export { summarizeVerdict } from './pages';
export * from './types';
