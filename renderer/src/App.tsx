// The window's frame: a side navigation, the notice bar, and the current screen.
import { useEffect, useRef } from 'react';
import { useApp } from './app-context';
import { Board } from './screens/Board';
import { ClaimEditor } from './screens/ClaimEditor';
import { Households } from './screens/Households';
import { NewClaim } from './screens/NewClaim';
import { Settings } from './screens/Settings';

export function App() {
  const { route, go, tr, notices, dismiss, info } = useApp();
  const nav: Array<{ screen: 'board' | 'households' | 'new-claim' | 'settings'; zh: string; en: string }> = [
    { screen: 'board', zh: '报销单', en: 'Claims' },
    { screen: 'new-claim', zh: '新建报销', en: 'New claim' },
    { screen: 'households', zh: '家庭与人员', en: 'Households' },
    { screen: 'settings', zh: '设置', en: 'Settings' },
  ];
  const current = route.screen === 'claim' ? 'board' : route.screen;
  // Focus follows navigation: the new screen's title (once it has loaded), so keyboard and screen-reader
  // users start at the top of what just opened instead of on <body>.
  const firstScreen = useRef(true);
  useEffect(() => {
    if (firstScreen.current) {
      firstScreen.current = false;
      return;
    }
    let tries = 0;
    const timer = setInterval(() => {
      // A field the person already put the cursor in (a shortcut's search box) keeps it.
      if (document.activeElement?.matches('main input, main select, main textarea')) {
        clearInterval(timer);
        return;
      }
      const title = document.querySelector<HTMLElement>('main h1');
      if (title || ++tries > 40) clearInterval(timer);
      if (!title) return;
      title.tabIndex = -1;
      title.focus();
    }, 50);
    return () => clearInterval(timer);
  }, [route]);
  // Shortcuts: Ctrl+N a new claim; Ctrl+F or / the board's search (from any screen). Not while a viewer or
  // the printable list is open, and / only outside text fields (there it is a character).
  const goRef = useRef(go);
  useEffect(() => {
    goRef.current = go;
  });
  useEffect(() => {
    const focusSearch = (tries = 0) => {
      const box = document.querySelector<HTMLInputElement>('main input[type="search"]');
      if (box) {
        box.focus();
        box.select();
      } else if (tries < 40) setTimeout(() => focusSearch(tries + 1), 50);
    };
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector('dialog[open], .bring-overlay')) return;
      const t = e.target as HTMLElement | null;
      const typing = !!t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      const ctrl = (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
      const key = e.key.toLowerCase();
      if (ctrl && key === 'n') {
        e.preventDefault();
        goRef.current({ screen: 'new-claim' });
      } else if ((ctrl && key === 'f') || (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey)) {
        e.preventDefault();
        if (!document.querySelector('main input[type="search"]')) goRef.current({ screen: 'board' });
        focusSearch();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const shortcutOf: Partial<Record<(typeof nav)[number]['screen'], string>> = {
    board: tr('Ctrl+F 或 / 搜索', 'Ctrl+F or / to search'),
    'new-claim': 'Ctrl+N',
  };
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {tr('跳到主要内容', 'Skip to content')}
      </a>
      <nav className="sidebar" aria-label={tr('主导航', 'Main navigation')}>
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            报
          </span>
          <div>
            <div className="brand-name">{tr('报销材料助手', 'ClaimDesk')}</div>
            <div className="brand-sub">ClaimDesk {info?.version ?? ''}</div>
          </div>
        </div>
        <ul>
          {nav.map((n) => (
            <li key={n.screen}>
              <button
                type="button"
                className={current === n.screen ? 'nav-item active' : 'nav-item'}
                aria-current={current === n.screen ? 'page' : undefined}
                aria-keyshortcuts={
                  n.screen === 'new-claim' ? 'Control+N' : n.screen === 'board' ? 'Control+F /' : undefined
                }
                title={shortcutOf[n.screen]}
                onClick={() => go({ screen: n.screen })}
              >
                {tr(n.zh, n.en)}
              </button>
            </li>
          ))}
        </ul>
        <p className="shortcut-help">
          {tr(
            '快捷键：Ctrl+N 新建报销；Ctrl+F 或 / 搜索报销单',
            'Shortcuts: Ctrl+N new claim; Ctrl+F or / search claims',
          )}
        </p>
        <p className="offline-note">
          {tr('离线工作：数据只保存在本机', 'Offline: data stays on this computer')}
        </p>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <div className="notices" role="status" aria-live="polite">
          {notices.map((n) => (
            <div
              key={n.id}
              className={`notice notice-${n.kind}`}
              role={n.kind === 'error' ? 'alert' : undefined}
            >
              <span>{n.text}</span>
              <button
                type="button"
                className="link"
                onClick={() => dismiss(n.id)}
                aria-label={tr('关闭提示', 'Dismiss')}
              >
                ×
              </button>
            </div>
          ))}
        </div>
        {route.screen === 'board' && <Board />}
        {route.screen === 'households' && <Households initialHouseholdId={route.householdId} />}
        {route.screen === 'new-claim' && <NewClaim claimantId={route.claimantId} />}
        {route.screen === 'claim' && (
          <ClaimEditor key={route.claimId} claimId={route.claimId} stack={route.stack} />
        )}
        {route.screen === 'settings' && <Settings />}
      </main>
    </div>
  );
}
