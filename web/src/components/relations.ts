/** How the caller stands to a request: what the request page shows them and which panels it offers. */
import type { Me, RequestDetail } from '../api/types';

export interface Relations {
  requester: boolean;
  team: boolean;
  agent: boolean;
  assignee: boolean;
  admin: boolean;
}

export const relationsOf = (me: Me, request: RequestDetail): Relations => ({
  requester: request.requesterId === me.id,
  team: me.teams.includes(request.team),
  agent: me.teams.includes(request.team) && me.roles.includes('agent'),
  assignee: request.assigneeId === me.id,
  admin: me.roles.includes('admin'),
});
