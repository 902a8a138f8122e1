// Erasure leaves no words about the person anywhere in the database. The family name is planted
// in every free text a household's file can hold (through the API where a worker, resident or
// privacy officer writes it; with the owner connection where that takes a long detour), the
// household is erased, and then every text, jsonb and array column of every table is scanned for
// it. Review 2 found it left in the history's notes, break-the-glass reasons, audit reasons (search
// terms), erasure notes; this test names each column, so that a new one must be decided on.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { call, createDemoEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { newId } from '../../platform/ids.js';
import { inTenant } from '../../platform/db.js';
import { EXPORTED_TABLES } from './privacy.service.js';

const MARK = 'Zzwisproef';

/** Every column that holds words about the person: planted with MARK before the erasure. */
const PLANTED = [
  'residents.given_name',
  'residents.family_name',
  'residents.email',
  'residents.phone',
  'households.street',
  'households.city',
  'registrations.question',
  'registrations.triage_note',
  'registrations.triage_reason',
  'registrations.referred_to',
  'trajectories.close_reason',
  'trajectories.no_closing_measurement_reason',
  'trajectory_events.note',
  'plan_versions.plan',
  'plan_versions.changes',
  'plan_versions.agreement_note',
  'plan_actions.description',
  'plan_actions.owner_name',
  'network_members.name',
  'network_members.role_in_plan',
  'contacts.note',
  'case_conferences.participants',
  'case_conferences.question',
  'case_conferences.advice',
  'case_conferences.decisions',
  'referrals.referred_to',
  'referrals.note',
  'referrals.shared',
  'referrals.answer',
  'signals.reference',
  'signals.family_name',
  'signals.note',
  'work_budget_requests.purpose',
  'work_budget_requests.vat_note',
  'work_budget_requests.justification',
  'work_budget_requests.alternatives_tried',
  'work_budget_requests.plan_goal',
  'work_budget_requests.decision_note',
  'work_budget_requests.payee',
  'work_budget_requests.payment_reference',
  'work_budget_returns.social',
  'work_budget_returns.financial_kind',
  'resident_accounts.login_name',
  'resident_messages.text',
  'audit_events.reason',
  'volunteer_matches.resident_first_name',
  'volunteer_matches.task',
  'volunteer_matches.where_text',
  'volunteer_matches.when_text',
  'volunteer_matches.outcome',
  'resident_offers.skill',
  'resident_offers.availability',
  'resident_offers.note',
  'item_loans.note',
  'break_glass_grants.reason',
  'erasure_cases.request_note',
  'erasure_cases.decision_note',
  'privacy_alert_reviews.note',
];

/**
 * The other text columns of the tables about residents: codes, hashes and identifiers that hold no
 * words (kept, or removed as the erasure's own assertions below check), each with why.
 */
