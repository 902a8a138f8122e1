// Days and moments the database cannot store, or that are a typo by any measure (year 0000, 0975,
// 2205), are a 400 naming the field in English and Dutch, before anything is written; a date that
// still reaches PostgreSQL and is refused there (22008) is a 400 too, never a 500.
import Fastify from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../test/harness.js';
import { openTrajectory } from '../../test/cases.js';
import { BirthDate, CalendarDay, Moment, PastDay } from './date-schemas.js';
import { addDays, todayInAmsterdam } from './dates.js';
import { registerErrorHandler } from './error-handler.js';

type Problem = {
  code: string;
  detail: string;
  detailNl: string;
  invalidParams?: { name: string; reason: string; reasonNl: string }[];
};

const reasonsOf = (body: string) =>
  (JSON.parse(body) as Problem).invalidParams?.map((p) => [p.name, p.reasonNl]) ?? [];

let env: TestEnv;
let worker: Session;
let teamlead: Session;
let teamId: string;
let trajectory: { trajectoryId: string; residentId: string };

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  teamlead = await login(env.app, 'teamlead@maastricht.demo');
  teamId = worker.user.teamIds[0] ?? '';
  trajectory = await openTrajectory(env.app, worker, { givenName: 'Jaar', familyName: 'Nul' });
});

const issuesOf = (
  schema: { safeParse(v: unknown): { error?: { issues: { message: string }[] } } },
  value: string,
) => schema.safeParse(value).error?.issues.map((i) => i.message) ?? [];

describe('the shared date schemas', () => {
  it('take a day in 1900 to 2100 and refuse one outside, with one reason', () => {
    for (const day of ['1900-01-01', '2026-02-28', '2100-12-31'])
      expect(issuesOf(CalendarDay, day)).toEqual([]);
    for (const day of ['0000-01-01', '0975-05-05', '1899-12-31', '2101-01-01', '9999-12-31'])
      expect(issuesOf(CalendarDay, day)).toEqual(['must be a day in the years 1900 to 2100']);
    // A malformed day gets its format's reason only.
    expect(issuesOf(CalendarDay, '2026-02-30')).toHaveLength(1);
    expect(issuesOf(CalendarDay, 'gisteren')).toHaveLength(1);
  });

  it('take a moment in 1900 to 2100 and refuse year 0000', () => {
    expect(issuesOf(Moment, '2026-11-25T10:00:00+01:00')).toEqual([]);
    expect(issuesOf(Moment, '0000-01-01T10:00:00Z')).toEqual([
      'must be a moment in the years 1900 to 2100',
    ]);
    expect(issuesOf(Moment, '2205-01-01T10:00:00Z')).toHaveLength(1);
  });

  it('take a past day up to today in Amsterdam, and a birth date from 1880 up to today', () => {
    const today = todayInAmsterdam();
    expect(issuesOf(PastDay, today)).toEqual([]);
    expect(issuesOf(PastDay, addDays(today, 1))).toEqual(['must not be in the future']);
    expect(issuesOf(PastDay, '0000-01-01')).toEqual(['must be a day in the years 1900 to 2100']);
    expect(issuesOf(BirthDate, '1880-01-01')).toEqual([]);
    expect(issuesOf(BirthDate, '1879-12-31')).toEqual(['must not be before 1880']);
    expect(issuesOf(BirthDate, addDays(today, 1))).toEqual(['must not be in the future']);
  });
});

