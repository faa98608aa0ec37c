// Labelled form controls: every input has a visible label, and its error or hint is tied to it with
// aria-describedby so screen readers and keyboard users get the same guidance.
import { useId, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  hint?: string | undefined;
  error?: string | null | undefined;
  ok?: string | null | undefined;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}

export function Field({ label, hint, error, ok, children }: FieldProps) {
  const id = useId();
  const noteId = `${id}-note`;
  const note = error ?? ok ?? hint;
  return (
    <div className={error ? 'field field-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-describedby': note ? noteId : undefined,
        'aria-invalid': error ? true : undefined,
      })}
      {note && (
        <div id={noteId} className={error ? 'field-note error' : ok ? 'field-note ok' : 'field-note'}>
          {note}
        </div>
      )}
    </div>
  );
}

export function Choice<T extends string>({
  legend,
  value,
  options,
  onChange,
  name,
}: {
  legend: string;
  value: T;
  options: ReadonlyArray<{ value: NoInfer<T>; label: string }>;
  onChange(v: NoInfer<T>): void;
  name: string;
}) {
  return (
    <fieldset className="choice">
      <legend>{legend}</legend>
      <div className="choice-options">
        {options.map((o) => (
          <label key={o.value} className={value === o.value ? 'choice-option checked' : 'choice-option'}>
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
