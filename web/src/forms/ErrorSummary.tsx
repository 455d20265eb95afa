/**
 * The list of a form's errors above it, shown after a submit. Its heading is rendered from why it
 * shows (the form's own check or the server's refusal), so it follows a language switch.
 */
import { ApiError } from '../api/client';
import type { Locale } from '../api/types';
import { useI18n } from '../hooks';
import { serverText, translate } from '../i18n';
import { errorText } from '../toasts';
import { inputId } from './model';
import type { Errors, FormModel } from './model';

/** Why the summary shows: the shared validator found errors before sending, or the server refused. */
export type SummaryCause = { by: 'form' } | { by: 'server'; error: unknown };

function heading(cause: SummaryCause, locale: Locale): string {
  if (cause.by === 'form') return translate(locale, 'fixErrors');
  // A refused form comes with the server's "formInvalid": the same text, in the language shown now.
  if (cause.error instanceof ApiError && cause.error.code === 'validation_failed')
    return serverText(locale, 'formInvalid');
  return errorText(cause.error);
}

export function ErrorSummary(props: { cause: SummaryCause | null; model: FormModel; errors: Errors; prefix?: string }) {
  const { cause, model, errors, prefix } = props;
  const { locale } = useI18n();
  const ids = model.order.filter((id) => errors[id]);
  if (!cause || ids.length === 0) return null;
  return (
    <div class="error-summary" role="alert">
      <p>
        <strong>{heading(cause, locale)}</strong>
      </p>
      <ul>
        {ids.map((id) => (
          <li key={id}>
            <a
              href={`#${inputId(id, prefix)}`}
              onClick={(e) => {
                e.preventDefault();
                document.getElementById(inputId(id, prefix))?.focus();
              }}
            >
              {model.props[id]?.title}: {errors[id]}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