const NOT_FREE_TEXT: Record<string, string> = {
  'residents.bsn_hash': 'a keyed hash; erased to null (asserted below)',
  'residents.bsn_masked': 'digits only; erased to null (asserted below)',
  'households.postcode': 'format-checked; erased to null (asserted below)',
  'households.house_letter': 'one letter; erased to null (asserted below)',
  'households.house_number_addition': 'at most 4 characters; erased to null (asserted below)',
  'households.neighbourhood_code': 'CBS code, kept for the monitor',
  'registrations.first_contact_kind': 'code',
  'registrations.life_domains': 'codes',
  'registrations.source': 'code',
  'registrations.status': 'code',
  'registrations.triage_outcome': 'code',
  'trajectories.outcome': 'code',
  'trajectories.scale_level': 'code',
  'trajectories.status': 'code',
  'trajectories.plan_actions_by_owner': 'counts per owner type',
  'trajectory_events.kind': 'code',
  'trajectory_events.from_value': 'a status, scale level or staff id',
  'trajectory_events.to_value': 'a status, scale level or staff id',
  'trajectory_events.note_code': "code of the system's own reason",
  'plan_versions.agreement_method': 'code',
  'plan_actions.domain': 'code',
  'plan_actions.owner_type': 'code',
  'plan_actions.status': 'code',
  'network_members.relation': 'code',
  'contacts.kind': 'code',
  'referrals.consent_scope': 'codes',
  'referrals.kind': 'code',
  'referrals.status': 'code',
  'referrals.wmo_provision': 'code',
  'signals.postcode': "the signal's address is kept for the monitor (docs/privacy.md)",
  'signals.house_letter': "the signal's address is kept for the monitor (docs/privacy.md)",
  'signals.house_number_addition': "the signal's address is kept for the monitor",
  'signals.kind': 'code',
  'signals.status': 'code',
  'signals.neighbourhood_code': 'CBS code',
  'assessments.instrument': 'code',
  'assessments.moment': 'code',
  'assessments.scores_by_domain': 'scores per domain code',
  'assessment_scores.domain': 'code',
  'work_budget_requests.approval_level': 'code',
  'work_budget_requests.status': 'code',
  'work_budget_requests.vat': 'code',
  'work_budget_returns.category': 'code',
  'resident_invitations.code_hash': 'hash of a random code; the erasure voids it (asserted)',
  'resident_accounts.password_hash': 'emptied by the erasure (asserted below)',
  'resident_sessions.csrf_token': 'random; the rows are deleted (asserted below)',
  'resident_sessions.token_hash': 'hash of a random token; the rows are deleted',
  'resident_messages.kind': 'code',
  'audit_events.action': 'code',
  'audit_events.actor_role': 'code',
  'audit_events.object_type': 'code',
  'audit_events.object_id': 'an id',
  'audit_events.request_id': 'an id',
  'audit_events.resident_ids': "the residents' ids a list named",
  'audit_events.result': 'code',
  'audit_reads_by_hour.actor_role': 'code',
  'volunteer_matches.status': 'code',
  'group_participants.status': 'code',
  'erasure_cases.legal_exception': "the system's text: periods and dates, no words of anyone",
  'erasure_cases.source': 'code',
  'erasure_cases.status': 'code',
  'signal_imports.file_sha256': 'hash of the file',
  'resident_second_factors.secret_encrypted': 'a credential; the rows are deleted (asserted)',
  'resident_second_factors.recovery_code_hashes': 'hashes; the rows are deleted (asserted)',
  'sign_in_challenges.stage': 'code',
  'sign_in_challenges.subject_kind': 'code',
  'sign_in_challenges.token_hash': 'hash of a random token',
  'privacy_alert_reviews.alert_key': 'the kind and the grant id',
};

/**
 * Columns where the name may stay after an erasure, each with why. None: the audit trail keeps its
 * rows (action, who, when) but not their words.
 */
const KEPT: Record<string, string> = {};

let env: TestEnv;
let worker: Session;
let worker2: Session;
let officer: Session;

interface TextColumn {
  table: string;
  column: string;
}

async function textColumns(): Promise<TextColumn[]> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')
    order by 1, 2`.execute(env.owner);
  return rows.map((r) => ({ table: r.table_name, column: r.column_name }));
}

/** The columns of the whole database that hold MARK now (the owner sees every row). */
async function columnsWithMark(): Promise<string[]> {
  const found: string[] = [];
  for (const { table, column } of await textColumns()) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.table(table)}
      where ${sql.ref(column)}::text ilike ${`%${MARK}%`}`.execute(env.owner);
    if ((rows[0]?.n ?? 0) > 0) found.push(`${table}.${column}`);
  }
  return found;
}

function ok<R extends { statusCode: number; body: string }>(response: R, status = 200): R {
  expect(response.statusCode, response.body).toBe(status);
  return response;
}

interface Planted {
  householdId: string;
  residentId: string;
  trajectoryId: string;
}

