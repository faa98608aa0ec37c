// What a new claim's form takes from the invoices of the papers dropped on 新建报销 — care setting, hospital,
// dates, total — each value then marked 从发票读取，请核对 for the person to check.
import type { Fields } from '../../../shared/fields';
import type { CareSetting } from '../../../shared/domain';

/** What a new claim can take from its invoices; each value is marked "从发票读取，请核对" while unchanged. */
export interface ClaimPrefill {
  careSetting?: CareSetting;
  hospital?: string;
  visitDate?: string;
  admissionDate?: string;
  dischargeDate?: string;
  totalAmount?: number;
}

const text = (f: Fields, n: string) => (typeof f[n]?.value === 'string' ? (f[n].value as string) : undefined);
const num = (f: Fields, n: string) => (typeof f[n]?.value === 'number' ? (f[n].value as number) : undefined);

/**
 * The form's values from the invoices' fields; a value no invoice gives stays out. Several invoices of one
 * visit or stay: 住院 when any is an inpatient invoice, the hospital most of them name, the stay from the
 * earliest start to the latest end (an outpatient visit: the earliest day), and the total their sum —
 * only when every invoice's total was read, since a sum missing one would be a wrong figure in the form.
 */
export function prefillOfInvoices(invoices: readonly Fields[]): ClaimPrefill {
  const out: ClaimPrefill = {};
  if (invoices.length === 0) return out;
  const cares = invoices.map((f) => text(f, 'careSetting'));
  const care = cares.includes('inpatient')
    ? 'inpatient'
    : cares.includes('outpatient')
      ? 'outpatient'
      : undefined;
  if (care) out.careSetting = care;

  const hospitals = new Map<string, number>();
  for (const f of invoices) {
    const h = text(f, 'hospital');
    if (h) hospitals.set(h, (hospitals.get(h) ?? 0) + 1);
  }
  const hospital = [...hospitals.entries()].reduce<[string, number] | null>(
    (best, e) => (best === null || e[1] > best[1] ? e : best),
    null,
  );
  if (hospital) out.hospital = hospital[0];

  const earliest = (days: (string | undefined)[]) => days.filter((d) => d !== undefined).sort()[0];
  const latest = (days: (string | undefined)[]) =>
    days
      .filter((d) => d !== undefined)
      .sort()
      .at(-1);
  if (care === 'inpatient') {
    const start = earliest(invoices.map((f) => text(f, 'careStart')));
    const end = latest(invoices.map((f) => text(f, 'careEnd')));
    if (start) out.admissionDate = start;
    if (end) out.dischargeDate = end;
  } else {
    // An outpatient invoice is dated the day of the visit when no visit date is printed.
    const visit = earliest(invoices.map((f) => text(f, 'careStart') ?? text(f, 'issueDate')));
    if (visit) out.visitDate = visit;
  }

  const totals = invoices.map((f) => num(f, 'totalAmount'));
  if (totals.every((t) => t !== undefined)) {
    // Added in fen: 0.1 + 0.2 must not show as 0.30000000000000004 in the form.
    out.totalAmount = totals.reduce((sum, t) => sum + Math.round(t * 100), 0) / 100;
  }
  return out;
}