describe('a date of year 0000 through the API', () => {
  it('is a 400 naming the loan days, and no loan is written', async () => {
    const item = await call(env.app, worker, 'POST', '/api/v1/shared-items', {
      teamId,
      kind: 'walker',
      name: 'Rollator jaar nul',
    });
    expect(item.statusCode, item.body).toBe(201);
    const itemId = item.json<{ id: string }>().id;
    const response = await call(env.app, worker, 'POST', `/api/v1/shared-items/${itemId}/loans`, {
      trajectoryId: trajectory.trajectoryId,
      residentId: trajectory.residentId,
      fromDate: '0000-01-01',
      untilDate: '0000-01-02',
    });
    expect(response.statusCode).toBe(400);
    expect(reasonsOf(response.body)).toEqual([
      ['fromDate', 'moet een dag in de jaren 1900 tot en met 2100 zijn'],
      ['untilDate', 'moet een dag in de jaren 1900 tot en met 2100 zijn'],
    ]);
    const loans = await sql<{ n: number }>`
      select count(*)::int as n from item_loans where item_id = ${itemId}::uuid`.execute(env.owner);
    expect(loans.rows[0]?.n).toBe(0);
  });

  it("is a 400 naming a group session's start, and no session is written", async () => {
    const group = await call(env.app, worker, 'POST', '/api/v1/groups', {
      teamId,
      kind: 'coffee_morning',
      name: 'Koffie jaar nul',
      capacity: 5,
    });
    expect(group.statusCode, group.body).toBe(201);
    const groupId = group.json<{ id: string }>().id;
    const response = await call(env.app, worker, 'POST', `/api/v1/groups/${groupId}/sessions`, {
      startsAt: '0000-01-01T10:00:00Z',
      endsAt: null,
      place: 'Buurthuis',
    });
    expect(response.statusCode).toBe(400);
    expect(reasonsOf(response.body)).toEqual([
      ['startsAt', 'moet een moment in de jaren 1900 tot en met 2100 zijn'],
    ]);
    const sessions = await sql<{ n: number }>`
      select count(*)::int as n from group_sessions where group_id = ${groupId}::uuid`.execute(
      env.owner,
    );
    expect(sessions.rows[0]?.n).toBe(0);
  });

  it('is a 400 naming a registration received in year 0000 (it was stored as 1 BC)', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from registrations`.execute(
      env.owner,
    );
    const response = await call(env.app, worker, 'POST', '/api/v1/registrations', {
      teamId,
      source: 'self',
      receivedAt: '0000-01-01T10:00:00Z',
      question: 'Ontvangen in het jaar nul?',
      resident: { givenName: 'Oud', familyName: 'Jaartal', birthDate: '1879-12-31' },
    });
    expect(response.statusCode).toBe(400);
    expect(reasonsOf(response.body)).toEqual([
      ['receivedAt', 'moet een moment in de jaren 1900 tot en met 2100 zijn'],
      ['resident.birthDate', 'mag niet voor 1880 liggen'],
    ]);
    const after = await sql<{ n: number }>`select count(*)::int as n from registrations`.execute(
      env.owner,
    );
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('is a 400 naming a query parameter (the monitor from year 0000; named as validation names a query)', async () => {
    const response = await call(
      env.app,
      teamlead,
      'GET',
      '/api/v1/reports/monitor?from=0000-01-01',
    );
    expect(response.statusCode).toBe(400);
    expect(reasonsOf(response.body)).toEqual([
      ['querystring.from', 'moet een dag in de jaren 1900 tot en met 2100 zijn'],
    ]);
  });
});

describe('a date PostgreSQL refuses (22008) that reaches it anyway', () => {
  it('is not what the household search answers for 31 February: it names its field first', async () => {
    // The search once let this date through to PostgreSQL (a 400 from the safety net below,
    // naming no field); it checks the day itself now.
    const response = await call(env.app, worker, 'GET', '/api/v1/households?q=31-02-2024');
    expect(response.statusCode).toBe(400);
    const problem = response.json<Problem>();
    expect(problem.code).toBe('validation_failed');
    expect(problem.invalidParams?.map((p) => p.name)).toEqual(['query.q']);
  });

  it('is a 400 for either code of a bad date, in English and Dutch', async () => {
    const app = Fastify();
    registerErrorHandler(app, env.db, { spa: false });
    for (const code of ['22008', '22007']) {
      app.get(`/${code}`, () => {
        throw Object.assign(new Error('date/time field value out of range: "0000-01-01"'), {
          code,
        });
      });
    }
    for (const code of ['22008', '22007']) {
      const response = await app.inject({ method: 'GET', url: `/${code}` });
      expect(response.statusCode).toBe(400);
      const problem = response.json<Problem>();
      expect(problem.code).toBe('validation_failed');
      expect(problem.detail).toContain('not a valid calendar date');
      expect(problem.detailNl).toContain('geen geldige kalenderdatum');
    }
    await app.close();
  });
});
