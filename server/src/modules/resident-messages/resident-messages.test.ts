// What a resident sends from the portal reaches the workers of the trajectory's team, and only
// them; reading it is audited for that resident, and marking it read keeps the first moment.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { openTrajectory } from '../../../test/cases.js';

let env: TestEnv;
let worker: Session;
let otherTeamsWorker: Session;
let resident: Session;
let residentId: string;
let trajectoryId: string;
let ownActionId: string;

interface Message {
  id: string;
  kind: string;
  actionId: string | null;
  actionDescription: string | null;
  text: string;
  createdAt: string;
  readAt: string | null;
  resident: { id: string; name: string };
}

const messagesOf = async (session: Session) =>
  call(env.app, session, 'GET', `/api/v1/trajectories/${trajectoryId}/resident-messages`);

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  otherTeamsWorker = await login(env.app, 'worker2@maastricht.demo');
  const created = await call(env.app, worker, 'POST', '/api/v1/registrations', {
    teamId: worker.user.teamIds[0],
    source: 'self',
    receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
    question: 'Hulp bij de administratie',
    resident: { givenName: 'Noor', familyName: 'Berichtsen', birthDate: '1975-05-05' },
  });
  residentId = created.json<{ residentId: string }>().residentId;
  // Triage follows the first contact.
  await call(
    env.app,
    worker,
    'POST',
    `/api/v1/registrations/${created.json<{ id: string }>().id}/first-contact`,
    {
      at: new Date().toISOString(),
      kind: 'home_visit',
    },
  );
  const triage = await call(
    env.app,
    worker,
    'POST',
    `/api/v1/registrations/${created.json<{ id: string }>().id}/triage`,
    { outcome: 'multiple_problems' },
  );
  trajectoryId = triage.json<{ trajectoryId: string }>().trajectoryId;
  const plan = await call(env.app, worker, 'PUT', `/api/v1/trajectories/${trajectoryId}/plan`, {
    version: 0,
    answers: { own_strength: 'Ik open zelf de post.' },
    actions: [
      {
        description: 'Huurachterstand bellen',
        ownerType: 'resident',
        ownerName: 'Noor',
        status: 'open',
      },
    ],
    agreements: [],
  });
  expect(plan.statusCode, plan.body).toBe(200);
  ownActionId = plan.json<{ actions: { id: string }[] }>().actions[0]!.id;
  const invitation = await call(env.app, worker, 'POST', '/api/v1/portal/invitations', {
    residentId,
  });
  const code = invitation.json<{ code: string }>().code;
  const activated = await env.app.inject({
    method: 'POST',
    url: '/api/v1/portal/activate',
    payload: { code, loginName: 'noor.berichtsen@example.demo', password: 'mijn-eigen-wachtwoord' },
  });
  expect(activated.statusCode).toBe(200);
  const cookie = activated.cookies.find((c) => c.name === 'sk_session');
  const body = activated.json<{ csrfToken: string; user: Session['user'] }>();
  resident = { cookie: `sk_session=${cookie?.value}`, csrfToken: body.csrfToken, user: body.user };

  const wish = await call(env.app, resident, 'POST', '/api/v1/portal/plan/wishes', {
    text: 'Ik wil ook hulp bij het zoeken naar werk.',
  });
  expect(wish.statusCode).toBe(201);
  const ticked = await call(env.app, resident, 'POST', `/api/v1/portal/actions/${ownActionId}`, {
    status: 'done',
    comment: 'Gebeld, de regeling loopt.',
  });
  expect(ticked.statusCode).toBe(200);
});

