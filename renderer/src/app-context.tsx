// App-wide state every screen needs: settings (language, text size, masking), app info, the current
// screen, and the notice bar. Plain React context: the app is small enough not to need a state library.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AppInfo, AppSettings } from '../../shared/ipc';
import type { StackPlacement } from '../../shared/stack';
import { DEFAULT_SETTINGS } from '../../shared/ipc';
import { call, messageOf } from './api';

export type Route =
  | { screen: 'board' }
  | { screen: 'households'; householdId?: number }
  | { screen: 'new-claim'; claimantId?: number }
  /** stack: where the papers dropped on 新建报销 went (the editor lists them with their selects). */
  | { screen: 'claim'; claimId: number; stack?: StackPlacement[] }
  | { screen: 'settings' };

export interface Notice {
  id: number;
  kind: 'error' | 'success' | 'info';
  text: string;
}

interface AppContextValue {
  settings: AppSettings;
  saveSettings(next: AppSettings): Promise<void>;
  info: AppInfo | null;
  lang: AppSettings['language'];
  /** Picks the Chinese or English wording. Chinese is the product's first language; English mirrors it. */
  tr(zh: string, en: string): string;
  route: Route;
  go(route: Route): void;
  notices: Notice[];
  notify(kind: Notice['kind'], text: string): void;
  notifyError(err: unknown): void;
  dismiss(id: number): void;
}

const Ctx = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useApp outside AppProvider');
  return v;
}

let noticeSeq = 0;

export function AppProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<AppSettings>(DEFAULT_SETTINGS);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [route, setRoute] = useState<Route>({ screen: 'board' });
  const [notices, setNotices] = useState<Notice[]>([]);
  const lang = settings.language;

  const tr = useCallback((zh: string, en: string) => (lang === 'en' ? en : zh), [lang]);
  const dismiss = useCallback((id: number) => setNotices((n) => n.filter((x) => x.id !== id)), []);
  const notify = useCallback(
    (kind: Notice['kind'], text: string) => {
      const id = ++noticeSeq;
      setNotices((n) => [...n.slice(-1), { id, kind, text }]);
      // Errors stay until dismissed (a user may be away from the screen); the rest fade on their own.
      if (kind !== 'error') setTimeout(() => dismiss(id), 5000);
    },
    [dismiss],
  );
  const notifyError = useCallback((err: unknown) => notify('error', messageOf(err, lang)), [notify, lang]);

  useEffect(() => {
    call('getSettings', {}).then(setSettings, notifyError);
    call('getAppInfo', {}).then(setInfo, notifyError);
  }, [notifyError]);

  useEffect(() => {
    document.documentElement.lang = settings.language;
    document.documentElement.dataset.textSize = settings.textSize;
  }, [settings]);

  const saveSettings = useCallback(async (next: AppSettings) => {
    setSettings(await call('saveSettings', next));
  }, []);

  const go = useCallback((r: Route) => {
    setRoute(r);
    // Notices belong to the screen they were raised on; a new screen starts clean.
    setNotices([]);
    window.scrollTo(0, 0);
  }, []);

  const value = useMemo<AppContextValue>(
    () => ({ settings, saveSettings, info, lang, tr, route, go, notices, notify, notifyError, dismiss }),
    [settings, saveSettings, info, lang, tr, route, go, notices, notify, notifyError, dismiss],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
