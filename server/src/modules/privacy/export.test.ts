// The right of access as a readable document: every section of the JSON export is in it.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  auditPerResident,
  call,
  createDemoEnv,
  login,
  type Session,
  type TestEnv,
} from '../../../test/harness.js';
import { EXPORTED_TABLES } from './privacy.service.js';
import { SECTION_TITLES } from './export.html.js';
import { accessLogText } from '../portal/access-log-texts.js';
import { INSTRUMENTS } from '../assessments/instruments.js';
import { todayInAmsterdam } from '../../platform/dates.js';
import { newId } from '../../platform/ids.js';

let env: TestEnv;
let officer: Session;
let worker: Session;
let worker2: Session;
let residentId: string;
let trajectoryId: string;

beforeAll(async () => {
  env = await createDemoEnv();
  officer = await login(env.app, 'privacy@maastricht.demo');
  worker = await login(env.app, 'worker@maastricht.demo');
  worker2 = await login(env.app, 'worker2@maastricht.demo');
  const created = await call(env.app, worker, 'POST', '/api/v1/registrations', {
    teamId: worker.user.teamIds[0],
    source: 'self',
    receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
    question: 'Hulp bij <post> & "rekeningen"',
    resident: { givenName: 'Inzage', familyName: 'Vrager', birthDate: '1975-01-01' },
  });
  residentId = created.json<{ residentId: string }>().residentId;
  const registrationId = created.json<{ id: string }>().id;
  // Triage follows the first contact.
  const contact = await call(
    env.app,
    worker,
    'POST',
    `/api/v1/registrations/${registrationId}/first-contact`,
    { at: new Date(Date.now() - 3_600_000).toISOString(), kind: 'home_visit' },
  );
  expect(contact.statusCode).toBe(200);
  const triage = await call(
    env.app,
    worker,
    'POST',
    `/api/v1/registrations/${registrationId}/triage`,
    { outcome: 'multiple_problems' },
  );
  expect(triage.statusCode).toBe(200);
  trajectoryId = triage.json<{ trajectoryId: string }>().trajectoryId;
  await call(env.app, worker, 'PUT', `/api/v1/trajectories/${trajectoryId}/plan`, {
    version: 0,
    answers: { own_strength: 'Zelf de post openen.' },
    actions: [],
    agreements: ['Elke week bellen'],
  });
});

