// Settings: language, text size, number masking for shared PCs, the data folder, backups and restore.
import { useCallback, useEffect, useState } from 'react';
import type { AppSettings, BackupInfo } from '../../../shared/ipc';
import { call, isCanceled } from '../api';
import { useApp } from '../app-context';
import { Choice } from '../components/Field';
import { formatBytes, formatDateTime } from '../format';

export function Settings() {
  const { tr, settings, saveSettings, info, notify, notifyError } = useApp();
  const [backups, setBackups] = useState<BackupInfo[]>([]);
  const [busy, setBusy] = useState(false);

  const [version, setVersion] = useState(0);
  const load = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    let live = true;
    call('listBackups', {}).then(
      (list) => live && setBackups(list),
      (err: unknown) => live && notifyError(err),
    );
    return () => {
      live = false;
    };
  }, [version, notifyError]);

  async function update(patch: Partial<AppSettings>) {
    try {
      await saveSettings({ ...settings, ...patch });
    } catch (err) {
      notifyError(err);
    }
  }

  async function backupNow() {
    setBusy(true);
    try {
      const b = await call('createBackup', {});
      notify('success', tr(`已备份：${b.name}`, `Backed up: ${b.name}`));
      load();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  }

  async function restore(request: { name?: string }) {
    const what = request.name ?? tr('所选文件', 'the chosen file');
    if (
      !window.confirm(
        tr(
          `用 ${what} 恢复数据？当前数据会先另存一份，可以再恢复回来。`,
          `Restore from ${what}? The current data is saved first.`,
        ),
      )
    )
      return;
    setBusy(true);
    try {
      const r = await call('restoreBackup', request);
      notify('success', tr(`已恢复，共 ${r.claims} 张报销单`, `Restored: ${r.claims} claims`));
      load();
    } catch (err) {
      if (!isCanceled(err)) notifyError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="settings-title">
      <header className="page-header">
        <h1 id="settings-title">{tr('设置', 'Settings')}</h1>
      </header>
      <div className="panel settings">
        <h2>{tr('显示', 'Display')}</h2>
        <Choice
          legend={tr('语言 Language', 'Language 语言')}
          name="language"
          value={settings.language}
          onChange={(language) => void update({ language })}
          options={[
            { value: 'zh-CN', label: '简体中文' },
            { value: 'en', label: 'English' },
          ]}
        />
        <Choice
          legend={tr('文字大小', 'Text size')}
          name="text-size"
          value={settings.textSize}
          onChange={(textSize) => void update({ textSize })}
          options={[
            { value: 'normal', label: tr('标准', 'Normal') },
            { value: 'large', label: tr('大', 'Large') },
            { value: 'x-large', label: tr('特大', 'Extra large') },
          ]}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={settings.maskNumbers}
            onChange={(e) => void update({ maskNumbers: e.target.checked })}
          />
          {tr(
            '在列表中隐藏身份证号和银行卡号（只显示后4位，适合公用电脑）',
            'Hide ID and bank numbers in lists (last 4 digits only; for shared PCs)',
          )}
        </label>
      </div>
      <div className="panel settings">
        <h2>{tr('数据', 'Data')}</h2>
        <p>
          {tr('数据文件夹：', 'Data folder: ')}
          <span className="path">{info?.dataDir}</span>
        </p>
        <p className="muted">
          {tr(
            '所有资料只保存在这个文件夹里。要换位置，请关闭程序后设置环境变量 CLAIMDESK_HOME。',
            'Everything is kept in this folder. To move it, quit and set CLAIMDESK_HOME.',
          )}
        </p>
        <div className="actions">
          <button type="button" className="primary" onClick={() => void backupNow()} disabled={busy}>
            {tr('立即备份', 'Back up now')}
          </button>
          <button type="button" onClick={() => void restore({})} disabled={busy}>
            {tr('从文件恢复…', 'Restore from file…')}
          </button>
        </div>
        <table className="table">
          <thead>
            <tr>
              <th>{tr('备份', 'Backup')}</th>
              <th>{tr('时间', 'Time')}</th>
              <th>{tr('大小', 'Size')}</th>
              <th>
                <span className="sr-only">{tr('操作', 'Actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.name}>
                <td className="mono">{b.name}</td>
                <td>{formatDateTime(b.createdAt)}</td>
                <td>{formatBytes(b.bytes)}</td>
                <td>
                  <button type="button" onClick={() => void restore({ name: b.name })} disabled={busy}>
                    {tr('恢复', 'Restore')}
                  </button>
                </td>
              </tr>
            ))}
            {backups.length === 0 && (
              <tr>
                <td colSpan={4} className="empty">
                  {tr('还没有备份。', 'No backups yet.')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
