// A new claim started by dropping its invoice: the paper is read in the check worker (nothing is stored) and
// what it says fills the form — hospital, care setting, dates, total — each marked for the person to check.
import { useState } from 'react';
import type { Fields } from '../../../shared/fields';
import type { FileGrant } from '../../../shared/ipc';
import { call } from '../api';
import { useApp } from '../app-context';
import type { ClaimPrefill } from './ClaimForm';
import { DropZone } from './DropZone';

/** The form's values from an invoice's fields; a field the reader did not find stays out. */
export function prefillOf(fields: Fields): ClaimPrefill {
  const text = (n: string) =>
    typeof fields[n]?.value === 'string' ? (fields[n].value as string) : undefined;
  const num = (n: string) => (typeof fields[n]?.value === 'number' ? (fields[n].value as number) : undefined);
  const care = text('careSetting');
  const out: ClaimPrefill = {};
  if (care === 'inpatient' || care === 'outpatient') out.careSetting = care;
  const hospital = text('hospital');
  if (hospital) out.hospital = hospital;
  const start = text('careStart');
  const end = text('careEnd');
  if (care === 'inpatient') {
    if (start) out.admissionDate = start;
    if (end) out.dischargeDate = end;
  } else {
    // An outpatient invoice is dated the day of the visit when no visit date is printed.
    const visit = start ?? text('issueDate');
    if (visit) out.visitDate = visit;
  }
  const total = num('totalAmount');
  if (total !== undefined) out.totalAmount = total;
  return out;
}

export function InvoicePrefill({ onRead }: { onRead(prefill: ClaimPrefill): void }) {
  const { tr, notify, notifyError } = useApp();
  const [busy, setBusy] = useState(false);
  async function read(files: FileGrant[]) {
    setBusy(true);
    try {
      const { fields } = await call('readDroppedPaper', { file: files[0]!.token, kind: 'invoice' });
      const prefill = prefillOf(fields);
      if (Object.keys(prefill).length === 0)
        notify(
          'error',
          tr('没能从这张发票上读出内容，请手动填写', 'Nothing could be read from this invoice'),
        );
      onRead(prefill);
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="invoice-prefill">
      <p className="prefill-lead">
        {busy
          ? tr('正在读取发票…', 'Reading the invoice…')
          : tr(
              '有发票？把发票照片或 PDF 拖到下面，自动填写门诊/住院、医院、日期和金额，再逐项核对。',
              'Have the invoice? Drop its photo or PDF below to fill in care setting, hospital, dates and total, then check each.',
            )}
      </p>
      <DropZone
        label={tr(
          busy ? '正在读取发票…' : '把发票照片或 PDF 拖到这里，自动填写医院、日期和金额',
          busy
            ? 'Reading the invoice…'
            : 'Drop the invoice photo or PDF here to fill in hospital, dates and total',
        )}
        multiple={false}
        disabled={busy}
        onFiles={read}
      />
    </div>
  );
}