describe('the readable export (HTML)', () => {
  it('has a section for every table of the JSON export, with a Dutch heading', async () => {
    const response = await call(
      env.app,
      officer,
      'GET',
      `/api/v1/residents/${residentId}/export.html`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const html = response.body;
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('@media print');
    for (const table of Object.keys(EXPORTED_TABLES)) {
      expect(html, table).toContain(`<section id="sectie-${table}" data-table="${table}">`);
      expect(SECTION_TITLES[table], `Dutch heading for ${table}`).toBeDefined();
      expect(html).toContain(`<h2>${SECTION_TITLES[table]?.title ?? ''}`);
    }
    expect(html).toContain('Inzage in uw gegevens');
    expect(html).toContain('Elke week bellen');
    // Text from the file is escaped, never markup.
    expect(html).toContain('Hulp bij &lt;post&gt; &amp; &quot;rekeningen&quot;');
    expect(html).not.toContain('<post>');
    // The access log reads as the portal's does, with the code the JSON export holds beside it.
    const actions = [...html.matchAll(/<th scope="row">handeling<\/th><td>(.*?)<\/td>/g)].map(
      (m) => m[1] ?? '',
    );
    expect(actions.length).toBeGreaterThan(0);
    for (const cell of actions) {
      const code = /<span class="leeg">\(([a-z_.]+)\)<\/span>$/.exec(cell)?.[1] ?? '';
      expect(cell).toBe(`${accessLogText(code, 'success').nl} <span class="leeg">(${code})</span>`);
      expect(cell).not.toContain('deed iets met uw dossier');
    }
  });

  it('holds the same rows as the JSON export', async () => {
    const json = (
      await call(env.app, officer, 'GET', `/api/v1/residents/${residentId}/export`)
    ).json<{ tables: Record<string, unknown[]> }>().tables;
    const html = (
      await call(env.app, officer, 'GET', `/api/v1/residents/${residentId}/export.html`)
    ).body;
    for (const [table, rows] of Object.entries(json)) {
      const section = html.split(`<section id="sectie-${table}"`)[1]?.split('</section>')[0] ?? '';
      // The count in the heading, and one table per row. The JSON export itself added one
      // audit row (resident.export) that the HTML, made after it, also shows.
      const expected = table === 'audit_events' ? rows.length + 1 : rows.length;
      expect(section, table).toContain(`(${expected})</span></h2>`);
      expect((section.match(/<table>/g) ?? []).length, table).toBe(expected);
    }
  });

  it('can be produced by a worker of the own team, not by another team or an admin without the duty', async () => {
    expect(
      (await call(env.app, worker, 'GET', `/api/v1/residents/${residentId}/export.html`))
        .statusCode,
    ).toBe(200);
    expect(
      (await call(env.app, worker2, 'GET', `/api/v1/residents/${residentId}/export.html`))
        .statusCode,
    ).toBe(404);
    const admin = await login(env.app, 'admin@maastricht.demo');
    expect(
      (await call(env.app, admin, 'GET', `/api/v1/residents/${residentId}/export.html`)).statusCode,
    ).toBe(403);
  });
});

describe('the reasons in the access log of the export', () => {
  // The reason the resident is told they will read (the portal shows it too).
  const GLASS = 'Crisis: moeder belt in paniek, eigen team vandaag niet bereikbaar';
  let auditFilter: string;

  beforeAll(async () => {
    // A worker of another team breaks the glass.
    const glass = await call(env.app, worker2, 'POST', '/api/v1/break-glass', {
      trajectoryId,
      reason: GLASS,
    });
    expect(glass.statusCode).toBe(201);
    // The privacy officer checks who read this resident's file, filtering on one staff member:
    // the stored reason of that audit.read holds the staff member's id.
    const check = await call(
      env.app,
      officer,
      'GET',
      `/api/v1/audit?residentId=${residentId}&actorId=${worker.user.id}`,
    );
    expect(check.statusCode).toBe(200);
    auditFilter = `actor ${worker.user.id}`;
    // A list read stores its filter ("status triaged").
    const list = await call(env.app, worker, 'GET', '/api/v1/registrations?status=triaged');
    expect(list.statusCode).toBe(200);
  });

  it('the JSON export keeps every action, with only the break-the-glass reason', async () => {
    const json = (
      await call(env.app, officer, 'GET', `/api/v1/residents/${residentId}/export`)
    ).json<{ tables: Record<string, unknown[]> }>().tables;
    const events = (json.audit_events ?? []) as { action: string; reason: string | null }[];
    for (const action of ['audit.read', 'registration.list', 'break_glass.open']) {
      expect(
        events.some((e) => e.action === action),
        action,
      ).toBe(true);
    }
    expect(events.find((e) => e.action === 'break_glass.open')?.reason).toBe(GLASS);
    expect(events.filter((e) => e.action === 'audit.read').map((e) => e.reason)).not.toContain(
      auditFilter,
    );
    expect(
      events.filter((e) => e.action === 'registration.list').map((e) => e.reason),
    ).not.toContain('status triaged');
    // The portal's rule (reasonForResident): no other reason reaches the resident.
    for (const event of events) {
      if (event.action !== 'break_glass.open') expect(event.reason, event.action).toBeNull();
    }
  });

  it('the HTML export keeps every action, with only the break-the-glass reason', async () => {
    const html = (
      await call(env.app, officer, 'GET', `/api/v1/residents/${residentId}/export.html`)
    ).body;
    const section =
      html.split('<section id="sectie-audit_events"')[1]?.split('</section>')[0] ?? '';
    expect(section).toContain(GLASS);
    for (const action of ['audit.read', 'registration.list', 'break_glass.open']) {
      expect(section).toContain(
        `${accessLogText(action, 'success').nl} <span class="leeg">(${action})</span>`,
      );
    }
    expect(html).not.toContain(auditFilter);
    expect(html).not.toContain('status triaged');
    expect(html).not.toContain('right of access (inzage)');
  });
});

describe('the signals in the export', () => {
  it('name the organisation that sent each one, so the resident knows the source', async () => {
    // A demo resident whose household a signal list (sent by the municipality's desk) matched.
    const { rows } = await sql<{ resident_id: string; sender: string }>`
      select r.id as resident_id, o.name as sender
        from signals s join residents r on r.household_id = s.household_id
        join organisations o on o.id = s.organisation_id
       order by r.id limit 1`.execute(env.owner);
    const matched = rows[0];
    if (!matched) throw new Error('the demo has no signal matched to a household');
    const tables = (
      await call(env.app, officer, 'GET', `/api/v1/residents/${matched.resident_id}/export`)
    ).json<{ tables: Record<string, { sender_name?: string }[]> }>().tables;
    expect(tables.signals?.length).toBeGreaterThan(0);
    expect(tables.signals?.map((s) => s.sender_name)).toContain(matched.sender);
  });
});

describe("another member's personal items in the export", () => {
  // A household of two adults and a child. The household's shared file is everyone's; a row about
  // one member (a measurement, a registration's question, a request to erase) is in that member's
  // export and their parent's, never in the other adult's: the portal's rule for "Mijn metingen"
  // (measuredVisibleTo), which the export now uses too. Review 2 found the partner's measurement
  // and its scores in the other adult's export.
  const members: Record<'anna' | 'bert' | 'kind', string> = { anna: '', bert: '', kind: '' };
  const measured: Record<'household' | 'anna' | 'bert' | 'kind', string> = {
    household: '',
    anna: '',
    bert: '',
    kind: '',
  };
  let bertsRegistration: string;
  let householdId: string;

  type Tables = Record<string, Record<string, unknown>[]>;
  const exportOf = async (residentId: string): Promise<Tables> => {
    const response = await call(env.app, officer, 'GET', `/api/v1/residents/${residentId}/export`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ tables: Tables }>().tables;
  };
  const idsIn = (tables: Tables, table: string, column = 'id') =>
    (tables[table] ?? []).map((row) => row[column]);

  async function addMember(givenName: string, birthDate: string): Promise<string> {
    const household = await call(env.app, worker, 'GET', `/api/v1/households/${householdId}`);
    const response = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/households/${householdId}/members`,
      {
        version: household.json<{ version: number }>().version,
        givenName,
        familyName: 'Gezinsproef',
        birthDate,
      },
    );
    expect(response.statusCode, response.body).toBe(201);
    const found = response.json<{ members: { id: string; givenName: string }[] }>().members;
    return found.find((m) => m.givenName === givenName)?.id ?? '';
  }

  async function measure(trajectory: string, residentId: string): Promise<string> {
    const scores = Object.fromEntries(
      INSTRUMENTS['zrm-2017'].domains.map(({ key }) => [key, key === 'justice' ? null : 2]),
    );
    const response = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/trajectories/${trajectory}/assessments`,
      {
        instrument: 'zrm-2017',
        moment: 'start',
        takenAt: todayInAmsterdam(),
        residentId,
        scores,
      },
    );
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string }>().id;
  }

  beforeAll(async () => {
    const created = await call(env.app, worker, 'POST', '/api/v1/registrations', {
      teamId: worker.user.teamIds[0],
      source: 'self',
      receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
      question: 'Vraag van het gezin',
      resident: { givenName: 'Anna', familyName: 'Gezinsproef', birthDate: '1972-02-02' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const registration = created.json<{ id: string; residentId: string; householdId: string }>();
    members.anna = registration.residentId;
    householdId = registration.householdId;
    await call(env.app, worker, 'POST', `/api/v1/registrations/${registration.id}/first-contact`, {
      at: new Date(Date.now() - 3_600_000).toISOString(),
      kind: 'home_visit',
    });
    const triage = await call(
      env.app,
      worker,
      'POST',
      `/api/v1/registrations/${registration.id}/triage`,
      {
        outcome: 'multiple_problems',
      },
    );
    const trajectory = triage.json<{ trajectoryId: string }>().trajectoryId;
    members.bert = await addMember('Bert', '1970-01-01');
    members.kind = await addMember('Kind', '2016-06-06');
    // A measurement of the household as a whole (resident_id null): the API links one to the
    // registration's resident when none is named, so this one is made with the owner connection.
    measured.household = newId();
    await sql`insert into assessments (municipality_id, id, team_id, trajectory_id, resident_id,
        instrument, moment, taken_on, created_by)
      values (${worker.user.municipalityId}, ${measured.household}, ${worker.user.teamIds[0] ?? ''},
        ${trajectory}, null, 'positive-health', 'start', current_date, ${worker.user.id})`.execute(
      env.owner,
    );
    await sql`insert into assessment_scores (municipality_id, team_id, assessment_id, domain, score)
      values (${worker.user.municipalityId}, ${worker.user.teamIds[0] ?? ''}, ${measured.household},
        'daily_functioning', 6)`.execute(env.owner);
    measured.anna = await measure(trajectory, members.anna);
    measured.bert = await measure(trajectory, members.bert);
    measured.kind = await measure(trajectory, members.kind);
    // Bert's own question, registered on the household (owner SQL: a later registration of his).
    bertsRegistration = newId();
    await sql`insert into registrations (municipality_id, id, team_id, household_id, resident_id, source,
        received_at, question, life_domains, created_by)
      values (${worker.user.municipalityId}, ${bertsRegistration}, ${worker.user.teamIds[0] ?? ''},
        ${householdId}, ${members.bert}, 'gp', now(), 'Bert: somber sinds het ontslag', '{}',
        ${worker.user.id})`.execute(env.owner);
    // Bert asks to erase the file, by letter; the household's trajectory still runs.
    const requested = await call(env.app, officer, 'POST', '/api/v1/privacy/erasures', {
      residentId: members.bert,
      note: 'Brief van Bert over zijn eigen gezondheid',
    });
    expect(requested.statusCode, requested.body).toBe(201);
  });

  it("holds an adult's own and their child's measurements, not their partner's", async () => {
    const anna = await exportOf(members.anna);
    expect(idsIn(anna, 'assessments').sort()).toEqual(
      [measured.household, measured.anna, measured.kind].sort(),
    );
    // The scores of the partner's measurement are not there either.
    expect(idsIn(anna, 'assessment_scores', 'assessment_id')).not.toContain(measured.bert);
    expect(new Set(idsIn(anna, 'assessment_scores', 'assessment_id'))).toEqual(
      new Set([measured.household, measured.anna, measured.kind]),
    );

    const bert = await exportOf(members.bert);
    expect(idsIn(bert, 'assessments').sort()).toEqual(
      [measured.household, measured.bert, measured.kind].sort(),
    );
    // A child's export: the household's and their own.
    const kind = await exportOf(members.kind);
    expect(idsIn(kind, 'assessments').sort()).toEqual([measured.household, measured.kind].sort());
  });

  it("holds the household's registrations and the own, not another adult's question", async () => {
    const anna = await exportOf(members.anna);
    expect(idsIn(anna, 'registrations')).not.toContain(bertsRegistration);
    expect(anna.registrations?.length).toBe(1);
    expect(idsIn(await exportOf(members.bert), 'registrations')).toContain(bertsRegistration);
  });

  it('names in the audit each member whose personal items it holds: the child, not the partner', async () => {
    await exportOf(members.anna);
    const exportsOf = async (residentId: string) =>
      (
        await sql<{ n: number }>`select count(*)::int as n from ${auditPerResident} as audit_events
          where resident_id = ${residentId} and action = 'resident.export'
            and actor_id = ${officer.user.id}`.execute(env.owner)
      ).rows[0]?.n ?? 0;
    const before = { kind: await exportsOf(members.kind), bert: await exportsOf(members.bert) };
    await exportOf(members.anna);
    // The child's measurements went out with the mother's export: the child's access log shows it.
    expect(await exportsOf(members.kind)).toBe(before.kind + 1);
    expect(await exportsOf(members.bert)).toBe(before.bert);
  });

  it("holds the household's erasure case, but the words of the request only for who wrote it", async () => {
    const annas = (await exportOf(members.anna)).erasure_cases ?? [];
    expect(annas).toHaveLength(1);
    expect(annas[0]?.request_note).toBeNull();
    const berts = (await exportOf(members.bert)).erasure_cases ?? [];
    expect(berts[0]?.request_note).toBe('Brief van Bert over zijn eigen gezondheid');
  });
});
