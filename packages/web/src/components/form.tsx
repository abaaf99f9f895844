/** Small pieces shared by the sign-in, people and settings pages: a labelled field and an announced error. */
import type { ComponentChildren } from 'preact';
import { ApiError } from '../api.js';

export function messageOf(e: unknown): string {
  return e instanceof ApiError || e instanceof Error ? e.message : String(e);
}

/** The field a server error names (e.g. `username`), if any. */
export function fieldOf(e: unknown): string | undefined {
  return e instanceof ApiError ? e.field : undefined;
}

export function ErrorMessage({ id, children }: { id?: string; children: ComponentChildren }) {
  if (!children) return null;
  return (
    <p role="alert" class="error" {...(id ? { id } : {})}>
      {children}
    </p>
  );
}

export interface FieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'password' | 'number';
  autoComplete?: string;
  help?: string;
  required?: boolean;
  minLength?: number;
  invalid?: boolean;
}

/** A labelled input with its help text tied to it (aria-describedby). */
export function Field({ id, label, value, onInput, type = 'text', autoComplete, help, required = true, minLength, invalid }: FieldProps) {
  const helpId = help ? `${id}-help` : undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={id}
        type={type as 'text'}
        value={value}
        required={required}
        {...(minLength !== undefined ? { minLength } : {})}
        {...(autoComplete ? { autoComplete } : {})}
        {...(helpId ? { 'aria-describedby': helpId } : {})}
        {...(invalid ? { 'aria-invalid': 'true' as const } : {})}
        onInput={(e) => onInput((e.target as HTMLInputElement).value)}
      />
      {help && (
        <p class="help" id={helpId}>
          {help}
        </p>
      )}
    </div>
  );
}