describe("the residents' messages on a trajectory", () => {
  it("reach the team's worker, newest first, with who sent them, unread", async () => {
    const response = await messagesOf(worker);
    expect(response.statusCode).toBe(200);
    const { items, nextCursor } = response.json<{ items: Message[]; nextCursor: null }>();
    expect(nextCursor).toBeNull();
    expect(items.map((m) => [m.kind, m.text])).toEqual([
      ['action_comment', 'Gebeld, de regeling loopt.'],
      ['action_done', 'Huurachterstand bellen'],
      ['plan_wish', 'Ik wil ook hulp bij het zoeken naar werk.'],
    ]);
    expect(items[0]).toMatchObject({
      actionId: ownActionId,
      actionDescription: 'Huurachterstand bellen',
      readAt: null,
      resident: { id: residentId, name: 'Noor Berichtsen' },
    });
    expect(items[2]).toMatchObject({ actionId: null, actionDescription: null });
  });

  it('are audited as read, naming the resident whose messages they are', async () => {
    const before = await sql<{ count: number }>`
      select count(*)::int as count from audit_events
      where action = 'resident_message.list' and resident_id = ${residentId}::uuid`.execute(
      env.owner,
    );
    await messagesOf(worker);
    const after = await sql<{ count: number; actor: string }>`
      select count(*)::int as count, max(actor_id::text) as actor from audit_events
      where action = 'resident_message.list' and resident_id = ${residentId}::uuid`.execute(
      env.owner,
    );
    expect(after.rows[0]!.count).toBe(before.rows[0]!.count + 1);
    expect(after.rows[0]!.actor).toBe(worker.user.id);
  });

  it('are marked read once: marking again keeps the first moment', async () => {
    const [first] = (await messagesOf(worker)).json<{ items: Message[] }>().items;
    const url = `/api/v1/trajectories/${trajectoryId}/resident-messages/${first!.id}/read`;
    const marked = await call(env.app, worker, 'POST', url);
    expect(marked.statusCode).toBe(200);
    const readAt = marked.json<{ readAt: string }>().readAt;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await call(env.app, worker, 'POST', url);
    expect(again.json<{ readAt: string }>().readAt).toBe(readAt);
    const items = (await messagesOf(worker)).json<{ items: Message[] }>().items;
    expect(items.map((m) => m.readAt)).toEqual([readAt, null, null]);
    const audited = await sql<{ count: number }>`
      select count(*)::int as count from audit_events
      where action = 'resident_message.read' and object_id = ${first!.id}
        and resident_id = ${residentId}::uuid`.execute(env.owner);
    expect(audited.rows[0]!.count).toBe(2);
  });

  it("stay within the team: another team's worker gets 404 and marks nothing", async () => {
    expect((await messagesOf(otherTeamsWorker)).statusCode).toBe(404);
    const [, unread] = (await messagesOf(worker)).json<{ items: Message[] }>().items;
    const url = `/api/v1/trajectories/${trajectoryId}/resident-messages/${unread!.id}/read`;
    expect((await call(env.app, otherTeamsWorker, 'POST', url)).statusCode).toBe(404);
    const after = (await messagesOf(worker)).json<{ items: Message[] }>().items;
    expect(after[1]?.readAt).toBeNull();
  });

  it('name the field of a malformed id, and answer 404 for a message of another trajectory', async () => {
    const malformed = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectoryId}/resident-messages/niet-een-id/read`,
    );
    expect(malformed.statusCode).toBe(400);
    expect(
      malformed.json<{ invalidParams: { name: string }[] }>().invalidParams.map((p) => p.name),
    ).toEqual(['params.messageId']);
    const [message] = (await messagesOf(worker)).json<{ items: Message[] }>().items;
    const { rows } = await sql<{ id: string }>`
      select id from trajectories
      where team_id = ${worker.user.teamIds[0]}::uuid and id <> ${trajectoryId}::uuid limit 1`.execute(
      env.owner,
    );
    const elsewhere = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${rows[0]!.id}/resident-messages/${message!.id}/read`,
    );
    expect(elsewhere.statusCode).toBe(404);
  });
});

