/**
 * The state of one form fill: values, which fields were visited, the shared validator's messages
 * (shown once a field was left or the form submitted) and the server's `details` per field (shown
 * until that field changes).
 */
import { useMemo, useState } from 'preact/hooks';
import type { FormSchema, Locale, Person } from '../api/types';
import { todayIn } from '../clock';
import { loadDirectory, useAsync } from '../data';
import { useI18n, useSession } from '../hooks';
import {
  checkForm,
  formModel,
  initialValues,
  inputId,
  payloadOf,
  type Errors,
  type FormModel,
  type Values,
} from './model';

export interface FormState {
  model: FormModel;
  values: Values;
  /** What to show now, per field. */
  errors: Errors;
  /** Everything the validator finds, visited or not. */
  problems: Errors;
  people: Person[] | null;
  today: string;
  change(id: string, value: unknown): void;
  blur(id: string): void;
  /** Marks every field visited; answers the errors then shown. */
  touchAll(): Errors;
  setServerErrors(errors: Errors): void;
  payload(): Values;
}

export function useForm(schema: FormSchema, timeZone: string, initial?: Values): FormState {
  const { locale } = useI18n();
  const { config } = useSession();
  const model = useMemo(() => formModel(schema), [schema]);
  const [values, setValues] = useState<Values>(() => ({ ...initialValues(model), ...initial }));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [server, setServer] = useState<{ locale: Locale; errors: Errors }>({ locale, errors: {} });
  const people = useAsync(() => loadDirectory(config.auth.mode === 'local'), [config]);
  const today = todayIn(timeZone);
  const problems = useMemo(
    () =>
      checkForm(model, values, {
        locale,
        today,
        // Without a directory to look in, the server decides who exists.
        isKnownUser: (id) => !people.data || people.data.some((p) => p.id === id),
      }),
    [model, values, locale, today, people.data],
  );
  // The server's messages are in the language they were sent in: after a switch, the shared
  // validator's message (in the language shown now) goes first where it has one.
  const fresh = server.locale === locale ? server.errors : {};
  const errors: Errors = {};
  for (const id of model.order) {
    const message = fresh[id] ?? (touched.has(id) ? problems[id] : undefined) ?? server.errors[id];
    if (message) errors[id] = message;
  }
  return {
    model,
    values,
    errors,
    problems,
    people: people.data ?? null,
    today,
    change(id, value) {
      setValues((current) => ({ ...current, [id]: value }));
      if (server.errors[id])
        setServer(({ locale: sent, errors: { [id]: _gone, ...rest } }) => ({ locale: sent, errors: rest }));
    },
    blur(id) {
      if (!touched.has(id)) setTouched(new Set([...touched, id]));
    },
    touchAll() {
      setTouched(new Set(model.order));
      return { ...problems, ...server.errors };
    },
    setServerErrors: (errors) => setServer({ locale, errors }),
    payload: () => payloadOf(model, values),
  };
}

/** Moves focus to the first field (in form order) with an error. */
export function focusFirstError(model: FormModel, errors: Errors, prefix?: string) {
  const first = model.order.find((id) => errors[id]);
  if (first) document.getElementById(inputId(first, prefix))?.focus();
}
