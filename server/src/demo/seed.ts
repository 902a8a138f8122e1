// The demo municipality: Maastricht with its real CBS wijken and buurten, two teams, partner
// organisations and invented staff, so that `npm start` shows a team in the middle of its work.
// These people do not exist. The demo logins exist only here, never in a real database.
import { sql } from 'kysely';
import { inTenant, type Db, type Trx } from '../platform/db.js';
import { newId } from '../platform/ids.js';
import { hashPassword } from '../platform/passwords.js';
import type { StaffRole } from '../db/schema.js';
import { loadCbsAreas, normaliseAreaName } from '../db/reference-areas.js';
import { seedEntryPoint } from './entry-point-demo.js';
import { seedTrajectories } from './trajectory-demo.js';
import { seedBudget } from './budget-demo.js';
import { seedSocialMap } from './social-map-demo.js';
import { seedStaffHistory } from './staff-history-demo.js';
import { seedBusinessCase } from './business-case-demo.js';
import { DEMO_VOLUNTEER_EMAIL, seedGroups } from './groups-demo.js';
import { seedPrivacy } from './privacy-demo.js';
import { seedHistory, type HistoryOptions } from './history-demo.js';
import { seedSecondFactors } from './second-factor-demo.js';

export const DEMO_PASSWORD = 'samenkracht-demo';
export const DEMO_LOGINS = [
  {
    email: 'worker@maastricht.demo',
    role: 'worker',
    description: 'buurtteammedewerker, Sociaal Team Noordwest',
  },
  {
    email: 'teamlead@maastricht.demo',
    role: 'team_lead',
    description: 'teamleider, Sociaal Team Noordwest',
  },
  {
    email: 'gemeente@maastricht.demo',
    role: 'municipality',
    description: 'gemeente (opdrachtgever)',
  },
  { email: 'admin@maastricht.demo', role: 'admin', description: 'functioneel beheerder' },
  {
    email: 'privacy@maastricht.demo',
    role: 'admin',
    description: 'privacyfunctionaris (admin met de privacytaak)',
  },
  {
    email: 'worker2@maastricht.demo',
    role: 'worker',
    description: 'buurtteammedewerker, Sociaal Team Oost',
  },
  {
    email: DEMO_VOLUNTEER_EMAIL,
    role: 'volunteer',
    description: 'vrijwilliger (ziet alleen eigen taken)',
  },
] as const;

const TEAMS = [
  {
    key: 'noordwest',
    name: 'Sociaal Team Noordwest',
    type: 'social' as const,
    workingArea: 'Caberg, Malpertuis, Brusselse Poort, Malberg en Oud-Caberg',
    // Local spelling on purpose: matched to CBS names by normaliseAreaName.
    buurten: ['Caberg', 'Malpertuis', 'Brusselse Poort', 'Malberg', 'Oud-Caberg'],
  },
  {
    key: 'oost',
    name: 'Sociaal Team Oost',
    type: 'social' as const,
    workingArea: 'Wyckerpoort, Wittevrouwenveld, Nazareth, Limmel en Heugemerveld',
    buurten: ['Wyckerpoort', 'Wittevrouwenveld', 'Nazareth', 'Limmel', 'Heugemerveld'],
  },
];

const ORGANISATIONS = [
  {
    key: 'welzijn',
    name: 'Welzijn Maasland',
    contact: ['Petra Souren', 'p.souren@welzijnmaasland.demo', '043 350 1100'],
  },
  {
    key: 'ggz',
    name: 'GGZ Heuvelland',
    contact: ['Jeroen Lemmens', 'j.lemmens@ggzheuvelland.demo', '043 350 2200'],
  },
  {
    key: 'schuld',
    name: 'Schuldhulp Zuid',
    contact: ['Miriam Kurvers', 'm.kurvers@schuldhulpzuid.demo', '043 350 3300'],
  },
  {
    key: 'zorg',
    name: 'Thuiszorg De Mergel',
    contact: ['Anouk Bemelmans', 'a.bemelmans@demergel.demo', '043 350 4400'],
  },
  {
    key: 'gemeente',
    name: 'Gemeente Maastricht',
    contact: ['Hans Pluijmen', 'h.pluijmen@maastricht.demo', '043 350 5500'],
  },
];

interface DemoStaff {
  name: string;
  email: string;
  role: StaffRole;
  org: string | null;
  teams: string[];
  hours: number;
  expertise: string[];
  /** False for someone who has left (see staff-history-demo.ts). */
  active?: boolean;
}