/** A household whose file holds MARK in every free text: through the API where it can. */
async function plantEverywhere(): Promise<Planted> {
  const teamId = worker.user.teamIds[0] ?? '';
  const created = ok(
    await call(env.app, worker, 'POST', '/api/v1/registrations', {
      teamId,
      source: 'self',
      receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
      question: `Mevrouw ${MARK} heeft schulden`,
      resident: {
        givenName: `${MARK}je`,
        familyName: MARK,
        birthDate: '1970-03-03',
        phone: `06 ${MARK}`,
        email: `${MARK.toLowerCase()}@example.demo`,
        address: {
          postcode: '6217 KL',
          houseNumber: 77,
          street: `${MARK}straat`,
          city: `${MARK}dorp`,
        },
        neighbourhoodCode: 'BU09350205',
      },
    }),
    201,
  );
  const registration = created.json<{ id: string; residentId: string; householdId: string }>();
  ok(
    await call(env.app, worker, 'POST', `/api/v1/registrations/${registration.id}/first-contact`, {
      at: new Date().toISOString(),
      kind: 'home_visit',
    }),
  );
  const triage = ok(
    await call(env.app, worker, 'POST', `/api/v1/registrations/${registration.id}/triage`, {
      outcome: 'multiple_problems',
    }),
  );
  const trajectoryId = triage.json<{ trajectoryId: string }>().trajectoryId;
  const trajectoryUrl = `/api/v1/trajectories/${trajectoryId}`;
  const current = await call(env.app, worker, 'GET', trajectoryUrl);
  ok(
    await call(env.app, worker, 'PATCH', trajectoryUrl, {
      version: current.json<{ version: number }>().version,
      status: 'follow_up',
      note: `${MARK} wil eerst de schuldhulp afwachten`,
    }),
  );
  ok(
    await call(env.app, worker, 'PUT', `${trajectoryUrl}/plan`, {
      version: 0,
      answers: { own_strength: `${MARK} opent zelf de post` },
      actions: [
        { description: `${MARK} belt de bank`, ownerType: 'network', ownerName: `Zus ${MARK}` },
      ],
      network: [
        { name: `Broer ${MARK}`, relation: 'family', closeness: 1, roleInPlan: `${MARK} helpt` },
      ],
    }),
  );
  // A second save: the changes between the versions name the action too.
  const plan = await call(env.app, worker, 'GET', `${trajectoryUrl}/plan`);
  ok(
    await call(env.app, worker, 'PUT', `${trajectoryUrl}/plan`, {
      version: plan.json<{ version: number }>().version,
      answers: { own_strength: `${MARK} opent zelf de post` },
      actions: [
        { description: `${MARK} belt de woningcorporatie`, ownerType: 'resident', ownerName: MARK },
      ],
      network: [
        { name: `Broer ${MARK}`, relation: 'family', closeness: 1, roleInPlan: `${MARK} helpt` },
      ],
    }),
  );
  ok(
    await call(env.app, worker, 'POST', `${trajectoryUrl}/contacts`, {
      at: new Date().toISOString(),
      kind: 'home_visit',
      note: `Huisbezoek bij ${MARK}`,
    }),
    201,
  );
  ok(
    await call(env.app, worker, 'POST', `${trajectoryUrl}/case-conferences`, {
      heldOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date()),
      participants: [{ name: `Tante ${MARK}` }],
      question: `Wat kan ${MARK} zelf?`,
      advice: `${MARK} naar budgetcoach`,
      decisions: `${MARK} krijgt een maatje`,
    }),
    201,
  );

  // The portal: an account with the name in its login, a wish, an extra code being set up.
  const invitation = ok(
    await call(env.app, worker, 'POST', '/api/v1/portal/invitations', {
      residentId: registration.residentId,
    }),
    201,
  );
  const activated = ok(
    await env.app.inject({
      method: 'POST',
      url: '/api/v1/portal/activate',
      payload: {
        code: invitation.json<{ code: string }>().code,
        loginName: `${MARK.toLowerCase()}.portaal@example.demo`,
        password: 'mijn-eigen-wachtwoord',
      },
    }),
  );
  const cookie = activated.cookies.find((c) => c.name === 'sk_session');
  const resident: Session = {
    cookie: `sk_session=${cookie?.value ?? ''}`,
    csrfToken: activated.json<{ csrfToken: string }>().csrfToken,
    user: activated.json<{ user: Session['user'] }>().user,
  };
  ok(
    await call(env.app, resident, 'POST', '/api/v1/portal/plan/wishes', {
      text: `Ik, ${MARK}, wil liever op dinsdag`,
    }),
    201,
  );
  ok(await call(env.app, resident, 'POST', '/api/v1/portal/second-factor/enrolment'));

  // The audit trail: a search by name, and an emergency access with a reason naming the person.
  ok(await call(env.app, worker, 'GET', `/api/v1/households?q=${MARK}`));
  const glass = ok(
    await call(env.app, worker2, 'POST', '/api/v1/break-glass', {
      trajectoryId,
      reason: `Crisis: ${MARK} dreigt vandaag uit huis gezet te worden`,
    }),
    201,
  );
  ok(
    await call(env.app, officer, 'POST', '/api/v1/privacy/alerts/review', {
      key: `glass:${glass.json<{ id: string }>().id}`,
      note: `Nagevraagd: crisis bij ${MARK} was echt`,
    }),
    201,
  );

  await plantWithOwner(registration, trajectoryId, teamId);

  ok(
    await call(env.app, worker, 'POST', `${trajectoryUrl}/close`, {
      closedAt: new Date().toISOString(),
      outcome: 'goals_achieved',
      handledWithoutSpecialistCare: true,
      reason: `${MARK} redt het nu zelf`,
      noClosingMeasurementReason: `${MARK} wilde geen meting`,
    }),
  );
  return {
    householdId: registration.householdId,
    residentId: registration.residentId,
    trajectoryId,
  };
}

