// The monitor's ZRM figures count residents, not pairs of measurements: a resident helped twice
// in a year (a second trajectory after the first was closed) is one resident, with their latest
// pair. Worked out by hand:
// - resident R: trajectory 1 (January - May), finances 2 -> 3 (improved), the second measurement
//   on 6 April; trajectory 2 (from June), finances 2 -> 2 (not improved), on 2 September;
// - trajectory 3 of another household, measured as a household (no resident): finances 1 -> 2
//   (improved), on 4 May.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, login, type Session, type TestEnv } from '../../../test/harness.js';
import { createMunicipality, createStaffMember } from '../../../test/factories.js';
import { inTenant } from '../../platform/db.js';
import { newId } from '../../platform/ids.js';

interface Shown {
  sections: {
    key: string;
    tables: { key: string; rows: { key: string; value: number }[]; total: number }[];
    figures: { key: string; value: number | null; basedOn: number }[];
  }[];
}

let env: TestEnv;
let gemeente: Session;

beforeAll(async () => {
  env = await createTestEnv();
  const city = await createMunicipality(env.owner);
  const m = city.municipalityId;
  const worker = await createStaffMember(env.owner, m, { teamIds: [city.teamId] });
  const account = await createStaffMember(env.owner, m, { role: 'municipality' });
  await inTenant(env.owner, { municipalityId: m, teamIds: [city.teamId] }, async (trx) => {
    const household = async () => {
      const id = newId();
      await trx
        .insertInto('households')
        .values({
          municipality_id: m,
          id,
          team_id: city.teamId,
          postcode: '2011AB',
          house_number: 1,
          house_letter: null,
          house_number_addition: null,
          street: null,
          city: null,
          neighbourhood_code: city.neighbourhoodCode,
        })
        .execute();
      return id;
    };
    const first = await household();
    const resident = newId();
    await trx
      .insertInto('residents')
      .values({
        municipality_id: m,
        id: resident,
        household_id: first,
        given_name: 'R',
        family_name: 'Test',
        birth_date: '1980-01-01',
        bsn_hash: null,
        bsn_masked: null,
        phone: null,
        email: null,
      })
      .execute();
    const measure = async (
      trajectoryId: string,
      residentId: string | null,
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
          team_id: city.teamId,
          trajectory_id: trajectoryId,
          resident_id: residentId,
          instrument: 'zrm-2017',
          moment,
          taken_on: on,
          created_by: worker.id,
        })
        .execute();
      await trx
        .insertInto('assessment_scores')
        .values({
          municipality_id: m,
          team_id: city.teamId,
          assessment_id: id,
          domain: 'finances',
          score: finances,
        })
        .execute();
    };
    const trajectory = async (householdId: string, opened: string, closed: string | null) => {
      const id = newId();
      await trx
        .insertInto('trajectories')
        .values({
          municipality_id: m,
          id,
          household_id: householdId,
          team_id: city.teamId,
          coordinator_id: worker.id,
          opened_at: opened,
          registration_id: null,
          ...(closed
            ? {
                status: 'closed' as const,
                closed_at: new Date(closed),
                outcome: 'partly_achieved' as const,
                handled_without_specialist_care: true,
                no_closing_measurement_reason: 'Verhuisd',
              }
            : {}),
        })
        .execute();
      return id;
    };
    const t1 = await trajectory(first, '2026-01-05T10:00:00+01:00', '2026-05-01T10:00:00+02:00');
    await measure(t1, resident, 'start', '2026-01-05', 2);
    await measure(t1, resident, 'three_months', '2026-04-06', 3);
    const t2 = await trajectory(first, '2026-06-01T10:00:00+02:00', null);
    await measure(t2, resident, 'start', '2026-06-01', 2);
    await measure(t2, resident, 'three_months', '2026-09-02', 2);
    const t3 = await trajectory(await household(), '2026-02-02T10:00:00+01:00', null);
    await measure(t3, null, 'start', '2026-02-02', 1);
    await measure(t3, null, 'three_months', '2026-05-04', 2);
  });
  gemeente = await login(env.app, account.email, account.password);
});

const selfSufficiency = async (query: string) => {
  const response = await call(env.app, gemeente, 'GET', `/api/v1/reports/monitor?${query}`);
  expect(response.statusCode).toBe(200);
  const section = response.json<Shown>().sections.find((s) => s.key === 'self_sufficiency');
  const table = section?.tables.find((t) => t.key === 'zrm_improved_by_domain');
  return {
    residents: section?.figures.find((f) => f.key === 'zrm_pairs')?.value,
    finances: table?.rows.find((r) => r.key === 'finances')?.value,
    total: table?.total,
  };
};

describe('the residents measured at the start and after three months', () => {
  it('counts a resident with two trajectories once, with their latest pair', async () => {
    // R once (the September pair, not improved) and the household of trajectory 3 (improved).
    expect(await selfSufficiency('from=2026-01-01&to=2026-12-31')).toEqual({
      residents: 2,
      finances: 1,
      total: 2,
    });
  });

  it('takes the pair whose second measurement lies in the period', async () => {
    // January - June: R's April pair (improved) and trajectory 3's.
    expect(await selfSufficiency('from=2026-01-01&to=2026-06-30')).toEqual({
      residents: 2,
      finances: 2,
      total: 2,
    });
  });
});
