// One <select> over a list of domain values (kinds of paper, filing types, relations, statuses), each shown by
// its label in the person's language. `none` adds a first, empty choice ("请选择…", "改状态为…"), which
// answers ''.
import type { ReactNode, SelectHTMLAttributes } from 'react';
import { useApp } from '../app-context';

export interface EnumSelectProps<T extends string> extends Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  'value' | 'onChange' | 'children'
> {
  options: readonly T[];
  labels: Readonly<Record<NoInfer<T>, { zh: string; en: string }>>;
  value: NoInfer<T> | '';
  onChange(value: NoInfer<T> | ''): void;
  /** The words of an empty first choice; absent: there is none. */
  none?: string | undefined;
  /** Choices after the list that are not domain values (the board's 已归档). */
  extra?: ReactNode;
}

export function EnumSelect<T extends string>({
  options,
  labels,
  value,
  onChange,
  none,
  extra,
  ...select
}: EnumSelectProps<T>) {
  const { tr } = useApp();
  return (
    <select
      {...select}
      value={value}
      onChange={(e) => {
        const v = e.target.value;
        onChange((options as readonly string[]).includes(v) ? (v as T) : '');
      }}
    >
      {none !== undefined && <option value="">{none}</option>}
      {options.map((o) => (
        <option key={o} value={o}>
          {tr(labels[o].zh, labels[o].en)}
        </option>
      ))}
      {extra}
    </select>
  );
}