/** The texts that take a long way round through the API (partners, volunteers, budget, pool). */
async function plantWithOwner(
  registration: { id: string; residentId: string; householdId: string },
  trajectoryId: string,
  teamId: string,
) {
  const m = worker.user.municipalityId;
  const by = worker.user.id;
  const text = `over ${MARK}`;
  await sql`update registrations set triage_note = ${text}, triage_reason = ${text}, referred_to = ${text}
    where id = ${registration.id}`.execute(env.owner);
  await sql`update plan_versions set agreement_note = ${text} where trajectory_id = ${trajectoryId}`.execute(
    env.owner,
  );
  await sql`insert into referrals (municipality_id, id, team_id, household_id, trajectory_id, kind,
      referred_to, note, created_by, shared, answer)
    values (${m}, ${newId()}, ${teamId}, ${registration.householdId}, ${trajectoryId}, 'specialist',
      ${text}, ${text}, ${by}, ${JSON.stringify({ name: MARK })}::jsonb, ${text})`.execute(
    env.owner,
  );
  await sql`insert into signals (municipality_id, id, team_id, kind, reference, received_at, postcode,
      house_number, family_name, note, household_id)
    values (${m}, ${newId()}, ${teamId}, 'rent_arrears', ${`${MARK}-001`}, now(), '6217KL', 77,
      ${MARK}, ${text}, ${registration.householdId})`.execute(env.owner);
  await sql`insert into work_budgets (municipality_id, year, base_cents) values (${m}, 2035, 100000)
    on conflict do nothing`.execute(env.owner);
  const requestId = newId();
  await sql`insert into work_budget_requests (municipality_id, id, team_id, trajectory_id, year,
      purpose, amount_cents, vat, vat_note, justification, alternatives_tried, plan_goal, status,
      approval_level, requested_by, decided_by, decided_at, decision_note, paid_on, payee,
      payment_reference, paid_by)
    values (${m}, ${requestId}, ${teamId}, ${trajectoryId}, 2035, ${text}, 5000, 'exempt', ${text},
      ${text}, ${text}, ${text}, 'paid', 'worker', ${by}, ${by}, now(), ${text}, current_date,
      ${text}, ${text}, ${by})`.execute(env.owner);
  await sql`insert into work_budget_returns (municipality_id, request_id, team_id, social, category,
      financial_kind, monthly_cents, months, recorded_by)
    values (${m}, ${requestId}, ${teamId}, ${text}, 'work', ${text}, 1000, 12, ${by})`.execute(
    env.owner,
  );
  await sql`insert into volunteer_matches (municipality_id, id, team_id, trajectory_id, volunteer_id,
      resident_first_name, task, where_text, when_text, outcome, created_by)
    values (${m}, ${newId()}, ${teamId}, ${trajectoryId},
      (select id from volunteers where municipality_id = ${m} order by id limit 1),
      ${MARK}, ${text}, ${text}, ${text}, ${text}, ${by})`.execute(env.owner);
  await sql`insert into resident_offers (municipality_id, id, team_id, resident_id, skill, availability, note)
    values (${m}, ${newId()}, ${teamId}, ${registration.residentId}, ${text}, array[${text}], ${text})`.execute(
    env.owner,
  );
  // Returned: an item the household still has stops the erasure (erasure-ends-support.test.ts).
  await sql`insert into item_loans (municipality_id, id, team_id, item_id, trajectory_id, resident_id,
      from_date, until_date, returned_on, note, created_by)
    values (${m}, ${newId()}, ${teamId},
      (select id from shared_items where municipality_id = ${m} order by id limit 1),
      ${trajectoryId}, ${registration.residentId}, current_date, current_date + 7, current_date,
      ${text}, ${by})`.execute(env.owner);
}

