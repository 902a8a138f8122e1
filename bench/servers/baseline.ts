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
        order by s.postcode, s.house_number, s.received_at limit 200`,
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