const STAFF: DemoStaff[] = [
  {
    name: 'Sanne Jacobs',
    email: 'worker@maastricht.demo',
    role: 'worker',
    org: 'welzijn',
    teams: ['noordwest'],
    hours: 32,
    expertise: ['schulden', 'ouderen'],
  },
  {
    name: 'Ruud Hermans',
    email: 'teamlead@maastricht.demo',
    role: 'team_lead',
    org: 'welzijn',
    teams: ['noordwest'],
    hours: 36,
    expertise: ['coaching', 'casusregie'],
  },
  {
    name: 'Ilse Vankan',
    email: 'gemeente@maastricht.demo',
    role: 'municipality',
    org: 'gemeente',
    teams: [],
    hours: 36,
    expertise: ['beleid sociaal domein'],
  },
  {
    name: 'Bart Coenen',
    email: 'admin@maastricht.demo',
    role: 'admin',
    org: 'gemeente',
    teams: [],
    hours: 24,
    expertise: ['functioneel beheer'],
  },
  {
    name: 'Noor Habets',
    email: 'privacy@maastricht.demo',
    role: 'admin',
    org: 'gemeente',
    teams: [],
    hours: 16,
    expertise: ['privacy', 'AVG'],
  },
  {
    name: 'Fatima El Idrissi',
    email: 'worker2@maastricht.demo',
    role: 'worker',
    org: 'ggz',
    teams: ['oost'],
    hours: 32,
    expertise: ['psychiatrie', 'statushouders'],
  },
  {
    name: 'Mohammed Bouzid',
    email: 'm.bouzid@maastricht.demo',
    role: 'worker',
    org: 'ggz',
    teams: ['noordwest'],
    hours: 36,
    expertise: ['psychiatrie', 'verslaving'],
  },
  {
    name: 'Lieke Smeets',
    email: 'l.smeets@maastricht.demo',
    role: 'worker',
    org: 'schuld',
    teams: ['noordwest'],
    hours: 28,
    expertise: ['schulden', 'werk en inkomen'],
  },
  {
    name: 'Tom Vencken',
    email: 't.vencken@maastricht.demo',
    role: 'worker',
    org: 'zorg',
    teams: ['noordwest'],
    hours: 32,
    expertise: ['ouderen', 'mantelzorg'],
  },
  {
    name: 'Esra Yilmaz',
    email: 'e.yilmaz@maastricht.demo',
    role: 'worker',
    org: 'welzijn',
    teams: ['noordwest'],
    hours: 30,
    expertise: ['jeugd en gezin', 'opvoeding'],
  },
  {
    name: 'Kevin Ramakers',
    email: 'k.ramakers@maastricht.demo',
    role: 'worker',
    org: 'ggz',
    teams: ['noordwest'],
    hours: 28,
    expertise: ['LVB', 'huiselijk geweld'],
  },
  {
    name: 'Nicole Habets',
    email: 'n.habets@maastricht.demo',
    role: 'worker',
    org: 'schuld',
    teams: ['noordwest', 'oost'],
    hours: 36,
    expertise: ['schulden', 'wonen'],
  },
  {
    name: 'Joyce Frissen',
    email: 'j.frissen@maastricht.demo',
    role: 'worker',
    org: 'zorg',
    teams: ['noordwest'],
    hours: 28,
    expertise: ['lichamelijke gezondheid', 'ouderen'],
  },
  {
    // Left Oost last year: no longer signs in, but counts in the business case until she left.
    name: 'Marieke Lemmens',
    email: 'm.lemmens@maastricht.demo',
    role: 'worker',
    org: 'ggz',
    teams: ['oost'],
    hours: 24,
    expertise: ['psychische gezondheid', 'verslaving'],
    active: false,
  },
  {
    name: 'Dirk Wetzels',
    email: 'd.wetzels@maastricht.demo',
    role: 'team_lead',
    org: 'welzijn',
    teams: ['oost'],
    hours: 36,
    expertise: ['coaching'],
  },
  {
    name: 'Annelies Dassen',
    email: 'a.dassen@maastricht.demo',
    role: 'worker',
    org: 'welzijn',
    teams: ['oost'],
    hours: 32,
    expertise: ['participatie', 'vrijwilligerswerk'],
  },
  {
    name: 'Youssef Amrani',
    email: 'y.amrani@maastricht.demo',
    role: 'worker',
    org: 'schuld',
    teams: ['oost'],
    hours: 28,
    expertise: ['schulden', 'statushouders'],
  },
  {
    name: 'Marloes Pieters',
    email: 'm.pieters@maastricht.demo',
    role: 'worker',
    org: 'zorg',
    teams: ['oost'],
    hours: 32,
    expertise: ['mantelzorg', 'dementie'],
  },
];

