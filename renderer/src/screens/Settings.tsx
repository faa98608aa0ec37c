// Settings: language, text size, number masking for shared PCs, the data folder, backups and restore.
import { useCallback, useEffect, useState } from 'react';
import type { AppSettings, BackupInfo, BackupScheduleSettings } from '../../../shared/ipc';
import { ApiError, call, isCanceled } from '../api';
import { useApp } from '../app-context';
import { Choice } from '../components/Field';
import { formatBytes, formatDateTime } from '../format';
import { SharedDatabase } from './SharedDatabase';

export function Settings() {
  const { tr, settings, saveSettings, info, notify, notifyError, lang } = useApp();
  const [backups, setBackups] = useState<BackupInfo[]>([]);
  const [busy, setBusy] = useState(false);
  const [schedule, setSchedule] = useState<BackupScheduleSettings | null>(null);

  const [version, setVersion] = useState(0);
  const load = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    let live = true;
    call('listBackups', {}).then(
      (list) => live && setBackups(list),
      (err: unknown) => live && notifyError(err),
    );
    call('getBackupSchedule', {}).then(
      (s) => live && setSchedule(s),
      // (On a shared database the server is backed up, not the desk: no schedule to show.)
      (err: unknown) =>
        live && !(err instanceof ApiError && err.error.code === 'not_on_shared_database') && notifyError(err),
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

  async function reschedule(patch: Partial<BackupScheduleSettings>) {
    try {
      setSchedule(await call('saveBackupSchedule', patch));
    } catch (err) {
      notifyError(err);
    }
  }

  async function changeDataDir() {
    try {
      const r = await call('changeDataDir', {});
      if (r?.restarting)
        notify(
          'info',
          tr(`正在切换到 ${r.dataDir}，程序将重新启动…`, `Switching to ${r.dataDir}; restarting…`),
        );
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
      if (r.missingFiles > 0) {
        notify(
          'error',
          tr(
            `有 ${r.missingFiles} 个页面的原始照片不在这个数据文件夹里，请重新添加`,
            `${r.missingFiles} pages have no original in this data folder`,
          ),
        );
      }
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
      <SharedDatabase onSwitched={load} />
      <div className="panel settings">
        <h2>{tr('数据', 'Data')}</h2>
        <p>
          {tr('数据文件夹：', 'Data folder: ')}
          <span className="path">{info?.dataDir}</span>
        </p>
        <p className="muted">
          {tr(
            '所有资料只保存在这个文件夹里。换到新文件夹后程序会重新启动，原文件夹保持不变（可以先备份，再在新文件夹里恢复）。',
            'Everything is kept in this folder. After a change the app restarts; the old folder stays as it is.',
          )}
        </p>
        {info?.shell === 'electron' && (
          <button type="button" onClick={() => void changeDataDir()} disabled={busy}>
            {tr('更换数据文件夹…', 'Change data folder…')}
          </button>
        )}
        {schedule && (
          <div className="schedule">
            <label className="check">
              <input
                type="checkbox"
                checked={schedule.enabled}
                onChange={(e) => void reschedule({ enabled: e.target.checked })}
              />
              {tr('自动备份', 'Automatic backups')}
            </label>
            <label>
              {tr('每隔', 'Every')}{' '}
              <select
                value={schedule.everyHours}
                disabled={!schedule.enabled}
                onChange={(e) => void reschedule({ everyHours: Number(e.target.value) })}
              >
                {[...new Set([1, 4, 12, 24, 72, 168, schedule.everyHours])]
                  .sort((a, b) => a - b)
                  .map((h) => (
                    <option key={h} value={h}>
                      {h < 24 ? tr(`${h} 小时`, `${h} h`) : tr(`${h / 24} 天`, `${h / 24} days`)}
                    </option>
                  ))}
              </select>
            </label>
            <label>
              {tr('保留最近', 'Keep the last')}{' '}
              <select
                value={schedule.keep}
                disabled={!schedule.enabled}
                onChange={(e) => void reschedule({ keep: Number(e.target.value) })}
              >
                {[...new Set([3, 7, 14, 30, 90, schedule.keep])]
                  .sort((a, b) => a - b)
                  .map((n) => (
                    <option key={n} value={n}>
                      {tr(`${n} 份`, `${n}`)}
                    </option>
                  ))}
              </select>
            </label>
          </div>
        )}
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
              <th>{tr('类型', 'Kind')}</th>
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
                <td>
                  {b.kind === 'auto'
                    ? tr('自动', 'Automatic')
                    : b.kind === 'manual'
                      ? tr('手动', 'Manual')
                      : tr('恢复前自动保存', 'Before a restore')}
                </td>
                <td>{formatDateTime(b.createdAt, lang)}</td>
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
                <td colSpan={5} className="empty">
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
