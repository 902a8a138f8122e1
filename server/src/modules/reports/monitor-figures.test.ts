// Three monitor figures that once counted the wrong cases, each against a small data set worked
// out by hand: the share of trajectories measured twice (only those due a second measurement by
// the period's end), the time to first contact (without the advice contacts that never waited)
// and the open trajectories per fte (a person's hours split over their teams; none per buurt).
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { createMunicipality, createStaffMember } from '../../../test/factories.js';
import { inTenant } from '../../platform/db.js';
import { newId } from '../../platform/ids.js';

interface Figure {
  key: string;
  value: number | '<5' | null;
  basedOn: number | '<5';
}
interface Shown {
  sections: { key: string; figures: Figure[] }[];
}

let env: TestEnv;
let gemeente: Session;
let worker: Session;
let teamA: string;
let teamB: string;
let buurt: string;

const monitor = async (query: string) => {
  const response = await call(env.app, gemeente, 'GET', `/api/v1/reports/monitor?${query}`);
  expect(response.statusCode).toBe(200);
  return response.json<Shown>();
};
const figure = (m: Shown, key: string) => {
  const found = m.sections.flatMap((s) => s.figures).find((f) => f.key === key);
  if (!found) throw new Error(`no figure ${key}`);
  return { value: found.value, basedOn: found.basedOn };
};

