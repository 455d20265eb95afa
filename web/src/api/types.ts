/**
 * The API's shapes as the portal reads them: derived from the API's own zod schemas
 * (functions/api/schemas/, which also generate GET /api/openapi.json) and the domain's words, so
 * they cannot drift. Type-only imports: nothing of zod or the server enters the bundle.
 */
import type {
  ActionBody,
  ApiErrorBody,
  ApiMe,
  ApiRequest,
  ApiRequestDetail,
  ApiRequestListItem,
  ApiRequestPage,
  ApiRoutePreview,
  ApiService,
  DecisionBody,
} from '../../../functions/api/schemas';
import type { Category, Condition, FieldKind, Locale, Role } from '../../../functions/domain/catalog/schema';

export type { Category, Condition, FieldKind, Locale, Role };

export type Me = ApiMe;
export type Delegation = NonNullable<Me['delegation']>;

/**
 * A person of the directory as GET /api/dev/users lists them: a local-runtime route with no schema
 * of its own (it is not part of the API), in Me's shape without a delegation.
 */
export type Person = Omit<Me, 'delegation'>;

/**
 * One property of a service form (JSON Schema 2020-12 plus the `x-` hints). The API documents the
 * form as an opaque JSON Schema object (functions/domain/forms/json-schema.ts writes it); these are
 * the keys the portal reads to draw and check it.
 */
export interface PropertySchema {
  title: string;
  description?: string;
  'x-kind': FieldKind;
  'x-showIf'?: Condition;
  'x-enumNames'?: string[];
  'x-notInPast'?: boolean;
  'x-maxDays'?: number;
  type?: string;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  enum?: string[];
  const?: unknown;
  default?: unknown;
  minItems?: number;
  maxItems?: number;
  items?: { enum?: string[]; 'x-enumNames'?: string[] };
  properties?: Record<string, { minimum?: number; maximum?: number; enum?: string[]; default?: unknown }>;
}

export interface FormSchema {
  type: 'object';
  properties: Record<string, PropertySchema>;
  required?: string[];
  'x-order'?: string[];
  allOf?: { if: unknown; then: { required: string[] } }[];
}

/** A service, its form read as the portal reads it (see PropertySchema). */
export type Service = Omit<ApiService, 'form'> & { form: FormSchema };

export type RoutePreview = ApiRoutePreview;

export type RequestItem = ApiRequest;
export type RequestStatus = RequestItem['status'];
export type ApprovalStage = RequestItem['approvals'][number];
export type ApprovalStatus = ApprovalStage['status'];

/** A request as GET /requests lists it. */
export type RequestListItem = ApiRequestListItem;
export type RequestListPage = ApiRequestPage;

export type RequestDetail = ApiRequestDetail;
export type HistoryEvent = RequestDetail['history'][number];

export type { ActionBody, DecisionBody };
export type ActionType = ActionBody['type'];
export type Decision = DecisionBody['decision'];

export type ErrorDetail = ApiErrorBody['error']['details'][number];
