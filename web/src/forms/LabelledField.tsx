/** A labelled control outside a service form (a comment, a delegation), with its error under it. */
import type { ComponentChildren } from 'preact';

export function LabelledField(props: {
  id: string;
  label: string;
  error?: string | undefined;
  /** Classes besides `field`. */
  class?: string;
  children: ComponentChildren;
}) {
  const { id, label, error, children } = props;
  return (
    <div class={['field', props.class, error && 'field--invalid'].filter(Boolean).join(' ')}>
      <label class="field-label" for={id}>
        {label}
      </label>
      {children}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The control's attributes that tie it to the error LabelledField shows. */
export const errorAria = (id: string, error: string | undefined) => ({
  'aria-invalid': error ? ('true' as const) : undefined,
  'aria-describedby': error ? `${id}-error` : undefined,
});
