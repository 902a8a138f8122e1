// The monitor against a small data set whose answers were worked out by hand (see the comments).
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { call, createTestEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { createMunicipality, createStaffMember } from '../../../test/factories.js';
import { inTenant } from '../../platform/db.js';
import { newId } from '../../platform/ids.js';

interface Shown {
  filters: { suppressed: boolean };
  sections: {
    key: string;
    tables: { key: string; rows: { key: string; value: number | '<5' }[]; total: number | '<5' }[];
    figures: { key: string; value: number | '<5' | null; basedOn: number | '<5' }[];
  }[];
}

let env: TestEnv;
let gemeente: Session;
let lead: Session;
let otherLead: Session;
let buurt: string;

const table = (m: Shown, key: string) =>
  m.sections.flatMap((s) => s.tables).find((t) => t.key === key);
const figure = (m: Shown, key: string) =>
  m.sections.flatMap((s) => s.figures).find((f) => f.key === key)?.value;
const values = (m: Shown, key: string) =>
  Object.fromEntries(
    (table(m, key)?.rows ?? []).filter((r) => r.value !== 0).map((r) => [r.key, r.value]),
  );

beforeAll(async () => {
  env = await createTestEnv();
  const haarlem = await createMunicipality(env.owner);
  const m = haarlem.municipalityId;
  buurt = haarlem.neighbourhoodCode;
  const leadAccount = await createStaffMember(env.owner, m, {
    role: 'team_lead',
    teamIds: [haarlem.teamId],
  });
  const workerAccount = await createStaffMember(env.owner, m, {
    role: 'worker',
    teamIds: [haarlem.teamId],
  });
  const municipalityAccount = await createStaffMember(env.owner, m, { role: 'municipality' });
  // A second team with its own lead, to prove a team lead sees only their own team.
  const otherTeam = newId();
  await inTenant(env.owner, { municipalityId: m, teamIds: [] }, (trx) =>
    trx
      .insertInto('teams')
      .values({
        municipality_id: m,
        id: otherTeam,
        name: 'Ander team',
        type: 'social',
        working_area: '',
      })
      .execute(),
  );
  const otherAccount = await createStaffMember(env.owner, m, {
    role: 'team_lead',
    teamIds: [otherTeam],
  });
  await inTenant(env.owner, { municipalityId: m, teamIds: [haarlem.teamId] }, async (trx) => {
    await trx
      .updateTable('staff')
      .set({ hours_per_week: 36 })
      .where('id', '=', leadAccount.id)
      .execute();
    await trx
      .updateTable('staff')
      .set({ hours_per_week: 18 })
      .where('id', '=', workerAccount.id)
      .execute();
    const household = async (members: { born: string | null }[]) => {
      const id = newId();
      await trx
        .insertInto('households')
        .values({
          municipality_id: m,
          id,
          team_id: haarlem.teamId,
          postcode: '2011AB',
          house_number: 1,
          house_letter: null,
          house_number_addition: null,
          street: null,
          city: null,
          neighbourhood_code: haarlem.neighbourhoodCode,
        })
        .execute();
      const residents = members.map((p, i) => ({
        municipality_id: m,
        id: newId(),
        household_id: id,
        given_name: `Lid${i}`,
        family_name: 'Test',
        birth_date: p.born,
        bsn_hash: null,
        bsn_masked: null,
        phone: null,
        email: null,
      }));
      await trx.insertInto('residents').values(residents).execute();
      return { id, residentId: residents[0]?.id ?? '' };
    };
    const registration = async (r: {
      source: 'gp' | 'self';
      received: string;
      contact: string | null;
      domains: string[];
      triage: 'multiple_problems' | 'single_problem' | 'advice_only' | null;
      household: { id: string; residentId: string } | null;
      trajectoryId?: string;
    }) => {
      const id = newId();
      await trx
        .insertInto('registrations')
        .values({
          municipality_id: m,
          id,
          team_id: haarlem.teamId,
          household_id: r.household?.id ?? null,
          resident_id: r.household?.residentId ?? null,
          source: r.source,
          received_at: r.received,
          question: 'x',
          life_domains: r.domains,
          status: r.triage ? 'triaged' : r.contact ? 'contacted' : 'new',
          first_contact_at: r.contact ? new Date(r.contact) : null,
          first_contact_kind: r.contact ? 'home_visit' : null,
          triage_outcome: r.triage,
          trajectory_id: r.trajectoryId ?? null,
          created_by: workerAccount.id,
        })
        .execute();
      return id;
    };
    const h1 = await household([{ born: '1950-01-01' }]); // 76 at registration: 65-79; 1 person
    const h2 = await household([{ born: '2000-06-01' }, { born: '2001-01-01' }]); // 25: 18-26; 2 people
    const h3 = await household([{ born: null }, { born: null }, { born: null }]); // unknown age; 3 people
    const t1 = newId();
    const t2 = newId();
    await trx
      .insertInto('trajectories')
      .values([
        // Opened 7 April, closed 20 April (13 days), without specialist care.
        {
          municipality_id: m,
          id: t1,
          household_id: h1.id,
          team_id: haarlem.teamId,
          coordinator_id: workerAccount.id,
          opened_at: '2026-04-07T10:00:00+02:00',
          status: 'closed',
          closed_at: new Date('2026-04-20T10:00:00+02:00'),
          outcome: 'goals_achieved',
          handled_without_specialist_care: true,
          registration_id: null,
        },
        // Opened in January and still open.
        {
          municipality_id: m,
          id: t2,
          household_id: h2.id,
          team_id: haarlem.teamId,
          coordinator_id: workerAccount.id,
          opened_at: '2026-01-10T10:00:00+01:00',
          registration_id: null,
        },
      ])
      .execute();
    // The plans: t1 has the resident twice, the network and the team; t2 the resident, a
    // volunteer and a specialist, and a collective action it dropped. Both trajectories were open
    // in April.
    const plan = (trajectoryId: string, owners: string[]) =>
      trx
        .insertInto('plan_actions')
        .values(
          owners.map((owner, position) => ({
            municipality_id: m,
            id: newId(),
            team_id: haarlem.teamId,
            trajectory_id: trajectoryId,
            position,
            description: 'x',
            owner_type: owner as 'resident',
            owner_name: 'x',
            domain: null,
            due_date: null,
            status: 'open' as const,
          })),
        )
        .execute();
    await plan(t1, ['resident', 'resident', 'network', 'team']);
    await plan(t2, ['resident', 'volunteer', 'specialist']);
    // A collective action on t2, dropped: not counted.
    await trx
      .insertInto('plan_actions')
      .values({
        municipality_id: m,
        id: newId(),
        team_id: haarlem.teamId,
        trajectory_id: t2,
        position: 3,
        description: 'x',
        owner_type: 'collective',
        owner_name: 'x',
        domain: null,
        due_date: null,
        status: 'dropped',
      })
      .execute();
    // Fri 3 Apr -> Tue 7 Apr: Mon 6 Apr is Tweede Paasdag, so 1 working day.
    const t1Registration = await registration({
      source: 'gp',
      received: '2026-04-03T10:00:00+02:00',
      contact: '2026-04-07T09:00:00+02:00',
      domains: ['finances', 'housing'],
      triage: 'multiple_problems',
      household: h1,
      trajectoryId: t1,
    });
    // Fri 24 Apr -> Tue 28 Apr: Mon 27 Apr is Koningsdag, so 1 working day.
    await registration({
      source: 'gp',
      received: '2026-04-24T10:00:00+02:00',
      contact: '2026-04-28T09:00:00+02:00',
      domains: ['finances'],
      triage: 'single_problem',
      household: h2,
    });
    // Wed 1 Apr -> Fri 10 Apr: Thu 2, Fri 3, (Mon 6 holiday), Tue 7, Wed 8, Thu 9, Fri 10 = 6 working days.
    await registration({
      source: 'self',
      received: '2026-04-01T10:00:00+02:00',
      contact: '2026-04-10T09:00:00+02:00',
      domains: [],
      triage: 'advice_only',
      household: h3,
    });
    // ZRM: on t1 finances goes 2 -> 3 (improved), on t2 it stays 2 -> 2; both measured in April.
    const measure = async (
      trajectoryId: string,
      residentId: string,
      moment: 'start' | 'three_months',
      on: string,
      finances: number,
    ) => {
      const id = newId();
      await trx
        .insertInto('assessments')
        .values({
          municipality_id: m,
          id,
          team_id: haarlem.teamId,
          trajectory_id: trajectoryId,
          resident_id: residentId,
          instrument: 'zrm-2017',
          moment,
          taken_on: on,
          created_by: workerAccount.id,
        })
        .execute();
      await trx
        .insertInto('assessment_scores')
        .values({
          municipality_id: m,
          team_id: haarlem.teamId,
          assessment_id: id,
          domain: 'finances',
          score: finances,
        })
        .execute();
    };
    await measure(t1, h1.residentId, 'start', '2026-04-07', 2);
    await measure(t1, h1.residentId, 'three_months', '2026-04-19', 3);
    await measure(t2, h2.residentId, 'start', '2026-01-10', 2);
    await measure(t2, h2.residentId, 'three_months', '2026-04-10', 2);
    // Case conferences on t1: one in April, one in May (outside the period).
    for (const heldOn of ['2026-04-15', '2026-05-03'])
      await trx
        .insertInto('case_conferences')
        .values({
          municipality_id: m,
          id: newId(),
          team_id: haarlem.teamId,
          trajectory_id: t1,
          held_on: heldOn,
          participants: '[]',
          resident_present: false,
          question: 'x',
          advice: '',
          decisions: '',
          created_by: workerAccount.id,
        })
        .execute();
    // Referrals: a specialist for h1 and a volunteer for h2 in April, a specialist in May.
    for (const [kind, household, at] of [
      ['specialist', h1.id, '2026-04-10T10:00:00+02:00'],
      ['volunteer', h2.id, '2026-04-20T10:00:00+02:00'],
      ['specialist', h1.id, '2026-05-04T10:00:00+02:00'],
    ] as const)
      await trx
        .insertInto('referrals')
        .values({
          municipality_id: m,
          id: newId(),
          team_id: haarlem.teamId,
          household_id: household,
          kind,
          referred_to: 'x',
          created_by: workerAccount.id,
          created_at: new Date(at),
        })
        .execute();
    // Signals in April: one matched to h1, reached and turned into support; one matched to h2,
    // reached without need of help; one at an unknown address, open. One more in May.
    for (const [reference, received, household, status, supported] of [
      ['S-1', '2026-04-02T09:00:00+02:00', h1.id, 'reached_support_started', true],
      ['S-2', '2026-04-08T09:00:00+02:00', h2.id, 'reached_no_help_needed', false],
      ['S-3', '2026-04-09T09:00:00+02:00', null, 'open', false],
      ['S-4', '2026-05-06T09:00:00+02:00', h1.id, 'open', false],
    ] as const)
      await trx
        .insertInto('signals')
        .values({
          municipality_id: m,
          id: newId(),
          team_id: haarlem.teamId,
          kind: 'rent_arrears',
          reference,
          received_at: received,
          postcode: '2011AB',
          house_number: 1,
          household_id: household,
          neighbourhood_code: haarlem.neighbourhoodCode,
          status,
          // The registration it became (h1's).
          registration_id: supported ? t1Registration : null,
        })
        .execute();
    // Werkbudget: paid for t1 on 15 April (EUR 600, returning EUR 500 a month for 10 months), and
    // paid for t2 on 4 May (outside the period).
    await sql`insert into work_budgets (municipality_id, year, base_cents) values (${m}, 2026, 1000000)`.execute(
      trx,
    );
    for (const [trajectoryId, paidOn, cents] of [
      [t1, '2026-04-15', 60000],
      [t2, '2026-05-04', 25000],
    ] as const) {
      const request = newId();
      await sql`insert into work_budget_requests (municipality_id, id, team_id, trajectory_id, year, purpose,
          amount_cents, vat, justification, alternatives_tried, status, approval_level, requested_by, paid_on)
        values (${m}, ${request}, ${haarlem.teamId}, ${trajectoryId}, 2026, 'Fysiotherapie', ${cents}, 'exempt',
          'J', 'A', 'paid', 'worker', ${workerAccount.id}, ${paidOn})`.execute(trx);
      await sql`insert into work_budget_returns (municipality_id, request_id, team_id, social, category,
          financial_kind, monthly_cents, months, recorded_by)
        values (${m}, ${request}, ${haarlem.teamId}, 'Werkt weer', 'work', 'benefit_stopped', 50000, 10,
          ${workerAccount.id})`.execute(trx);
    }
    // Still waiting, no person data.
    await registration({
      source: 'self',
      received: '2026-04-15T10:00:00+02:00',
      contact: null,
      domains: [],
      triage: null,
      household: null,
    });
    // Outside the period.
    await registration({
      source: 'gp',
      received: '2026-05-02T10:00:00+02:00',
      contact: null,
      domains: ['justice'],
      triage: null,
      household: null,
    });
  });
  gemeente = await login(env.app, municipalityAccount.email, municipalityAccount.password);
  lead = await login(env.app, leadAccount.email, leadAccount.password);
  otherLead = await login(env.app, otherAccount.email, otherAccount.password);
});

const PERIOD = 'from=2026-04-01&to=2026-04-30';

describe('the monitor', () => {
  it('counts reach and who as worked out by hand', async () => {
    const response = await call(env.app, gemeente, 'GET', `/api/v1/reports/monitor?${PERIOD}`);
    expect(response.statusCode).toBe(200);
    const m = response.json<Shown>();
    expect(values(m, 'registrations_by_source')).toEqual({ gp: 2, self: 2 });
    expect(table(m, 'registrations_by_source')?.total).toBe(4);
    expect(values(m, 'triage_outcomes')).toEqual({
      multiple_problems: 1,
      single_problem: 1,
      advice_only: 1,
      pending: 1,
    });
    expect(values(m, 'registrations_by_life_domain')).toEqual({ finances: 2, housing: 1 });
    // Unknown: h3's member without a birth date, and the registration still waiting, which has
    // no resident at all. Every registration is in the table.
    expect(values(m, 'age_bands')).toEqual({ '65-79': 1, '18-26': 1, unknown: 2 });
    expect(table(m, 'age_bands')?.total).toBe(table(m, 'registrations_by_source')?.total);
    expect(values(m, 'household_size')).toEqual({ '1': 1, '2': 1, '3-4': 1 });
    // Signals received in April: 3; matched to a household 2; reached 2; turned into support 1.
    expect(values(m, 'signals')).toEqual({ received: 3, matched: 2, reached: 2, support: 1 });
    // The three households live in one buurt; the registration still waiting has no address.
    expect(values(m, 'registrations_by_neighbourhood')).toEqual({ [buurt]: 3, unknown: 1 });
  });

  it('measures the time to first contact in working days, skipping Easter Monday and Koningsdag', async () => {
    const m = (
      await call(env.app, gemeente, 'GET', `/api/v1/reports/monitor?${PERIOD}`)
    ).json<Shown>();
    // Waits of 1, 1 and 6 working days: median 1; 90th percentile (nearest rank 3 of 3) 6; one over five.
    expect(figure(m, 'first_contact_median')).toBe(1);
    expect(figure(m, 'first_contact_p90')).toBe(6);
    expect(figure(m, 'first_contact_over_5')).toBe(1);
    expect(figure(m, 'still_waiting')).toBe(1);
  });

  it('reports the work and the results', async () => {
    const m = (
      await call(env.app, gemeente, 'GET', `/api/v1/reports/monitor?${PERIOD}`)
    ).json<Shown>();
    expect(figure(m, 'open_at_end')).toBe(1);
    expect(figure(m, 'opened')).toBe(1);
    expect(figure(m, 'closed')).toBe(1);
    expect(figure(m, 'duration_median')).toBe(13);
    expect(values(m, 'durations')).toEqual({ under_3_months: 1 });
    // One open trajectory; all teams together have 36 + 18 + 32 (the other team's lead) = 86 hours
    // = 2.39 fte: 0.42, shown as 0.4. For the one team: 54 hours = 1.5 fte: 0.67, shown as 0.7.
    expect(figure(m, 'caseload_per_fte')).toBe(0.4);
    const team = (
      await call(
        env.app,
        gemeente,
        'GET',
        `/api/v1/reports/monitor?${PERIOD}&teamId=${lead.user.teamIds[0]}`,
      )
    ).json<Shown>();
    expect(figure(team, 'caseload_per_fte')).toBe(0.7);
    expect(figure(m, 'without_specialist_care')).toBe(1);
    // One open trajectory, with the worker: a caseload of 1. One conference in April.
    expect(figure(m, 'caseload_median')).toBe(1);
    expect(figure(m, 'case_conferences')).toBe(1);
    expect(values(m, 'referrals_by_kind')).toEqual({ specialist: 1, volunteer: 1 });
    // The werkbudget paid in April: one use of EUR 600, returning 10 x EUR 500.
    expect(figure(m, 'work_budget_uses')).toBe(1);
    expect(figure(m, 'work_budget_spent')).toBe(60000);
    expect(figure(m, 'work_budget_return')).toBe(500000);
    // Own strength and network first: the actions of both plans by owner, the dropped one left out.
    expect(values(m, 'support_mix')).toEqual({
      resident: 3,
      network: 1,
      volunteer: 1,
      team: 1,
      specialist: 1,
    });
    // In December 2025 neither trajectory was open yet.
    const before = (
      await call(env.app, gemeente, 'GET', `/api/v1/reports/monitor?from=2025-12-01&to=2025-12-31`)
    ).json<Shown>();
    expect(table(before, 'support_mix')?.total).toBe(0);
  });

  it('narrows every section to the households of one buurt', async () => {
    const m = (
      await call(
        env.app,
        gemeente,
        'GET',
        `/api/v1/reports/monitor?${PERIOD}&neighbourhoodCode=${buurt}`,
      )
    ).json<Shown>();
    // All three households live in this buurt; the registration still waiting has no household
    // and drops out: gp 2 (h1, h2) and self 1 (h3).
    expect(values(m, 'registrations_by_source')).toEqual({ gp: 2, self: 1 });
    expect(figure(m, 'still_waiting')).toBe(0);
    expect(figure(m, 'first_contact_median')).toBe(1);
    expect(figure(m, 'opened')).toBe(1);
    expect(figure(m, 'closed')).toBe(1);
    expect(figure(m, 'zrm_pairs')).toBe(2);
    expect(table(m, 'support_mix')?.total).toBe(7);
    // The werkbudget paid in April was for t1, whose household lives here.
    expect(figure(m, 'work_budget_uses')).toBe(1);
    expect(figure(m, 'work_budget_spent')).toBe(60000);
    // Another buurt has none of it.
    const elsewhere = (
      await call(
        env.app,
        gemeente,
        'GET',
        `/api/v1/reports/monitor?${PERIOD}&neighbourhoodCode=BU99999999`,
      )
    ).json<Shown>();
    expect(table(elsewhere, 'registrations_by_source')?.total).toBe(0);
    expect(figure(elsewhere, 'opened')).toBe(0);
    expect(figure(elsewhere, 'closed')).toBe(0);
    expect(figure(elsewhere, 'zrm_pairs')).toBe(0);
    expect(table(elsewhere, 'support_mix')?.total).toBe(0);
    // Nor any of the werkbudget: it was spent on a household in the other buurt.
    expect(figure(elsewhere, 'work_budget_uses')).toBe(0);
    expect(figure(elsewhere, 'work_budget_spent')).toBe(0);
    expect(figure(elsewhere, 'work_budget_return')).toBe(0);
  });

  it('counts ZRM improvement per domain and the share of trajectories measured twice', async () => {
    const m = (
      await call(env.app, gemeente, 'GET', `/api/v1/reports/monitor?${PERIOD}`)
    ).json<Shown>();
    // Two residents measured at the start and after three months; one improved on finances.
    expect(values(m, 'zrm_improved_by_domain')).toEqual({ finances: 1 });
    expect(figure(m, 'zrm_pairs')).toBe(2);
    // One trajectory opened in April (t1), and it has a start and a three-month ZRM.
    expect(figure(m, 'zrm_repeated_share')).toBe(1);
  });

  it('gives a team lead only their own team, and another team nothing of it', async () => {
    const own = (
      await call(env.app, lead, 'GET', `/api/v1/reports/monitor?${PERIOD}`)
    ).json<Shown>();
    expect(table(own, 'registrations_by_source')?.total).toBe(4);
    const other = (
      await call(env.app, otherLead, 'GET', `/api/v1/reports/monitor?${PERIOD}`)
    ).json<Shown>();
    expect(table(other, 'registrations_by_source')?.total).toBe(0);
    const teamId = lead.user.teamIds[0];
    expect(
      (await call(env.app, otherLead, 'GET', `/api/v1/reports/monitor?${PERIOD}&teamId=${teamId}`))
        .statusCode,
    ).toBe(404);
  });

  it('suppresses every count below 5 in the public report', async () => {
    const response = await call(env.app, otherLead, 'GET', `/api/v1/reports/public?${PERIOD}`);
    expect(response.statusCode).toBe(200);
    const m = response.json<Shown>();
    expect(m.filters.suppressed).toBe(true);
    expect(table(m, 'registrations_by_source')?.rows.every((r) => r.value === '<5')).toBe(true);
    expect(table(m, 'registrations_by_source')?.total).toBe('<5');
    expect(figure(m, 'first_contact_median')).toBe('<5');
    expect(JSON.stringify(m)).not.toMatch(/"value":[1-4][,}]/);
  });

  it('exports CSV and a spreadsheet with the filters written in them', async () => {
    const csv = await call(env.app, gemeente, 'GET', `/api/v1/reports/monitor.csv?${PERIOD}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('2026-04-01 t/m 2026-04-30');
    expect(csv.body).toContain('Aanmeldingen per bron,Huisarts,2,aantal');
    const xlsx = await call(env.app, gemeente, 'GET', `/api/v1/reports/monitor.xlsx?${PERIOD}`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Filters')?.getRow(1).getCell(2).value).toBe(
      '2026-04-01 t/m 2026-04-30',
    );
    const reach = workbook.getWorksheet('Bereik');
    const rows: unknown[][] = [];
    reach?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toContainEqual(['Huisarts', 2]);
  });

  it('is not for workers or the admin, and refuses a reversed period', async () => {
    const admin = await createStaffMember(env.owner, lead.user.municipalityId, { role: 'admin' });
    const adminSession = await login(env.app, admin.email, admin.password);
    expect((await call(env.app, adminSession, 'GET', '/api/v1/reports/monitor')).statusCode).toBe(
      403,
    );
    const reversed = await call(
      env.app,
      gemeente,
      'GET',
      '/api/v1/reports/monitor?from=2026-05-01&to=2026-04-01',
    );
    expect(reversed.statusCode).toBe(400);
  });
});
