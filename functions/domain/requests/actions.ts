/**
 * The request lifecycle as data: for each action, who may take it and in which statuses, and the
 * change it makes. Checked in this order: the caller (403: their relation to the request, then
 * segregation of duties: nobody fulfils their own request), then the status (409).
 */
import type { Locale } from '../catalog/schema';
import { conflict, DomainError, forbidden, validationFailed } from '../errors';
import type { FieldValues } from '../forms/conditions';
import type { FormResult } from '../forms/validate';
import { t } from '../i18n';
import type { Relation } from './access';
import type { NewEvent, Pause, Principal, RequestRecord, RequestStatus } from './model';
import { ownRequestRefusal } from './segregation';

export const ACTION_TYPES = [
  'take',
  'assign',
  'request_info',
  'provide_info',
  'resolve',
  'reopen',
  'close',
  'cancel',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export interface ActionInput {
  type: ActionType;
  comment?: string;
  assigneeId?: string;
  fields?: FieldValues;
}

export interface ActionContext {
  principal: Principal;
  relations: Set<Relation>;
  now: string;
  locale: Locale;
  /** An agent of the team who can be given the request, with their display name. */
  teamAgent(userId: string, team: string): { name: string } | undefined;
  /** Validates the merged form values of the request's service. */
  validateFields(values: FieldValues): FormResult;
}

export interface Transition {
  changes: Partial<RequestRecord>;
  event: NewEvent;
}

/** A resolved request can be reopened for 7 days; after that it stays resolved (nothing closes it by itself). */
export const REOPEN_WINDOW_MS = 7 * 24 * 3600 * 1000;
const QUEUED: RequestStatus[] = ['in_progress', 'waiting_for_requester'];

interface Rule {
  who: Relation[];
  from: RequestStatus[];
  apply(request: RequestRecord, input: ActionInput, ctx: ActionContext): Transition;
}

const rules: Record<ActionType, Rule> = {
  take: {
    who: ['agent'],
    from: QUEUED,
    apply: (request, input, ctx) =>
      assignTo(request, { id: ctx.principal.id, name: ctx.principal.name, reason: 'taken' }, input, ctx),
  },
  assign: {
    who: ['agent'],
    from: QUEUED,
    apply(request, input, ctx) {
      const agent = input.assigneeId ? ctx.teamAgent(input.assigneeId, request.team) : undefined;
      if (!input.assigneeId || !agent)
        throw validationFailed(t(ctx.locale, 'invalidInput'), [
          { path: 'assigneeId', message: t(ctx.locale, 'notATeamMember', { team: request.team }) },
        ]);
      return assignTo(request, { id: input.assigneeId, name: agent.name, reason: 'assigned' }, input, ctx);
    },
  },
  request_info: {
    who: ['assignee'],
    from: ['in_progress'],
    apply(request, input, ctx) {
      const comment = requireComment(input, ctx.locale);
      return statusChange(request, ctx, {
        to: 'waiting_for_requester',
        type: 'info_requested',
        changes: {
          resumeStatus: request.status,
          sla: { ...responded(request, ctx), pauses: [...request.sla.pauses, { from: ctx.now, to: null }] },
        },
        comment,
      });
    },
  },
  provide_info: {
    who: ['requester'],
    from: ['waiting_for_requester'],
    apply(request, input, ctx) {
      const merged = { ...request.fields, ...(input.fields ?? {}) };
      const result = ctx.validateFields(merged);
      if (!result.ok) throw validationFailed(t(ctx.locale, 'formInvalid'), result.details);
      const changedFields = Object.keys(input.fields ?? {}).filter(
        (key) => JSON.stringify(request.fields[key]) !== JSON.stringify(result.values[key]),
      );
      return statusChange(request, ctx, {
        to: request.resumeStatus ?? 'in_progress',
        type: 'info_provided',
        changes: { fields: result.values, resumeStatus: null, sla: resumeClock(request, ctx.now) },
        comment: input.comment,
        data: changedFields.length > 0 ? { changedFields } : undefined,
      });
    },
  },
  resolve: {
    who: ['assignee'],
    from: QUEUED,
    apply(request, input, ctx) {
      const comment = requireComment(input, ctx.locale);
      return statusChange(request, ctx, {
        to: 'resolved',
        type: 'resolved',
        changes: {
          resolvedAt: ctx.now,
          resumeStatus: null,
          sla: responded({ ...request, sla: resumeClock(request, ctx.now) }, ctx),
        },
        comment,
      });
    },
  },
  reopen: {
    who: ['requester'],
    from: ['resolved'],
    apply(request, input, ctx) {
      if (Date.parse(ctx.now) - Date.parse(request.resolvedAt ?? ctx.now) > REOPEN_WINDOW_MS)
        throw conflict(t(ctx.locale, 'reopenWindowOver'));
      return statusChange(request, ctx, {
        to: 'in_progress',
        type: 'reopened',
        changes: { resolvedAt: null },
        comment: input.comment,
      });
    },
  },
  close: {
    who: ['requester'],
    from: ['resolved'],
    apply: (request, input, ctx) =>
      statusChange(request, ctx, {
        to: 'closed',
        type: 'closed',
        comment: input.comment,
      }),
  },
  cancel: {
    who: ['requester'],
    from: ['pending_approval', 'in_progress', 'waiting_for_requester'],
    apply: (request, input, ctx) =>
      statusChange(request, ctx, {
        to: 'cancelled',
        type: 'cancelled',
        changes: { resumeStatus: null, sla: resumeClock(request, ctx.now) },
        comment: input.comment,
      }),
  },
};

/** Checks the caller and the status, then computes the change. Throws a DomainError otherwise. */
export function applyAction(request: RequestRecord, input: ActionInput, ctx: ActionContext): Transition {
  const rule = rules[input.type];
  if (!rule.who.some((relation) => ctx.relations.has(relation)))
    throw forbidden(t(ctx.locale, 'actionNotAllowedForYou', { action: input.type }));
  const ownRequest = ownRequestRefusal(input, ctx.principal, ctx.relations);
  if (ownRequest) throw forbidden(t(ctx.locale, ownRequest));
  if (!rule.from.includes(request.status))
    throw new DomainError(
      'conflict',
      t(ctx.locale, 'actionNotInStatus', { action: input.type, status: request.status }),
    );
  return rule.apply(request, input, ctx);
}

function requireComment(input: ActionInput, locale: Locale): string {
  const comment = input.comment?.trim();
  if (!comment)
    throw validationFailed(t(locale, 'commentRequired'), [{ path: 'comment', message: t(locale, 'required') }]);
  return comment;
}

/** The first public action of a team member answers the request (the response SLA). */
function responded(request: RequestRecord, ctx: ActionContext) {
  const byTeam = ctx.relations.has('team') || ctx.relations.has('assignee');
  return { ...request.sla, respondedAt: request.sla.respondedAt ?? (byTeam ? ctx.now : null) };
}

function resumeClock(request: RequestRecord, now: string) {
  const pauses: Pause[] = request.sla.pauses.map((p) => (p.to === null ? { ...p, to: now } : p));
  return { ...request.sla, pauses };
}

function assignTo(
  request: RequestRecord,
  assignee: { id: string; name: string; reason: 'taken' | 'assigned' },
  input: ActionInput,
  ctx: ActionContext,
): Transition {
  const { id: assigneeId, name: assigneeName, reason } = assignee;
  if (request.assigneeId === assigneeId) throw conflict(t(ctx.locale, 'alreadyAssignee'));
  return {
    changes: { assigneeId, assigneeName, sla: responded(request, ctx) },
    event: {
      ...actor(ctx),
      type: 'assigned',
      comment: input.comment?.trim() || undefined,
      data: {
        assigneeId,
        assigneeName,
        previousAssigneeId: request.assigneeId,
        reason,
        // Whose request it was, so the history can say "took over from …" without a directory.
        ...(request.assigneeName ? { from: request.assigneeName } : {}),
      },
    },
  };
}

interface StatusChange {
  to: RequestStatus;
  type: NewEvent['type'];
  changes?: Partial<RequestRecord>;
  comment?: string;
  data?: Record<string, unknown>;
}

function statusChange(request: RequestRecord, ctx: ActionContext, change: StatusChange): Transition {
  const { to, type, ...extra } = change;
  return {
    changes: { ...extra.changes, status: to },
    event: {
      ...actor(ctx),
      type,
      from: request.status,
      to,
      comment: extra.comment?.trim() || undefined,
      data: extra.data,
    },
  };
}

const actor = (ctx: ActionContext) => ({ at: ctx.now, actorId: ctx.principal.id, actorName: ctx.principal.name });
