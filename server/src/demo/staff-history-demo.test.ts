// The demo's staff history: everyone since 1 January two years ago, with the two changes the
// business case's demo shows (Sanne Jacobs's hours, Marieke Lemmens leaving).
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createDemoEnv } from '../../test/harness.js';
import { todayInAmsterdam } from '../platform/dates.js';

it('gives the demo staff a history with a change of hours and a leaver', async () => {
  const env = await createDemoEnv();
  const year = Number(todayInAmsterdam().slice(0, 4));
  const periodsOf = async (email: string) =>
    (
      await sql<{ from: string; until: string | null; hours: number; active: boolean }>`
        select p.valid_from as from, p.valid_until as until, p.hours_per_week as hours, p.active
        from staff_periods p join staff s on s.municipality_id = p.municipality_id and s.id = p.staff_id
        where s.email = ${email} order by p.valid_from`.execute(env.owner)
    ).rows;
  const since = `${year - 2}-01-01`;
  expect(await periodsOf('worker@maastricht.demo')).toEqual([
    { from: since, until: `${year - 1}-09-01`, hours: 24, active: true },
    { from: `${year - 1}-09-01`, until: null, hours: 32, active: true },
  ]);
  const lemmens = await periodsOf('m.lemmens@maastricht.demo');
  expect(lemmens.map((p) => [p.from, p.until, p.active])).toEqual([
    [since, `${year - 1}-05-01`, true],
    [`${year - 1}-05-01`, null, false],
  ]);
  // Everyone else (the volunteer of the groups too): one stretch since the same day.
  const { rows } = await sql<{ email: string; from: string }>`
    select s.email, p.valid_from as from from staff_periods p join staff s on s.id = p.staff_id
    where p.valid_from <> ${since}::date order by s.email, p.valid_from`.execute(env.owner);
  expect(rows).toEqual([
    { email: 'm.lemmens@maastricht.demo', from: `${year - 1}-05-01` },
    { email: 'worker@maastricht.demo', from: `${year - 1}-09-01` },
  ]);
});
