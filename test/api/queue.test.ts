/**
 * Lists say what was asked, and the team queue is a workspace: list items carry a summary of the
 * request's key fields and the working time left in the reader's language; the queue is filtered by
 * assignee (or nobody), service and status and searched by words, all on the server; taking over a
 * colleague's request records from whom. A runtime of its own at a known moment: the SLA texts are exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedRuntime, type IsolatedRuntime } from '../support/isolated-runtime';
import { TUESDAY_10AM } from '../support/moments';
import { seedLegalQueue } from '../support/legal-queue';

let portal: IsolatedRuntime;

const LEGAL_AGENTS = ['alexey.popov', 'mikhail.egorov', 'anastasia.belova'];

interface ListItem {
  id: string;
  serviceId: string;
  status: string;
  assigneeId: string | null;
  assigneeName: string | null;
  summary: string;
  slaLeft: { workingHours: number; overdue: boolean; text: string } | null;
}

/** ICU separates thousands and currency with (narrow) no-break spaces: compared as plain spaces. */
const plain = (text: string) => text.replace(/\s/g, ' ');

async function list(user: string, query: string, locale: 'ru' | 'en' = 'ru') {
  const response = await portal.call('GET', `/requests?${query}`, undefined, {
    token: await portal.tokenFor(user),
    headers: { 'accept-language': locale },
  });
  expect(response.status, response.text).toBe(200);
  return response.body as { items: ListItem[]; nextCursor: string | null };
}

const ids = (page: { items: ListItem[] }) => page.items.map((item) => item.id).sort();
const byId = (page: { items: ListItem[] }, id: string) => page.items.find((item) => item.id === id);

async function act(user: string, id: string, body: Record<string, unknown>) {
  const response = await portal.as(user, 'POST', `/requests/${id}/actions`, body);
  expect(response.status, response.text).toBe(200);
  return response.body;
}

const detail = async (id: string) => (await portal.as('olga.smirnova', 'GET', `/requests/${id}`)).body;

let ndaRu = '';
let ndaEn = '';
let contract = '';

beforeAll(async () => {
  portal = await startIsolatedRuntime({ clockStart: TUESDAY_10AM });
  ({ ndaRu, ndaEn, contract } = await seedLegalQueue(portal));
}, 120_000);
afterAll(() => portal?.stop());

describe('lists say what was asked', () => {
  it('should carry the summary of every request in the reader’s language, in each list', async () => {
    const mine = await list('ivan.sidorov', 'view=mine');
    expect(plain(byId(mine, ndaRu)?.summary ?? '')).toBe('ООО «Ромашка» · Взаимное');
    expect(plain(byId(mine, contract)?.summary ?? '')).toBe('ООО «Вектор» · Договор поставки · 50 000 ₽');
    const mineInEnglish = await list('ivan.sidorov', 'view=mine', 'en');
    expect(plain(byId(mineInEnglish, contract)?.summary ?? '')).toBe('ООО «Вектор» · Supply agreement · RUB 50,000');

    const inbox = await list('elena.kuznetsova', 'view=approvals');
    expect(plain(byId(inbox, contract)?.summary ?? '')).toBe('ООО «Вектор» · Договор поставки · 50 000 ₽');

    const queue = await list('alexey.popov', 'view=queue', 'en');
    expect(byId(queue, ndaEn)?.summary).toBe('Acme Ltd · One-way (we disclose)');
  });

  it('should give the working time left to the resolution deadline of queued requests only', async () => {
    // NDA: 16 working hours from Tuesday 10:00, i.e. until Thursday 10:00.
    const queue = await list('alexey.popov', 'view=queue');
    expect(byId(queue, ndaRu)?.slaLeft).toEqual({ workingHours: 16, overdue: false, text: '2 рабочих дня' });
    expect((await list('alexey.popov', 'view=queue', 'en')).items.find((i) => i.id === ndaRu)?.slaLeft?.text).toBe(
      '2 working days',
    );
    const mine = await list('ivan.sidorov', 'view=mine');
    expect(byId(mine, contract)?.slaLeft, 'awaiting approval: no clock yet').toBeNull();
  });
});