/**
 * The officer looks the person up by name, records a request and refuses it (its words stay until
 * the erasure), then records the request that will be granted. Answers that case's id.
 */
async function requestTwice(residentId: string): Promise<string> {
  ok(await call(env.app, officer, 'GET', `/api/v1/privacy/erasures/residents?familyName=${MARK}`));
  const first = ok(
    await call(env.app, officer, 'POST', '/api/v1/privacy/erasures', {
      residentId,
      note: `Brief van ${MARK}`,
    }),
    201,
  );
  ok(
    await call(
      env.app,
      officer,
      'POST',
      `/api/v1/privacy/erasures/${first.json<{ id: string }>().id}/refuse`,
      {
        version: 1,
        note: `Eerst het dossier van ${MARK} afronden`,
      },
    ),
  );
  const second = ok(
    await call(env.app, officer, 'POST', '/api/v1/privacy/erasures', {
      residentId,
      note: `Tweede brief van ${MARK}`,
    }),
    201,
  );
  return second.json<{ id: string }>().id;
}

beforeAll(async () => {
  env = await createDemoEnv();
  worker = await login(env.app, 'worker@maastricht.demo');
  worker2 = await login(env.app, 'worker2@maastricht.demo');
  officer = await login(env.app, 'privacy@maastricht.demo');
});

