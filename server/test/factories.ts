// Small factories that take overrides, for data a test needs beside the demo municipality.
import { inTenant, type Db } from '../src/platform/db.js';
import { newId } from '../src/platform/ids.js';
import { hashPassword } from '../src/platform/passwords.js';
import type { StaffRole } from '../src/db/schema.js';

export async function createMunicipality(
  owner: Db,
  overrides: { code?: string; name?: string } = {},
): Promise<{ municipalityId: string; teamId: string; neighbourhoodCode: string }> {
  const municipalityId = newId();
  const teamId = newId();
  const code = overrides.code ?? 'GM0392';
  const digits = code.slice(2);
  const neighbourhoodCode = `BU${digits}0101`;
  await inTenant(owner, { municipalityId, teamIds: [] }, async (trx) => {
    await trx
      .insertInto('municipalities')
      .values({ id: municipalityId, code, name: overrides.name ?? 'Haarlem' })
      .execute();
    await trx
      .insertInto('districts')
      .values({ municipality_id: municipalityId, code: `WK${digits}01`, name: 'Wijk 01' })
      .execute();
    await trx
      .insertInto('neighbourhoods')
      .values({
        municipality_id: municipalityId,
        code: neighbourhoodCode,
        name: 'Testbuurt',
        district_code: `WK${digits}01`,
      })
      .execute();
    await trx
      .insertInto('teams')
      .values({
        municipality_id: municipalityId,
        id: teamId,
        name: 'Buurtteam Test',
        type: 'social',
        working_area: 'Testbuurt',
      })
      .execute();
  });
  return { municipalityId, teamId, neighbourhoodCode };
}

export async function createStaffMember(
  owner: Db,
  municipalityId: string,
  overrides: {
    email?: string;
    role?: StaffRole;
    teamIds?: string[];
    password?: string;
    name?: string;
    organisationId?: string | null;
  } = {},
): Promise<{ id: string; email: string; password: string }> {
  const id = newId();
  const email = overrides.email ?? `staff-${id.slice(-8)}@test.demo`;
  const password = overrides.password ?? 'een-lang-testwachtwoord';
  const passwordHash = await hashPassword(password);
  await inTenant(owner, { municipalityId, teamIds: [] }, async (trx) => {
    await trx
      .insertInto('staff')
      .values({
        municipality_id: municipalityId,
        id,
        name: overrides.name ?? 'Test Medewerker',
        email,
        role: overrides.role ?? 'worker',
        organisation_id: overrides.organisationId ?? null,
        hours_per_week: 32,
        expertise: [],
      })
      .execute();
    await trx
      .insertInto('credentials')
      .values({ municipality_id: municipalityId, staff_id: id, password_hash: passwordHash })
      .execute();
    for (const teamId of overrides.teamIds ?? []) {
      await trx
        .insertInto('staff_teams')
        .values({ municipality_id: municipalityId, staff_id: id, team_id: teamId })
        .execute();
    }
  });
  return { id, email, password };
}