describe('the team queue as a workspace', () => {
  beforeAll(async () => {
    const decided = await portal.as('elena.kuznetsova', 'POST', `/requests/${contract}/approvals/manager/decision`, {
      decision: 'approve',
    });
    expect(decided.status, decided.text).toBe(200);
    await portal.settle();
  });

  it('should filter by assignee, by nobody, by service and by status on the server', async () => {
    const all = await list('alexey.popov', 'view=queue');
    expect(ids(all)).toEqual([ndaRu, ndaEn, contract].sort());
    const ndaAgent = byId(all, ndaRu)?.assigneeId ?? '';
    expect(LEGAL_AGENTS).toContain(ndaAgent);
    expect(byId(all, contract)?.assigneeId, 'assigned by hand').toBeNull();

    expect(ids(await list('alexey.popov', 'view=queue&assigneeId=none'))).toEqual([contract]);
    const theirs = await list('alexey.popov', `view=queue&assigneeId=${ndaAgent}`);
    expect(ids(theirs)).toContain(ndaRu);
    expect(theirs.items.every((item) => item.assigneeId === ndaAgent)).toBe(true);
    expect(ids(await list('alexey.popov', 'view=queue&serviceId=nda'))).toEqual([ndaRu, ndaEn].sort());

    const enAgent = byId(all, ndaEn)?.assigneeId ?? '';
    await act(enAgent, ndaEn, { type: 'request_info', comment: 'Which project exactly?' });
    const waiting = await list('alexey.popov', 'view=queue&status=waiting_for_requester');
    expect(ids(waiting)).toEqual([ndaEn]);
    expect(byId(waiting, ndaEn)?.slaLeft, 'the clock is paused').toBeNull();
  });

  it('should find requests by words of the title, the summary, the requester and the code', async () => {
    const find = async (q: string, locale: 'ru' | 'en' = 'ru') =>
      ids(await list('alexey.popov', `view=queue&q=${encodeURIComponent(q)}`, locale));
    expect(await find('ромашка')).toEqual([ndaRu]);
    expect(await find('ACME')).toEqual([ndaEn]);
    expect(await find('вектор поставки')).toEqual([contract]);
    expect(await find('James')).toEqual([ndaEn]);
    expect(await find(`#${contract.slice(-6)}`)).toEqual([contract]);
    expect(await find('конфиденциальности')).toEqual([ndaRu, ndaEn].sort());
    expect(await find('supply agreement', 'en')).toEqual([contract]);
    expect(await find('ромашка acme')).toEqual([]);
    expect(ids(await list('alexey.popov', 'view=queue&assigneeId=none&q=ромашка'))).toEqual([]);
  });

  it('should page a search like any filter: a cursor resumes after the last match', async () => {
    const first = await list('alexey.popov', `view=queue&limit=1&q=${encodeURIComponent('nda')}`);
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await list(
      'alexey.popov',
      `view=queue&limit=1&q=nda&cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
    );
    expect([...ids(first), ...ids(second)].sort()).toEqual([ndaRu, ndaEn].sort());
  });

  it('should refuse a search that is too long, naming the parameter', async () => {
    const response = await portal.call('GET', `/requests?view=queue&q=${'x'.repeat(101)}`, undefined, {
      token: await portal.tokenFor('alexey.popov'),
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.error.details)).toContain('query.q');
  });

  it('should say in the history from whom a request was taken over or reassigned', async () => {
    const before = await detail(ndaRu);
    const previous = { id: before.assigneeId as string, name: before.assigneeName as string };
    const taker = LEGAL_AGENTS.find((id) => id !== previous.id) ?? '';
    await act(taker, ndaRu, { type: 'take', version: before.version });
    const taken = (await detail(ndaRu)).history.at(-1);
    expect(taken).toMatchObject({
      type: 'assigned',
      actorId: taker,
      data: { reason: 'taken', assigneeId: taker, previousAssigneeId: previous.id, from: previous.name },
    });

    const third = LEGAL_AGENTS.find((id) => id !== previous.id && id !== taker) ?? '';
    await act(taker, ndaRu, { type: 'assign', assigneeId: third });
    const reassigned = (await detail(ndaRu)).history.at(-1);
    expect(reassigned.data).toMatchObject({ reason: 'assigned', assigneeId: third, previousAssigneeId: taker });
    expect(reassigned.data.from).toBe((await detail(ndaRu)).history.at(-2).data.assigneeName);

    await act(taker, contract, { type: 'assign', assigneeId: third });
    const first = (await detail(contract)).history.at(-1);
    expect(first.data.previousAssigneeId).toBeNull();
    expect(first.data, 'nobody had it before').not.toHaveProperty('from');
  });

  it('should say how long a request has been overdue, in working time', async () => {
    // Friday 10:00: the NDA was due on Thursday 10:00, 8 working hours (one working day) ago.
    await portal.advance('P3D');
    const queue = await list('alexey.popov', 'view=queue');
    expect(byId(queue, ndaRu)?.slaLeft).toEqual({
      workingHours: 8,
      overdue: true,
      text: 'просрочено на 1 рабочий день',
    });
    const english = await list('alexey.popov', 'view=queue', 'en');
    expect(byId(english, ndaRu)?.slaLeft?.text).toBe('overdue by 1 working day');
  });
});