describe('erasure of every free text', () => {
  it('knows every text column of the tables about residents: planted with the name, or no words', async () => {
    const tables = new Set([...Object.keys(EXPORTED_TABLES), 'privacy_alert_reviews']);
    const undecided = (await textColumns())
      .filter(({ table }) => tables.has(table))
      .map(({ table, column }) => `${table}.${column}`)
      .filter((name) => !PLANTED.includes(name) && !(name in NOT_FREE_TEXT));
    expect(undecided).toEqual([]);
  });

  it('leaves the name in no column of any table, and closes the portal for good', async () => {
    const planted = await plantEverywhere();
    const caseId = await requestTwice(planted.residentId);
    // The plant took: the name is in every column listed.
    expect(await columnsWithMark()).toEqual(expect.arrayContaining(PLANTED));

    ok(
      await call(env.app, officer, 'POST', `/api/v1/privacy/erasures/${caseId}/erase`, {
        version: 1,
      }),
    );
    const left = (await columnsWithMark()).filter((column) => !(column in KEPT));
    expect(left).toEqual([]);

    // The identifiers and credentials that hold no words are gone as well.
    const residents = await sql<Record<string, unknown>>`
      select r.bsn_hash, r.bsn_masked, h.postcode, h.house_letter, h.house_number_addition
      from residents r join households h on h.municipality_id = r.municipality_id and h.id = r.household_id
      where h.id = ${planted.householdId}`.execute(env.owner);
    for (const row of residents.rows)
      expect(Object.values(row)).toEqual([null, null, null, null, null]);
    const portal = await sql<{
      accounts: number;
      active: number;
      sessions: number;
      factors: number;
      usable_codes: number;
    }>`
      select
        (select count(*)::int from resident_accounts where resident_id = ${planted.residentId} and password_hash = '') as accounts,
        (select count(*)::int from resident_accounts where resident_id = ${planted.residentId} and active) as active,
        (select count(*)::int from resident_sessions where resident_id = ${planted.residentId}) as sessions,
        (select count(*)::int from resident_second_factors where resident_id = ${planted.residentId}) as factors,
        (select count(*)::int from resident_invitations
          where resident_id = ${planted.residentId} and used_at is null and expires_at > now()) as usable_codes`.execute(
      env.owner,
    );
    expect(portal.rows[0]).toEqual({
      accounts: 1,
      active: 0,
      sessions: 0,
      factors: 0,
      usable_codes: 0,
    });

    // The trail keeps every row, and says of each what was done, by whom, when: only the words go.
    const trail = await sql<{ action: string; reason: string | null }>`
      select action, reason from audit_events
      where resident_id = ${planted.residentId} and action in ('household.search', 'erasure.lookup', 'break_glass.open')
      order by at`.execute(env.owner);
    expect(trail.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['household.search', 'erasure.lookup', 'break_glass.open']),
    );
    expect(new Set(trail.rows.map((r) => r.reason))).toEqual(new Set(['Gewist']));
  });

  it('lets the app role empty the trail of an erased household only, in its own municipality', async () => {
    const municipalityId = worker.user.municipalityId;
    const { rows } = await sql<{ id: string; erased: boolean }>`
      select id::text, erased_at is not null as erased from households
      where municipality_id = ${municipalityId} order by erased_at nulls first limit 1`.execute(
      env.owner,
    );
    const live = rows[0];
    expect(live?.erased).toBe(false);
    const run = (inMunicipality: string, householdId: string) =>
      inTenant(env.db, { municipalityId: inMunicipality, teamIds: [] }, (trx) =>
        sql`select erase_trail_texts(${householdId}::uuid)`.execute(trx),
      );
    const before = await sql<{ reasons: string[] }>`
      select coalesce(array_agg(reason order by id), '{}') as reasons from audit_events
      where resident_id in (select id from residents where household_id = ${live?.id ?? ''})`.execute(
      env.owner,
    );
    // A household that is not erased: refused, and nothing changes.
    await expect(run(municipalityId, live?.id ?? '')).rejects.toThrow(/not an erased household/);
    // The erased household of the test above, from another municipality's transaction: refused.
    const erased = await sql<{ id: string }>`
      select id::text from households where municipality_id = ${municipalityId} and erased_at is not null
      limit 1`.execute(env.owner);
    await expect(run(newId(), erased.rows[0]?.id ?? '')).rejects.toThrow(/not an erased household/);
    const after = await sql<{ reasons: string[] }>`
      select coalesce(array_agg(reason order by id), '{}') as reasons from audit_events
      where resident_id in (select id from residents where household_id = ${live?.id ?? ''})`.execute(
      env.owner,
    );
    expect(after.rows[0]?.reasons).toEqual(before.rows[0]?.reasons);
    // The trail itself stays closed to the app role's own updates.
    await expect(
      inTenant(env.db, { municipalityId, teamIds: [] }, (trx) =>
        sql`update audit_events set reason = 'x' where municipality_id = ${municipalityId}`.execute(
          trx,
        ),
      ),
    ).rejects.toThrow(/permission denied/);
  });
});
