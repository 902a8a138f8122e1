// The baseline: a bare Fastify server with the `pg` driver answering the same reads as the app
// with the minimal SQL for the same rows. It connects as the owner role: no session, no CSRF, no
// row-level security, no transaction, no audit row, no schema validation. What the app costs on
// top of this is the price of its rules.
import Fastify from 'fastify';
import pg from 'pg';

async function main(): Promise<void> {
  const ownerUrl = process.env.BENCH_OWNER_DATABASE_URL;
  const municipalityId = process.env.BENCH_MUNICIPALITY_ID;
  if (!ownerUrl || !municipalityId || !process.send)
    throw new Error('start me through bench/run.ts');
  const pool = new pg.Pool({
    connectionString: ownerUrl,
    max: Number(process.env.BENCH_DB_POOL_SIZE ?? '10'),
  });
  pool.on('error', () => undefined);
  const app = Fastify({ logger: false });

  app.get<{ Querystring: { team: string } }>('/registrations', async (request) => {
    const { rows } = await pool.query(
      `select g.id, g.team_id, g.source, g.received_at, g.question, g.life_domains, g.status,
              g.household_id, g.resident_id, g.first_contact_at, g.first_contact_kind,
              g.triage_outcome, g.triage_reason, g.referred_to, g.triaged_at, g.trajectory_id,
              g.version, n.name as neighbourhood_name,
              r.given_name || ' ' || r.family_name as resident_name,
              round(extract(epoch from (coalesce(g.first_contact_at, now()) - g.received_at)) / 3600.0, 1)::float8 as waiting_hours
         from registrations g
         left join residents r on r.municipality_id = g.municipality_id and r.id = g.resident_id
         left join households h on h.municipality_id = g.municipality_id and h.id = g.household_id
         left join neighbourhoods n on n.municipality_id = h.municipality_id and n.code = h.neighbourhood_code
        where g.municipality_id = $1 and g.team_id = $2 and g.status = 'new'
        order by g.received_at, g.id limit 100`,
      [municipalityId, request.query.team],
    );
    return { items: rows, nextCursor: null };
  });

  app.get<{ Querystring: { team: string } }>('/signals', async (request) => {
    const { rows } = await pool.query(
      `select s.id, s.team_id, s.kind, s.reference, s.received_at, s.postcode, s.house_number,
              s.house_letter, s.house_number_addition, s.family_name, s.amount_cents, s.note,
              s.household_id, s.neighbourhood_code, s.status, s.outreach_at, s.registration_id,
              s.version, n.name as neighbourhood_name
         from signals s
         left join neighbourhoods n on n.municipality_id = s.municipality_id and n.code = s.neighbourhood_code
        where s.municipality_id = $1 and s.team_id = $2 and s.status = 'open'
        order by s.postcode, s.house_number, s.received_at limit 100`,
      [municipalityId, request.query.team],
    );
    return { items: rows, nextCursor: null };
  });

  app.get<{ Params: { id: string } }>('/households/:id', async (request, reply) => {
    const { rows } = await pool.query(
      `select h.id, h.team_id, h.postcode, h.house_number, h.house_letter, h.house_number_addition,
              h.street, h.city, h.neighbourhood_code, h.version, n.name as neighbourhood_name,
              (select t.id from trajectories t where t.municipality_id = h.municipality_id
                 and t.household_id = h.id and t.status <> 'closed' limit 1) as open_trajectory_id,
              coalesce((select json_agg(json_build_object('id', r.id, 'givenName', r.given_name,
                  'familyName', r.family_name, 'birthDate', r.birth_date, 'bsnMasked', r.bsn_masked)
                  order by r.birth_date, r.given_name)
                from residents r where r.municipality_id = h.municipality_id and r.household_id = h.id), '[]') as members
         from households h
         left join neighbourhoods n on n.municipality_id = h.municipality_id and n.code = h.neighbourhood_code
        where h.municipality_id = $1 and h.id = $2`,
      [municipalityId, request.params.id],
    );
    if (!rows[0]) return reply.status(404).send({ title: 'not found' });
    return rows[0];
  });

  // The trajectory list as the repository builds it (members, overdue and next actions, last
  // contact), for one coordinator or one trajectory.
  const trajectoryList = `
    select t.id, t.household_id, t.team_id, t.coordinator_id, c.name as coordinator_name, t.status,
           t.scale_level, t.opened_at, t.closed_at, t.next_follow_up_on, t.plan_version, t.outcome,
           t.close_reason, t.handled_without_specialist_care, t.aftercare_until, t.version,
           h.postcode, h.house_number, h.house_letter, h.house_number_addition, h.street,
           n.name as neighbourhood_name,
           (select string_agg(r.given_name || ' ' || r.family_name, ', ' order by r.birth_date nulls last)
              from residents r where r.municipality_id = t.municipality_id and r.household_id = t.household_id) as members,
           (select count(*)::int from plan_actions a where a.municipality_id = t.municipality_id
              and a.trajectory_id = t.id and a.status = 'open' and a.due_date < current_date) as overdue_actions,
           (select min(a.due_date)::text from plan_actions a where a.municipality_id = t.municipality_id
              and a.trajectory_id = t.id and a.status = 'open' and a.due_date >= current_date) as next_action_due,
           (select max(k.at) from contacts k where k.municipality_id = t.municipality_id and k.trajectory_id = t.id) as last_contact_at
      from trajectories t
      join households h on h.municipality_id = t.municipality_id and h.id = t.household_id
      join staff c on c.municipality_id = t.municipality_id and c.id = t.coordinator_id
      left join neighbourhoods n on n.municipality_id = h.municipality_id and n.code = h.neighbourhood_code
     where t.municipality_id = $1`;

  app.get<{ Querystring: { coordinator: string } }>('/trajectories', async (request) => {
    const { rows } = await pool.query(
      `${trajectoryList} and t.coordinator_id = $2 and t.status in ('open', 'follow_up', 'aftercare') order by t.opened_at desc, t.id limit 200`,
      [municipalityId, request.query.coordinator],
    );
    return { items: rows };
  });

  app.get<{ Querystring: { coordinator: string } }>('/assessments/due', async (request) => {
    const { rows } = await pool.query(
      `with mine as (
         select t.id, t.household_id, t.status, t.opened_at, t.closed_at, t.no_closing_measurement_reason,
                exists (select 1 from assessments a where a.municipality_id = t.municipality_id and a.trajectory_id = t.id
                         and a.instrument = 'zrm-2017' and a.moment = 'start') as has_start,
                exists (select 1 from assessments a where a.municipality_id = t.municipality_id and a.trajectory_id = t.id
                         and a.instrument = 'zrm-2017' and a.moment = 'three_months') as has_three,
                exists (select 1 from assessments a where a.municipality_id = t.municipality_id and a.trajectory_id = t.id
                         and a.instrument = 'zrm-2017' and a.moment = 'closure') as has_closure
         from trajectories t where t.municipality_id = $1 and t.coordinator_id = $2)
       select m.id as trajectory_id,
              (select string_agg(r.given_name || ' ' || r.family_name, ', ' order by r.birth_date nulls last)
                 from residents r where r.municipality_id = $1 and r.household_id = m.household_id) as household,
              d.moment, d.due_since::text as due_since
       from mine m
       cross join lateral (values
         ('start', (m.opened_at at time zone 'Europe/Amsterdam')::date, m.status <> 'closed' and not m.has_start),
         ('three_months', ((m.opened_at at time zone 'Europe/Amsterdam') + interval '3 months')::date,
            m.status in ('open', 'follow_up') and not m.has_three
            and (m.opened_at at time zone 'Europe/Amsterdam') + interval '3 months' <= (now() at time zone 'Europe/Amsterdam')),
         ('closure', (m.closed_at at time zone 'Europe/Amsterdam')::date,
            m.status in ('aftercare', 'closed') and not m.has_closure and m.no_closing_measurement_reason is null)
       ) as d(moment, due_since, is_due)
       where d.is_due order by d.due_since, m.id`,
      [municipalityId, request.query.coordinator],
    );
    return { items: rows };
  });

  app.get<{ Params: { id: string } }>('/trajectories/:id', async (request, reply) => {
    const { rows } = await pool.query(`${trajectoryList} and t.id = $2 limit 1`, [
      municipalityId,
      request.params.id,
    ]);
    if (!rows[0]) return reply.status(404).send({ title: 'not found' });
    const events = await pool.query(
      `select e.id, e.kind, e.from_value, e.to_value, e.note, e.at, e.by_staff_id, s.name as by_name
         from trajectory_events e join staff s on s.municipality_id = e.municipality_id and s.id = e.by_staff_id
        where e.municipality_id = $1 and e.trajectory_id = $2 order by e.at`,
      [municipalityId, request.params.id],
    );
    return { ...rows[0], events: events.rows };
  });

  app.get<{ Params: { id: string } }>('/trajectories/:id/plan', async (request) => {
    const { rows } = await pool.query(
      `select v.version, v.plan, v.changes, v.saved_at, v.saved_by,
              coalesce(s.name, rs.given_name || ' ' || rs.family_name, '?') as saved_by_name,
              v.agreed_on, v.agreement_method, v.agreement_note
         from trajectories t
         join plan_versions v on v.municipality_id = t.municipality_id and v.trajectory_id = t.id and v.version = t.plan_version
         left join staff s on s.municipality_id = v.municipality_id and s.id = v.saved_by
         left join residents rs on rs.municipality_id = v.municipality_id and rs.id = v.saved_by
        where t.municipality_id = $1 and t.id = $2`,
      [municipalityId, request.params.id],
    );
    return rows[0] ?? { version: 0 };
  });

  app.get<{ Params: { id: string } }>('/trajectories/:id/assessments', async (request) => {
    const { rows } = await pool.query(
      `select a.id, a.resident_id, a.instrument, a.moment, a.taken_on, json_object_agg(s.domain, s.score) as scores
         from assessments a
         join assessment_scores s on s.municipality_id = a.municipality_id and s.assessment_id = a.id
        where a.municipality_id = $1 and a.trajectory_id = $2
        group by a.municipality_id, a.id order by a.taken_on`,
      [municipalityId, request.params.id],
    );
    return { items: rows };
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'memory')
      process.send?.({ type: 'memory', rss: process.memoryUsage().rss });
    if (message.type === 'stop') {
      void app
        .close()
        .then(() => pool.end())
        .finally(() => process.exit(0));
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready', port });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench baseline server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