describe('a trajectory with more messages than one page', () => {
  let longTrajectoryId: string;
  let longResidentId: string;
  const pageOf = (query: string) =>
    call(
      env.app,
      worker,
      'GET',
      `/api/v1/trajectories/${longTrajectoryId}/resident-messages${query}`,
    );
  type Page = { items: Message[]; nextCursor: string | null; unreadCount: number };

  beforeAll(async () => {
    const opened = await openTrajectory(env.app, worker, {
      givenName: 'Veel',
      familyName: 'Berichten',
    });
    longTrajectoryId = opened.trajectoryId;
    longResidentId = opened.residentId;
    // 105 wishes, as a year of ticks and comments gives: 'wens 1' the newest, 'wens 105' the
    // oldest. Two share a moment with another (the id orders them). The newest three and the
    // oldest two are unread.
    await sql`
      insert into resident_messages (municipality_id, id, team_id, trajectory_id, resident_id, kind, text, created_at, read_at)
      select ${worker.user.municipalityId}::uuid, gen_random_uuid(), ${worker.user.teamIds[0]}::uuid,
             ${longTrajectoryId}::uuid, ${longResidentId}::uuid, 'plan_wish', 'wens ' || g,
             date_trunc('hour', now()) - make_interval(hours => case when g in (50, 51) then 50 else g end),
             case when g <= 3 or g >= 104 then null else now() end
      from generate_series(1, 105) g`.execute(env.owner);
  });

  it('pages through all of them, newest first, none lost or repeated, with the unread count of all', async () => {
    const first = await pageOf('');
    expect(first.statusCode).toBe(200);
    const one = first.json<Page>();
    expect(one.items).toHaveLength(100);
    expect(one.items[0]?.text).toBe('wens 1');
    expect(one.nextCursor).toEqual(expect.any(String));
    // Two unread messages are on the second page only: the count says so on the first.
    expect(one.items.filter((m) => !m.readAt)).toHaveLength(3);
    expect(one.unreadCount).toBe(5);

    const second = await pageOf(`?cursor=${encodeURIComponent(one.nextCursor ?? '')}`);
    expect(second.statusCode).toBe(200);
    const two = second.json<Page>();
    expect(two.items.map((m) => m.text)).toEqual([
      'wens 101',
      'wens 102',
      'wens 103',
      'wens 104',
      'wens 105',
    ]);
    expect(two.nextCursor).toBeNull();
    expect(two.unreadCount).toBe(5);
    const texts = [...one.items, ...two.items].map((m) => m.text);
    expect(new Set(texts).size).toBe(105);
  });

  it('pages by a smaller limit through messages that share a moment', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const query: string = `?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: Page = (await pageOf(query)).json<Page>();
      seen.push(...page.items.map((m) => m.text));
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(105);
    expect(new Set(seen).size).toBe(105);
    expect(seen.slice(48, 52).sort()).toEqual(['wens 49', 'wens 50', 'wens 51', 'wens 52']);
  });

  it('counts one unread fewer once an older message is marked read', async () => {
    const one = (await pageOf('')).json<Page>();
    const two = (await pageOf(`?cursor=${encodeURIComponent(one.nextCursor ?? '')}`)).json<Page>();
    const oldest = two.items.at(-1);
    expect(oldest?.readAt).toBeNull();
    const marked = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${longTrajectoryId}/resident-messages/${oldest?.id}/read`,
    );
    expect(marked.statusCode).toBe(200);
    expect((await pageOf('')).json<Page>().unreadCount).toBe(one.unreadCount - 1);
  });

  it('audits every page it reads, naming the resident whose messages it shows', async () => {
    const count = async () =>
      (
        await sql<{ n: number }>`
          select count(*)::int as n from audit_events
          where action = 'resident_message.list' and resident_id = ${longResidentId}::uuid`.execute(
          env.owner,
        )
      ).rows[0]?.n ?? 0;
    const before = await count();
    const one = (await pageOf('')).json<Page>();
    await pageOf(`?cursor=${encodeURIComponent(one.nextCursor ?? '')}`);
    expect(await count()).toBe(before + 2);
  });

  it("refuses a cursor it did not make, or another list's, naming query.cursor, and audits nothing", async () => {
    const journal = await call(
      env.app,
      worker,
      'GET',
      `/api/v1/trajectories/${longTrajectoryId}/contacts?limit=1`,
    );
    expect(journal.statusCode).toBe(200);
    const audited = async () =>
      (
        await sql<{ n: number }>`
          select count(*)::int as n from audit_events where action = 'resident_message.list'`.execute(
          env.owner,
        )
      ).rows[0]?.n ?? 0;
    const before = await audited();
    for (const cursor of [
      'niet-een-cursor',
      journal.json<{ nextCursor: string | null }>().nextCursor,
    ]) {
      if (!cursor) continue;
      const response = await pageOf(`?cursor=${encodeURIComponent(cursor)}`);
      expect(response.statusCode).toBe(400);
      expect(
        response.json<{ invalidParams: { name: string }[] }>().invalidParams.map((p) => p.name),
      ).toEqual(['query.cursor']);
    }
    expect(await audited()).toBe(before);
  });
});
