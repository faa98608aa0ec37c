// Everything that keeps the window locked down, in one module: web preferences, the CSP, which URLs and
// frames are ours, and the handlers that refuse navigation, new windows, webviews and permission requests.
// Only *types* come from 'electron' here, so the unit tests exercise this exact code with small fakes.
import { extname, join, normalize, sep } from 'node:path';
import type { Session, WebContents, WebPreferences } from 'electron';

/** The renderer is served from this privileged custom scheme, never from file:// (which would expose the disk). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'claimdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The app is offline: nothing remote to allow. Scripts and styles only from the app's own files, images
 * only as data: URLs (thumbnails made in main), no inline script, no eval, no frames, no forms.
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', 'data:'],
  ['font-src', "'self'"],
  ['connect-src', "'none'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

export function contentSecurityPolicy(overrides: Readonly<Record<string, string>> = {}): string {
  return CSP_DIRECTIVES.map(([k, v]) => `${k} ${overrides[k] ?? v}`).join('; ');
}

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} as const satisfies WebPreferences;

/** True only for URLs of the app's own pages (exact scheme and host; no user-info or port tricks). */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return (
    u.protocol === `${APP_SCHEME}:` &&
    u.host === APP_HOST &&
    u.username === '' &&
    u.password === '' &&
    u.port === ''
  );
}

interface FrameLike {
  url: string;
  parent: unknown;
}

/**
 * Only accept messages from the main frame of a window this app created, showing the app's own page; this
 * rejects sub-frames, webviews and any page that somehow navigated elsewhere.
 */
export function isTrustedSender(
  frame: FrameLike | null | undefined,
  senderId: number,
  trustedIds: ReadonlySet<number>,
): boolean {
  if (!frame || frame.parent !== null) return false;
  return trustedIds.has(senderId) && isAppUrl(frame.url);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/**
 * Maps an app:// URL to a file inside the built renderer folder, or null. Decoded dot segments and
 * back-slashes cannot climb out of the folder, and only known static file types are served.
 */
export function rendererFileFor(
  rendererDir: string,
  url: unknown,
): { path: string; contentType: string } | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url as string).pathname);
  } catch {
    return null;
  }
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const root = normalize(rendererDir + sep);
  const path = normalize(join(rendererDir, pathname));
  if (!path.startsWith(root)) return null;
  const contentType = CONTENT_TYPES[extname(path).toLowerCase()];
  return contentType ? { path, contentType } : null;
}

/** Headers for every file served to the window. */
export function responseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}

type EventLike = { preventDefault(): void };
type WebContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Refuses every navigation, redirect, webview and new window a page could start. */
export function hardenWebContents(contents: WebContentsLike): void {
  // The UI is one page; links to the outside world are never followed (the app is offline).
  contents.on('will-navigate', (event: EventLike) => event.preventDefault());
  contents.on('will-frame-navigate', (event: EventLike) => event.preventDefault());
  contents.on('will-redirect', (event: EventLike) => event.preventDefault());
  contents.on('will-attach-webview', (event: EventLike) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

type SessionLike = {
  setPermissionRequestHandler: Session['setPermissionRequestHandler'];
  setPermissionCheckHandler: Session['setPermissionCheckHandler'];
  setDevicePermissionHandler?: Session['setDevicePermissionHandler'];
  webRequest: Pick<Session['webRequest'], 'onBeforeRequest'>;
};

/** Schemes the window may load from: its own files and inline thumbnails; never the network or the disk. */
export function isAllowedRequestUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  if (isAppUrl(url)) return true;
  return url.startsWith('data:image/') || url.startsWith('devtools://');
}

/** What Electron tells the permission handlers about a request or check (only what the camera rule reads). */
export interface PermissionDetails {
  isMainFrame?: boolean;
  requestingUrl?: string;
  securityOrigin?: string;
  /** Request: the media a getUserMedia call wants. */
  mediaTypes?: readonly string[];
  /** Check: the one kind of media asked about (device labels, a permission query). */
  mediaType?: string;
}

/**
 * The one permission the window gets: the camera, for the capture view (issue 24). Only a request from the
 * app's own page in its main frame, and only for video: a call that also asks for the microphone is refused
 * whole (ClaimDesk never records sound).
 */
export function isCameraRequest(permission: unknown, details: PermissionDetails | undefined): boolean {
  if (permission !== 'media' || !details || details.isMainFrame !== true) return false;
  if (!isAppUrl(details.requestingUrl)) return false;
  if (details.securityOrigin !== undefined && !isAppUrl(details.securityOrigin)) return false;
  const types = details.mediaTypes;
  return Array.isArray(types) && types.length > 0 && types.every((t) => t === 'video');
}

/**
 * The matching permission check (Chromium asks before it shows camera names and before getUserMedia): yes
 * only for video, asked by the app's own page in its main frame.
 */
export function isCameraCheck(
  permission: unknown,
  requestingOrigin: unknown,
  details: PermissionDetails | undefined,
): boolean {
  if (permission !== 'media' || !details || details.isMainFrame !== true || details.mediaType !== 'video')
    return false;
  if (!isAppUrl(requestingOrigin)) return false;
  if (details.requestingUrl !== undefined && !isAppUrl(details.requestingUrl)) return false;
  return details.securityOrigin === undefined || isAppUrl(details.securityOrigin);
}

/**
 * Denies microphone, notifications, geolocation, every device chooser … — all but the camera's video for
 * the app's own page — and blocks every request that leaves the app.
 */
export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(isCameraRequest(permission, details as PermissionDetails | undefined)),
  );
  session.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
    isCameraCheck(permission, requestingOrigin, details as PermissionDetails | undefined),
  );
  // HID, USB and serial devices: none. A camera is not one of them (it goes through the media permission).
  session.setDevicePermissionHandler?.(() => false);
  session.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isAllowedRequestUrl(details.url) }),
  );
}
