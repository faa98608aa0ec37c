// 设置 → 共享数据库: an office's desks work on one database server. Fill in the server's details, test the
// connection (plain words for a refused login, a missing database, an unreachable server), then switch: the
// desk reopens on it in place, so nothing typed elsewhere in the window is lost. Optionally this PC's data
// moves in first. The password is never shown back, and never kept unless the system can seal it.
import { useEffect, useState } from 'react';
import type { SharedDatabaseState } from '../../../shared/ipc';
import { call } from '../api';
import { useApp } from '../app-context';

export function SharedDatabase({ onSwitched }: { onSwitched(): void }) {
  const { tr, notify, notifyError } = useApp();
  const [state, setState] = useState<SharedDatabaseState | null>(null);
  const [host, setHost] = useState('');
  const [port, setPort] = useState('5432');
  const [database, setDatabase] = useState('claimdesk');
  const [user, setUser] = useState('claimdesk');
  const [password, setPassword] = useState('');
  const [moveData, setMoveData] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = () =>
    call('getSharedDatabase', {}).then((s) => {
      setState(s);
      if (s.kept) {
        setHost(s.kept.host);
        setPort(String(s.kept.port));
        setDatabase(s.kept.database);
        setUser(s.kept.user);
      }
    }, notifyError);
  useEffect(() => {
    void refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (!state?.canSwitch) return null;

  const form = () => ({ host, port: Number(port) || 5432, database, user, password });
  async function run(work: () => Promise<void>) {
    setBusy(true);
    setOutcome(null);
    try {
      await work();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="panel settings shared-database" data-testid="shared-database">
      <h2>{tr('共享数据库', 'Shared database')}</h2>
      <p className="muted">
        {tr(
          '办公室里几台电脑要一起办理同一批报销单时，请管理员装好数据库服务器，把下面几项告诉每台电脑。',
          'When several desks of an office work on the same claims, they share one database server.',
        )}
      </p>
      <p data-testid="shared-database-now">
        {state.active
          ? tr('这台电脑现在使用共享数据库。', 'This desk uses the shared database now.')
          : tr('这台电脑现在使用本机的数据。', "This desk uses this PC's data now.")}
        {state.passwordNeeded &&
          tr(' 共享数据库的密码没有保存，请输入密码后点“切换”。', ' Enter the password, then switch.')}
      </p>
      <div className="form-grid">
        <label className="stacked">
          {tr('服务器地址', 'Server')}
          <input value={host} onChange={(e) => setHost(e.target.value)} placeholder="192.168.1.10" />
        </label>
        <label className="stacked">
          {tr('端口', 'Port')}
          <input inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value)} />
        </label>
        <label className="stacked">
          {tr('数据库名称', 'Database')}
          <input value={database} onChange={(e) => setDatabase(e.target.value)} />
        </label>
        <label className="stacked">
          {tr('用户名', 'User')}
          <input value={user} onChange={(e) => setUser(e.target.value)} />
        </label>
        <label className="stacked">
          {tr('密码', 'Password')}
          <input
            type="password"
            autoComplete="off"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
      </div>
      <p className="muted">
        {state.canKeepPassword
          ? tr('密码由系统加密保存在这台电脑上。', 'The password is kept encrypted by the system.')
          : tr(
              '这台电脑的系统不能加密保存密码，所以不会保存密码，每次打开程序后要再输入一次。',
              'This PC cannot encrypt the password, so it is not kept: enter it each time.',
            )}
      </p>
      {!state.active && (
        <label className="check">
          <input type="checkbox" checked={moveData} onChange={(e) => setMoveData(e.target.checked)} />
          {tr(
            '把这台电脑上的数据搬进共享数据库（本机数据保留不动）',
            "Move this PC's data in (it stays here too)",
          )}
        </label>
      )}
      {outcome && (
        <p
          className={outcome.ok ? 'notice notice-success' : 'notice notice-error'}
          role="status"
          data-testid="db-outcome"
        >
          {outcome.message}
        </p>
      )}
      <div className="row">
        <button
          type="button"
          disabled={busy || !host.trim()}
          onClick={() => void run(async () => setOutcome(await call('testSharedDatabase', form())))}
        >
          {tr('测试连接', 'Test the connection')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || !host.trim()}
          onClick={() =>
            void run(async () => {
              const r = await call('switchSharedDatabase', { ...form(), moveData });
              setPassword('');
              setOutcome({ ok: true, message: r.message });
              notify('success', tr('已切换到共享数据库', 'Switched to the shared database'));
              await refresh();
              onSwitched();
            })
          }
        >
          {tr('切换到共享数据库', 'Switch')}
        </button>
        {(state.active || state.kept) && (
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const r = await call('leaveSharedDatabase', {});
                setOutcome({ ok: true, message: r.message });
                await refresh();
                onSwitched();
              })
            }
          >
            {tr('改回使用本机数据', "Back to this PC's data")}
          </button>
        )}
      </div>
    </div>
  );
}