beforeAll(async () => {
  env = await createTestEnv();
  const city = await createMunicipality(env.owner);
  const m = city.municipalityId;
  teamA = city.teamId;
  buurt = city.neighbourhoodCode;
  teamB = newId();
  await inTenant(env.owner, { municipalityId: m, teamIds: [] }, (trx) =>
    trx
      .insertInto('teams')
      .values({ municipality_id: m, id: teamB, name: 'Team B', type: 'social', working_area: '' })
      .execute(),
  );
  // Staff: a lead of 36 hours in team A, a worker of 36 hours in teams A and B, a worker of 18
  // hours in team B. The municipality's account has hours too, but is not a team's worker.
  const lead = await createStaffMember(env.owner, m, { role: 'team_lead', teamIds: [teamA] });
  const shared = await createStaffMember(env.owner, m, { role: 'worker', teamIds: [teamA, teamB] });
  const workerB = await createStaffMember(env.owner, m, { role: 'worker', teamIds: [teamB] });
  const municipalityAccount = await createStaffMember(env.owner, m, { role: 'municipality' });
  await inTenant(env.owner, { municipalityId: m, teamIds: [teamA, teamB] }, async (trx) => {
    for (const [id, hours] of [
      [lead.id, 36],
      [shared.id, 36],
      [workerB.id, 18],
    ] as const)
      await trx.updateTable('staff').set({ hours_per_week: hours }).where('id', '=', id).execute();

    // Trajectories in team A, each in its own household in the buurt, with ZRM measurements at
    // the moments given (no scores needed: the share only asks whether a measurement exists).
    const trajectory = async (t: {
      opened: string;
      closed?: string;
      /** Why there is no closing measurement, as the worker records it at closure. */
      noClosingReason?: string;
      measured: [moment: 'start' | 'three_months' | 'closure', on: string][];
    }) => {
      const household = newId();
      const resident = newId();
      const id = newId();
      await trx
        .insertInto('households')
        .values({
          municipality_id: m,
          id: household,
          team_id: teamA,
          postcode: '2011AB',
          house_number: 1,
          house_letter: null,
          house_number_addition: null,
          street: null,
          city: null,
          neighbourhood_code: buurt,
        })
        .execute();
      await trx
        .insertInto('residents')
        .values({
          municipality_id: m,
          id: resident,
          household_id: household,
          given_name: 'Lid',
          family_name: 'Test',
          birth_date: '1980-01-01',
          bsn_hash: null,
          bsn_masked: null,
          phone: null,
          email: null,
        })
        .execute();
      await trx
        .insertInto('trajectories')
        .values({
          municipality_id: m,
          id,
          household_id: household,
          team_id: teamA,
          coordinator_id: shared.id,
          opened_at: t.opened,
          registration_id: null,
          ...(t.closed
            ? {
                status: 'closed' as const,
                closed_at: new Date(t.closed),
                outcome: 'goals_achieved' as const,
                handled_without_specialist_care: true,
                no_closing_measurement_reason: t.noClosingReason ?? null,
              }
            : {}),
        })
        .execute();
      for (const [moment, on] of t.measured)
        await trx
          .insertInto('assessments')
          .values({
            municipality_id: m,
            id: newId(),
            team_id: teamA,
            trajectory_id: id,
            resident_id: resident,
            instrument: 'zrm-2017',
            moment,
            taken_on: on,
            created_by: shared.id,
          })
          .execute();
    };
    // For 1 January - 30 June: opened ten days before the end, measured at the start only (its
    // three months run to 20 September: not due yet)...
    await trajectory({ opened: '2026-06-20T10:00:00+02:00', measured: [['start', '2026-06-20']] });
    // ... and opened four months before that, measured at the start and after three months.
    await trajectory({
      opened: '2026-02-20T10:00:00+01:00',
      measured: [
        ['start', '2026-02-20'],
        ['three_months', '2026-05-20'],
      ],
    });
    // For 1 July - 31 October: three months end on 31 October itself (due, measured once)...
    await trajectory({ opened: '2026-07-31T10:00:00+02:00', measured: [['start', '2026-07-31']] });
    // ... closed after 17 days with a closing measurement (due at closure, measured twice)...
    await trajectory({
      opened: '2026-08-03T10:00:00+02:00',
      closed: '2026-08-20T10:00:00+02:00',
      measured: [
        ['start', '2026-08-03'],
        ['closure', '2026-08-20'],
      ],
    });
    // ... closed early in September without a closing measurement, and without a reason (due at
    // closure, measured once)...
    await trajectory({
      opened: '2026-08-10T10:00:00+02:00',
      closed: '2026-09-01T10:00:00+02:00',
      measured: [['start', '2026-08-10']],
    });
    // ... closed early with a recorded reason for no closing measurement, as the due list takes
    // it (not due: not counted)...
    await trajectory({
      opened: '2026-08-11T10:00:00+02:00',
      closed: '2026-09-02T10:00:00+02:00',
      noClosingReason: 'Verhuisd naar een andere gemeente',
      measured: [['start', '2026-08-11']],
    });
    // ... opened 5 August and still open (due 5 November: not yet)...
    await trajectory({ opened: '2026-08-05T10:00:00+02:00', measured: [['start', '2026-08-05']] });
    // ... and opened half an hour into 1 August in Amsterdam (31 July in UTC): due 1 November.
    await trajectory({ opened: '2026-08-01T00:30:00+02:00', measured: [['start', '2026-08-01']] });
  });
  gemeente = await login(env.app, municipalityAccount.email, municipalityAccount.password);
  worker = await login(env.app, shared.email, shared.password);

  // Registrations as the app records them.
  const register = async (receivedAt: string, extra: Record<string, unknown> = {}) => {
    const response = await call(env.app, worker, 'POST', '/api/v1/registrations', {
      teamId: teamA,
      source: 'self',
      receivedAt,
      question: 'Een vraag',
      ...extra,
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>().id;
  };
  const contactThenAdvice = async (id: string, at: string) => {
    const contact = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/registrations/${id}/first-contact`,
      {
        at,
        kind: 'home_visit',
      },
    );
    expect(contact.statusCode).toBe(200);
    const triage = await call(env.app, worker, 'POST', `/api/v1/registrations/${id}/triage`, {
      outcome: 'advice_only',
    });
    expect(triage.statusCode).toBe(200);
  };
  // March: an information-and-advice contact on Monday 2 March (first contact and triage in one
  // step), and a registration of Monday 9 March first contacted on Friday 13 March (4 working
  // days), only then triaged as advice only.
  await register('2026-03-02T10:00:00+01:00', { adviceOnly: { contactKind: 'phone' } });
  await contactThenAdvice(await register('2026-03-09T10:00:00+01:00'), '2026-03-13T09:00:00+01:00');
  // February: a walk-in on Monday 2 February, spoken to on the spot (first contact at the moment
  // it came in, recorded on its own), triaged as advice only afterwards: a real wait of 0 days.
  await contactThenAdvice(await register('2026-02-02T10:00:00+01:00'), '2026-02-02T10:00:00+01:00');
});

describe('the share of trajectories with a repeated ZRM', () => {
  it('counts only the trajectories due a second measurement by the end of the period', async () => {
    // Of the two opened in January - June only the older one is due, and it was measured twice.
    const m = await monitor('from=2026-01-01&to=2026-06-30');
    expect(figure(m, 'zrm_repeated_share')).toEqual({ value: 1, basedOn: 1 });
  });

  it('takes a three-month moment on the last day, closure by then and the Amsterdam day', async () => {
    // Due in July - October: the one whose three months end on 31 October (measured once), the
    // one closed in August (measured twice) and the one closed in September without a reason
    // (measured once); not the one closed with a reason, nor the ones due in November.
    const m = await monitor('from=2026-07-01&to=2026-10-31');
    expect(figure(m, 'zrm_repeated_share')).toEqual({ value: 0.333, basedOn: 3 });
    // A day shorter, the first is not due yet either.
    const shorter = await monitor('from=2026-07-01&to=2026-10-30');
    expect(figure(shorter, 'zrm_repeated_share')).toEqual({ value: 0.5, basedOn: 2 });
  });

  it('is the same share in the ZRM analysis, beside how many started in the period', async () => {
    const response = await call(
      env.app,
      gemeente,
      'GET',
      '/api/v1/reports/zrm?from=2026-07-01&to=2026-10-31',
    );
    expect(response.statusCode).toBe(200);
    const { completeness } = response.json<{
      completeness: { trajectories: number; dueForRepeat: number; repeatedShare: number | null };
    }>();
    expect(completeness).toMatchObject({ trajectories: 6, dueForRepeat: 3, repeatedShare: 0.333 });
  });
});

describe('the time to first contact', () => {
  it('leaves out the advice contacts registered with their first contact, not later advice', async () => {
    // Only the registration that waited 4 working days; the advice contact of 2 March never
    // waited. Triaged as advice only after its first contact, the other one counts.
    const m = await monitor('from=2026-03-01&to=2026-03-31');
    expect(figure(m, 'first_contact_median')).toEqual({ value: 4, basedOn: 1 });
    expect(figure(m, 'first_contact_p90')).toEqual({ value: 4, basedOn: 1 });
    expect(figure(m, 'first_contact_over_5')).toEqual({ value: 0, basedOn: 1 });
    expect(figure(m, 'still_waiting')).toEqual({ value: 0, basedOn: 1 });
  });

  it('keeps a first contact on the spot that was recorded on its own', async () => {
    const m = await monitor('from=2026-02-01&to=2026-02-28');
    expect(figure(m, 'first_contact_median')).toEqual({ value: 0, basedOn: 1 });
  });
});

describe('the open trajectories per fte', () => {
  // Open now: the five trajectories above that were not closed, all in team A.
  it("gives a team its share of a shared worker's hours", async () => {
    // Team A: the lead's 36 hours and half of the shared worker's 36 = 54 hours = 1.5 fte:
    // 5 / 1.5 = 3.33, shown as 3.3 (with the shared worker's full hours it would be 5 / 2 = 2.5).
    const a = await monitor(`from=2026-01-01&to=2026-06-30&teamId=${teamA}`);
    expect(figure(a, 'caseload_per_fte')).toEqual({ value: 3.3, basedOn: 5 });
    // All teams: everyone once, with all their hours: 36 + 36 + 18 = 90 hours = 2.5 fte: 2.0.
    const all = await monitor('from=2026-01-01&to=2026-06-30');
    expect(figure(all, 'caseload_per_fte')).toEqual({ value: 2, basedOn: 5 });
  });

  it('has no per-fte figure for a buurt, whose staff are not counted', async () => {
    const all = await monitor(`from=2026-01-01&to=2026-06-30&neighbourhoodCode=${buurt}`);
    expect(figure(all, 'caseload_per_fte').value).toBeNull();
    const a = await monitor(
      `from=2026-01-01&to=2026-06-30&teamId=${teamA}&neighbourhoodCode=${buurt}`,
    );
    expect(figure(a, 'caseload_per_fte').value).toBeNull();
    // The other figures of the work section still answer for the buurt.
    expect(figure(a, 'caseload_median')).toEqual({ value: 5, basedOn: 1 });
  });

  it('is unchanged for a team without shared trajectories', async () => {
    // Team B has no open trajectories: 0 per fte (18 + 18 hours = 1 fte).
    const b = await monitor(`from=2026-01-01&to=2026-06-30&teamId=${teamB}`);
    expect(figure(b, 'caseload_per_fte')).toEqual({ value: 0, basedOn: 0 });
  });
});
