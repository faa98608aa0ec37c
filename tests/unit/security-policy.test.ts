// Table-driven tests of the window's security module: the exact code the Electron main process runs, fed
// with small fakes of WebContents and Session (it only imports types from 'electron').
import { describe, expect, it } from 'vitest';
import { isBackupFileName, isProducedPath } from '../../electron/core/api/trust';
import {
  APP_ENTRY_URL,
  contentSecurityPolicy,
  hardenSession,
  hardenWebContents,
  isAllowedRequestUrl,
  isCameraCheck,
  isCameraRequest,
  isAppUrl,
  isTrustedSender,
  rendererFileFor,
  responseHeaders,
  SECURE_WEB_PREFERENCES,
} from '../../electron/main/security';

describe('isAppUrl', () => {
  it.each([
    [APP_ENTRY_URL, true],
    ['app://claimdesk/', true],
    ['app://claimdesk/assets/index-abc.js', true],
    ['app://claimdesk.evil.com/index.html', false],
    ['app://evil/index.html', false],
    ['app://user:pw@claimdesk/index.html', false],
    ['app://claimdesk:8080/index.html', false],
    ['https://claimdesk/index.html', false],
    ['file:///etc/passwd', false],
    ['http://127.0.0.1:3000/', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
    ['', false],
    [null, false],
    [42, false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

describe('isTrustedSender', () => {
  const trusted = new Set([7]);
  it.each([
    ['main frame of our window on the app page', { url: APP_ENTRY_URL, parent: null }, 7, true],
    ['a sub-frame of our window', { url: APP_ENTRY_URL, parent: {} }, 7, false],
    ['a window we did not create', { url: APP_ENTRY_URL, parent: null }, 8, false],
    ['our window navigated to a remote page', { url: 'https://example.com/', parent: null }, 7, false],
    ['our window showing a local file', { url: 'file:///tmp/x.html', parent: null }, 7, false],
    ['no frame (destroyed)', null, 7, false],
  ])('%s → %s', (_name, frame, id, expected) => {
    expect(isTrustedSender(frame, id, trusted)).toBe(expected);
  });
});

describe('rendererFileFor', () => {
  const root = '/opt/claimdesk/dist/renderer';
  it.each([
    ['app://claimdesk/', `${root}/index.html`],
    ['app://claimdesk/index.html', `${root}/index.html`],
    ['app://claimdesk/assets/index-1.js', `${root}/assets/index-1.js`],
    ['app://claimdesk/assets/a.css?v=1', `${root}/assets/a.css`],
    ['app://claimdesk/../../etc/passwd.js', `${root}/etc/passwd.js`],
    // The URL parser resolves encoded dot segments itself: the result stays inside the folder.
    ['app://claimdesk/%2e%2e/%2e%2e/etc/shadow.js', `${root}/etc/shadow.js`],
    ['app://claimdesk/assets/..%2F..%2F..%2Fsecret.js', null],
    ['app://claimdesk/assets\\..\\x.js', null],
    ['app://claimdesk/a%00.js', null],
    ['app://claimdesk/claimdesk.sqlite3', null],
    ['app://claimdesk/main.mjs.map', null],
    ['app://other/index.html', null],
    ['file:///opt/claimdesk/dist/renderer/index.html', null],
  ])('%s → %s', (url, expected) => {
    expect(rendererFileFor(root, url)?.path ?? null).toBe(expected);
  });
});

describe('content security policy', () => {
  const directives = new Map(
    contentSecurityPolicy()
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([k, ...v]) => [k!, v.join(' ')]),
  );
  it('starts from nothing allowed', () => {
    expect(contentSecurityPolicy().startsWith("default-src 'none'")).toBe(true);
  });
  it.each([
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', 'data:'],
    ['connect-src', "'none'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ])('%s is %s', (name, value) => {
    expect(directives.get(name)).toBe(value);
  });
  it('never allows inline code, eval or remote hosts', () => {
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });
  it('is sent with every file the window loads', () => {
    expect(responseHeaders('text/html')['Content-Security-Policy']).toBe(contentSecurityPolicy());
    expect(responseHeaders('text/html')['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('web preferences', () => {
  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['navigateOnDragDrop', false],
  ] as const)('%s = %s', (key, value) => {
    expect(SECURE_WEB_PREFERENCES[key]).toBe(value);
  });
});

describe('hardenWebContents', () => {
  function fakeContents() {
    const handlers = new Map<string, (e: { preventDefault(): void }) => void>();
    let openHandler: (() => { action: string }) | null = null;
    const contents = {
      on(event: string, fn: (e: { preventDefault(): void }) => void) {
        handlers.set(event, fn);
        return contents;
      },
      setWindowOpenHandler(fn: () => { action: string }) {
        openHandler = fn;
      },
    };
    hardenWebContents(contents as never);
    return { handlers, open: () => openHandler?.() };
  }

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'])(
    '%s is prevented',
    (event) => {
      const { handlers } = fakeContents();
      let prevented = false;
      handlers.get(event)?.({ preventDefault: () => (prevented = true) });
      expect(prevented).toBe(true);
    },
  );

  it('denies window.open', () => {
    expect(fakeContents().open()).toEqual({ action: 'deny' });
  });
});

describe('hardenSession', () => {
  type Details = Record<string, unknown> | undefined;
  function fakeSession() {
    const s = {
      request: null as
        null | ((wc: unknown, permission: string, cb: (ok: boolean) => void, details?: Details) => void),
      check: null as
        null | ((wc?: unknown, permission?: string, origin?: string, details?: Details) => boolean),
      device: null as null | (() => boolean),
      before: null as null | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
    };
    hardenSession({
      setPermissionRequestHandler: (fn: typeof s.request) => (s.request = fn),
      setPermissionCheckHandler: (fn: typeof s.check) => (s.check = fn),
      setDevicePermissionHandler: (fn: typeof s.device) => (s.device = fn),
      webRequest: { onBeforeRequest: (fn: typeof s.before) => (s.before = fn) },
    } as never);
    return s;
  }
  const ask = (permission: string, details?: Details): boolean | null => {
    let granted: boolean | null = null;
    fakeSession().request?.({}, permission, (ok) => (granted = ok), details);
    return granted;
  };
  const APP_PAGE = { isMainFrame: true, requestingUrl: APP_ENTRY_URL };

  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'openExternal',
    'fileSystem',
    'hid',
    'usb',
    'display-capture',
    'speaker-selection',
  ])('refuses the %s permission asked without details', (permission) => {
    const s = fakeSession();
    let granted: boolean | null = null;
    s.request?.({}, permission, (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect(s.check?.()).toBe(false);
    expect(s.device?.()).toBe(false);
  });

  it("grants the camera's video to the app's own page, and nothing else", () => {
    // getUserMedia({ video }) from the window: the one permission the app gives (the capture view).
    expect(ask('media', { ...APP_PAGE, mediaTypes: ['video'], securityOrigin: 'app://claimdesk/' })).toBe(
      true,
    );
    expect(isCameraRequest('media', { ...APP_PAGE, mediaTypes: ['video'] })).toBe(true);
  });

  it.each([
    ['the microphone', { ...APP_PAGE, mediaTypes: ['audio'] }],
    ['camera and microphone together', { ...APP_PAGE, mediaTypes: ['video', 'audio'] }],
    ['no media named', { ...APP_PAGE, mediaTypes: [] }],
    ['a sub-frame', { isMainFrame: false, requestingUrl: APP_ENTRY_URL, mediaTypes: ['video'] }],
    ['a remote page', { isMainFrame: true, requestingUrl: 'https://example.com/', mediaTypes: ['video'] }],
    ['a local file', { isMainFrame: true, requestingUrl: 'file:///tmp/x.html', mediaTypes: ['video'] }],
    [
      'a look-alike host',
      { isMainFrame: true, requestingUrl: 'app://claimdesk.evil/', mediaTypes: ['video'] },
    ],
    [
      'the app page framed by another origin',
      { ...APP_PAGE, mediaTypes: ['video'], securityOrigin: 'https://example.com' },
    ],
    ['no details', undefined],
  ] as const)('refuses the camera for %s', (_name, details) => {
    expect(ask('media', details as Details)).toBe(false);
  });

  it.each(['geolocation', 'notifications', 'display-capture', 'fullscreen', 'openExternal'])(
    'refuses %s even to the app page',
    (permission) => {
      expect(ask(permission, { ...APP_PAGE, mediaTypes: ['video'] })).toBe(false);
    },
  );

  it('answers the permission check for camera names the same way: video, app page, main frame', () => {
    const s = fakeSession();
    const check = (permission: string, origin: string, details: Details) =>
      s.check?.({}, permission, origin, details);
    expect(check('media', 'app://claimdesk', { ...APP_PAGE, mediaType: 'video' })).toBe(true);
    expect(check('media', 'app://claimdesk', { ...APP_PAGE, mediaType: 'audio' })).toBe(false);
    expect(check('media', 'app://claimdesk', { ...APP_PAGE, mediaType: 'unknown' })).toBe(false);
    expect(check('media', 'app://claimdesk', { isMainFrame: false, mediaType: 'video' })).toBe(false);
    expect(check('media', 'https://example.com', { ...APP_PAGE, mediaType: 'video' })).toBe(false);
    expect(
      check('media', 'app://claimdesk', {
        isMainFrame: true,
        requestingUrl: 'file:///x',
        mediaType: 'video',
      }),
    ).toBe(false);
    expect(check('geolocation', 'app://claimdesk', { ...APP_PAGE, mediaType: 'video' })).toBe(false);
    expect(isCameraCheck('media', 'app://claimdesk', undefined)).toBe(false);
    // Devices behind a chooser (HID, USB, serial) stay refused: a camera is not one of them.
    expect(s.device?.()).toBe(false);
  });

  it.each([
    ['app://claimdesk/assets/x.js', false],
    ['data:image/jpeg;base64,AAAA', false],
    ['https://cdn.example.com/lib.js', true],
    ['http://127.0.0.1:9/', true],
    ['ws://localhost/', true],
    ['file:///etc/passwd', true],
    ['data:text/html,<script>1</script>', true],
  ])('request to %s cancelled: %s', (url, cancelled) => {
    const s = fakeSession();
    let result: boolean | null = null;
    s.before?.({ url }, (r) => (result = r.cancel));
    expect(result).toBe(cancelled);
    expect(isAllowedRequestUrl(url)).toBe(!cancelled);
  });
});

describe('isProducedPath (open / show / print only what main exported)', () => {
  const produced = new Set(['/home/u/报销/BX1.pdf', '/home/u/报销/BX1-上传图片']);
  it.each([
    ['/home/u/报销/BX1.pdf', true],
    ['/home/u/报销/BX1-上传图片', true],
    ['/home/u/报销/BX1.pdf.exe', false],
    ['/home/u/报销/../报销/BX1.pdf', false],
    ['/home/u/报销//BX1.pdf', false],
    ['/home/u/报销/BX1.pdf\0.exe', false],
    ['报销/BX1.pdf', false],
    ['/etc/passwd', false],
    ['', false],
    [null, false],
    [['/home/u/报销/BX1.pdf'], false],
  ])('%s → %s', (path, expected) => {
    expect(isProducedPath(produced, path)).toBe(expected);
  });
});

describe('isBackupFileName', () => {
  it.each([
    ['claimdesk-2026-10-01T08-00-00-000Z.sqlite3', true],
    ['pre-restore-2026.sqlite3', true],
    ['../claimdesk.sqlite3', false],
    ['sub/claimdesk.sqlite3', false],
    ['..sqlite3', false],
    ['claimdesk.sqlite3.exe', false],
    ['.hidden.sqlite3', false],
    [5, false],
  ])('%s → %s', (name, expected) => {
    expect(isBackupFileName(name)).toBe(expected);
  });
});