async function createTeams(trx: Trx, municipalityId: string): Promise<Map<string, string>> {
  const rows = await trx
    .selectFrom('neighbourhoods')
    .select(['code', 'name'])
    .where('municipality_id', '=', municipalityId)
    .execute();
  const byName = new Map(rows.map((r) => [normaliseAreaName(r.name), r.code]));
  const ids = new Map<string, string>();
  for (const team of TEAMS) {
    const id = newId();
    ids.set(team.key, id);
    await trx
      .insertInto('teams')
      .values({
        municipality_id: municipalityId,
        id,
        name: team.name,
        type: team.type,
        working_area: team.workingArea,
      })
      .execute();
    const codes = team.buurten.map((name) => {
      const code = byName.get(normaliseAreaName(name));
      if (!code) throw new Error(`Demo buurt not found in CBS data: ${name}`);
      return code;
    });
    await trx
      .insertInto('team_neighbourhoods')
      .values(
        codes.map((code) => ({
          municipality_id: municipalityId,
          team_id: id,
          neighbourhood_code: code,
        })),
      )
      .execute();
  }
  return ids;
}

/** True when the database holds no municipality yet (the owner sees all rows). */
export async function isEmpty(owner: Db): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from municipalities`.execute(
    owner,
  );
  return (rows[0]?.n ?? 0) === 0;
}

/** True when the demo municipality is in the database (a real one set up instead is not). */
export async function hasDemo(owner: Db): Promise<boolean> {
  const { rows } =
    await sql`select 1 from staff where lower(email) = ${DEMO_LOGINS[0].email}`.execute(owner);
  return rows.length > 0;
}

export interface SeedOptions {
  /**
   * Two years of generated history after the hand-made demo (default on). Tests that do not need
   * it seed without (the history takes seconds and no test may depend on demo counts).
   */
  history?: boolean | HistoryOptions;
}

/** `secretKey` encrypts the demo accounts' second factor (see second-factor-demo.ts). */
export async function seedDemo(
  owner: Db,
  secretKey: string,
  options: SeedOptions = {},
): Promise<{ municipalityId: string }> {
  const municipalityId = newId();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await inTenant(owner, { municipalityId, teamIds: [] }, async (trx) => {
    await trx
      .insertInto('municipalities')
      .values({ id: municipalityId, code: 'GM0935', name: 'Maastricht' })
      .execute();
    await loadCbsAreas(trx, municipalityId, 'GM0935');
    const teamIds = await createTeams(trx, municipalityId);
    const orgIds = new Map<string, string>();
    for (const org of ORGANISATIONS) {
      const id = newId();
      orgIds.set(org.key, id);
      const [contactName, contactEmail, contactPhone] = org.contact as [string, string, string];
      await trx
        .insertInto('organisations')
        .values({
          municipality_id: municipalityId,
          id,
          name: org.name,
          contact_name: contactName,
          contact_email: contactEmail,
          contact_phone: contactPhone,
        })
        .execute();
    }
    const staffByEmail = new Map<string, string>();
    for (const member of STAFF) {
      const id = newId();
      staffByEmail.set(member.email, id);
      await trx
        .insertInto('staff')
        .values({
          municipality_id: municipalityId,
          id,
          name: member.name,
          email: member.email,
          role: member.role,
          organisation_id: member.org ? (orgIds.get(member.org) ?? null) : null,
          hours_per_week: member.hours,
          expertise: member.expertise,
          active: member.active ?? true,
        })
        .execute();
      await trx
        .insertInto('credentials')
        .values({ municipality_id: municipalityId, staff_id: id, password_hash: passwordHash })
        .execute();
      if (member.teams.length > 0) {
        await trx
          .insertInto('staff_teams')
          .values(
            member.teams.map((key) => ({
              municipality_id: municipalityId,
              staff_id: id,
              team_id: teamIds.get(key) ?? '',
            })),
          )
          .execute();
      }
    }
    await seedEntryPoint(trx, municipalityId, teamIds, staffByEmail);
    await seedTrajectories(trx, municipalityId, staffByEmail);
    await seedBudget(trx, municipalityId, teamIds, staffByEmail);
    await seedSocialMap(trx, municipalityId, staffByEmail);
    await seedBusinessCase(trx, municipalityId, teamIds, staffByEmail);
    await seedGroups(trx, municipalityId, teamIds, staffByEmail, passwordHash);
    // After every demo staff member exists (the groups add the volunteer), so that all have the
    // same history; the trigger, at the commit, then finds each open stretch as it is and adds none.
    await seedStaffHistory(trx, municipalityId, staffByEmail);
    await seedPrivacy(trx, municipalityId, staffByEmail);
    await seedSecondFactors(trx, municipalityId, staffByEmail, secretKey);
  });
  // After the hand-made demo, in its own transactions: the history ends before today, so the
  // hand-made records stay the freshest.
  const history = options.history ?? true;
  if (history !== false) {
    await seedHistory(owner, municipalityId, history === true ? {} : history);
  }
  return { municipalityId };
}
