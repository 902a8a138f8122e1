// "Overdue actions" and "next action due" count by today's date in Amsterdam, the day the team
// works in, not by the day in the database session's time zone (`current_date`; UTC on a server
// not told otherwise, yesterday still between midnight and 01:00 or 02:00 in Amsterdam).
//
// The moment of a test run cannot be chosen, so the time zone is: a second app on the same
// database whose sessions run in a zone that is on another calendar day than Amsterdam right now
// (14 hours ahead of UTC in Amsterdam's afternoon, 12 behind in its morning). That stands in for
// the hour after midnight in Amsterdam with a UTC database. What it proves: both readers (the
// list, and read_trajectory behind opening one) compare with Amsterdam's day whatever the
// session's zone is. The test first checks that the session's day does differ, so it cannot pass
// without testing anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { openTrajectory } from '../../../test/cases.js';
import { createDb, type Db } from '../../platform/db.js';
import { buildApp } from '../../app.js';
import { todayInAmsterdam } from '../../platform/dates.js';

let env: TestEnv;
let worker: Session;
let farDb: Db;
let farApp: FastifyInstance;

/** A zone whose calendar day is not Amsterdam's at this moment (see the header). */
function zoneOnAnotherDay(): string {
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Amsterdam',
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(new Date()),
  );
  return hour >= 12 ? 'Pacific/Kiritimati' : 'Etc/GMT+12';
}

/** `day` moved by `days` calendar days. */
function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  const url = new URL(env.appUrl);
  url.searchParams.set('options', `-c TimeZone=${zoneOnAnotherDay()}`);
  farDb = createDb(url.toString(), 2);
  farApp = await buildApp({ config: env.config, db: farDb, serveWeb: false });
});

afterAll(async () => {
  await farApp.close();
  await farDb.destroy();
});

describe("an action's due date against today", () => {
  it('counts overdue and next due by the day in Amsterdam, in the list and in the opened trajectory', async () => {
    const today = todayInAmsterdam();
    const { rows } = await sql<{ day: string }>`select current_date::text as day`.execute(farDb);
    // The premise: the session's day is not Amsterdam's, so current_date would count wrongly.
    expect(rows[0]?.day).not.toBe(today);

    const { trajectoryId } = await openTrajectory(env.app, worker, {
      givenName: 'Dag',
      familyName: 'Amsterdam',
    });
    const action = (description: string, dueDate: string) => ({
      description,
      ownerType: 'team',
      ownerName: 'Buurtteam',
      dueDate,
    });
    const saved = await call(env.app, worker, 'PUT', `/api/v1/trajectories/${trajectoryId}/plan`, {
      version: 0,
      actions: [
        action('Gisteren', addDays(today, -1)),
        action('Vandaag', today),
        action('Morgen', addDays(today, 1)),
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // Yesterday's is late; today's is not yet, and it is the next one due.
    const expected = { overdueActions: 1, nextActionDue: today };

    const opened = await call(farApp, worker, 'GET', `/api/v1/trajectories/${trajectoryId}`);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject(expected);

    const listed = await call(farApp, worker, 'GET', '/api/v1/trajectories?limit=500');
    expect(listed.statusCode, listed.body).toBe(200);
    const row = listed
      .json<{ items: { id: string }[] }>()
      .items.find((item) => item.id === trajectoryId);
    expect(row).toMatchObject(expected);
  });
});
