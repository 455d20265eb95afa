/**
 * Sending what a person asked for, the one way every form and panel does it: busy while it runs,
 * a toast with the outcome, and the server's refusal kept so its `details` can be shown by the
 * fields they name. `useFormSubmit` adds a service form's check before sending and its error summary.
 */
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { errorText, toast } from '../toasts';
import type { SummaryCause } from './ErrorSummary';
import { fieldErrors } from './model';
import { focusFirstError, type FormState } from './useForm';

export interface Submit<T> {
  /** The name of the step under way (a panel with several buttons), or null. */
  busy: string | null;
  /** The server's last refusal, until the next step. */
  error: ApiError | null;
  /** The server's message for one path of the body (`comment`, `assigneeId`). */
  detail(path: string): string | undefined;
  /** Runs `call`; answers whether it succeeded. */
  run(name: string, call: () => Promise<T>, success: string, onError?: (error: unknown) => void): Promise<boolean>;
}

/** `onDone` gets what a successful call answered (the created request, say). */
export function useSubmit<T = unknown>(onDone: (result: T) => void = () => undefined): Submit<T> {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const run: Submit<T>['run'] = async (name, call, success, onError) => {
    setBusy(name);
    setError(null);
    try {
      const result = await call();
      toast.success(success);
      onDone(result);
      return true;
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : null);
      toast.error(errorText(failure));
      onError?.(failure);
      return false;
    } finally {
      setBusy(null);
    }
  };
  const detail = (path: string) => error?.details.find((d) => d.path === path)?.message;
  return { busy, error, detail, run };
}

export interface FormSubmit<T> extends Submit<T> {
  /** Why the error summary shows, if it does. */
  summary: SummaryCause | null;
  /**
   * Checks the form (unless `check` is false: the form is not being sent), then runs `call`; a
   * refusal marks the fields it names. Either way, focus goes to the first field in error.
   */
  send(name: string, call: () => Promise<T>, success: string, check?: boolean): Promise<boolean>;
}

/** Submit for a `useForm` form whose inputs carry `prefix` in their ids. */
export function useFormSubmit<T = unknown>(form: FormState, onDone?: (result: T) => void, prefix?: string) {
  const submit = useSubmit(onDone);
  const [summary, setSummary] = useState<SummaryCause | null>(null);
  const send: FormSubmit<T>['send'] = async (name, call, success, check = true) => {
    const errors = check ? form.touchAll() : {};
    if (Object.keys(errors).length > 0) {
      setSummary({ by: 'form' });
      focusFirstError(form.model, errors, prefix);
      return false;
    }
    return submit.run(name, call, success, (error) => {
      const fields = error instanceof ApiError ? fieldErrors(error.details) : {};
      form.setServerErrors(fields);
      setSummary({ by: 'server', error });
      focusFirstError(form.model, fields, prefix);
    });
  };
  return { ...submit, summary, send } satisfies FormSubmit<T>;
}
