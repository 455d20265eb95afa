/**
 * What the action panels share: the request's action call and the comment that goes with a step.
 * The server has the last word (403/409 with its message); the panels only hide what cannot apply.
 */
import { post } from '../../api/client';
import type { ActionBody, RequestItem } from '../../api/types';
import { errorAria, LabelledField } from '../../forms/LabelledField';

/** An action on the request at the version the page shows (a change in between is refused, 409). */
export const act = (request: RequestItem, body: ActionBody) =>
  post(`/requests/${request.id}/actions`, { version: request.version, ...body });

export function CommentField(props: {
  id: string;
  label: string;
  value: string;
  set(v: string): void;
  error?: string;
}) {
  const { id, label, value, set, error } = props;
  return (
    <LabelledField id={id} label={label} error={error}>
      <textarea
        id={id}
        rows={3}
        value={value}
        maxLength={10_000}
        onInput={(e) => set(e.currentTarget.value)}
        {...errorAria(id, error)}
      />
    </LabelledField>
  );
}
