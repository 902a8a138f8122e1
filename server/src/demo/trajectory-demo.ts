// Demo krachtplannen, journals and a case conference for the demo trajectories, so that "my
// trajectories" shows work in progress: versions, an agreed plan, an overdue action, a network.
import { sql } from 'kysely';
import type { Trx } from '../platform/db.js';
import { newId } from '../platform/ids.js';
import type { StoredPlan } from '../modules/plans/plans.schemas.js';
import { diffPlans } from '../modules/plans/plan-diff.js';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
const dateDaysFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

function brouwersPlan(progress: boolean): StoredPlan {
  return {
    answers: {
      own_strength:
        'Ik kan goed koken en houd het huis op orde. De post openen lukt als iemand meekijkt.',
      network: 'Mijn zus Marieke komt elke zaterdag; buurvrouw Ans wil helpen met boodschappen.',
      volunteer: 'Een maatje van de Vrijwilligerscentrale voor Kevin om samen werk te zoeken.',
      collective: 'De administratiespreekuren in het buurthuis Caberg op dinsdag.',
      team: 'Samen een overzicht van de schulden maken en een regeling met de corporatie.',
      specialist: 'Als de schulden te hoog blijken: Gemeentelijke Kredietbank.',
      become_active: 'Weer naar de zangvereniging.',
      contribute: 'Jolanda wil bij het buurthuis helpen met de koffieochtend.',
    },
    domains: [
      {
        domain: 'finances',
        situation: 'Huurachterstand van drie maanden en een energieschuld.',
        strengths: 'Wil graag orde, houdt afspraken na.',
        goal: 'Binnen drie maanden een betalingsregeling die ze kan volhouden.',
      },
      {
        domain: 'work_and_education',
        situation: 'Kevin (22) zit sinds school thuis.',
        strengths: 'Handig met fietsen repareren.',
        goal: 'Kevin heeft een stage of dagbesteding.',
      },
    ],
    actions: [
      {
        id: '',
        description: 'Samen de post openen en sorteren',
        ownerType: 'network',
        ownerName: 'Zus Marieke',
        domain: 'finances',
        dueDate: dateDaysFromNow(-3),
        status: progress ? 'done' : 'open',
      },
      {
        id: '',
        description: 'Betalingsregeling aanvragen bij de corporatie',
        ownerType: 'resident',
        ownerName: 'Jolanda',
        domain: 'finances',
        dueDate: dateDaysFromNow(-2),
        status: 'open',
      },
      {
        id: '',
        description: 'Schuldenoverzicht maken',
        ownerType: 'team',
        ownerName: 'Sanne Jacobs',
        domain: 'finances',
        dueDate: dateDaysFromNow(7),
        status: 'open',
      },
      {
        id: '',
        description: 'Kennismaken met de fietsenwerkplaats',
        ownerType: 'volunteer',
        ownerName: 'Maatje Vrijwilligerscentrale',
        domain: 'work_and_education',
        dueDate: dateDaysFromNow(14),
        status: 'open',
      },
      {
        id: '',
        description: 'Administratiespreekuur buurthuis bezoeken',
        ownerType: 'collective',
        ownerName: 'Buurthuis Caberg',
        domain: 'finances',
        dueDate: null,
        status: 'open',
      },
    ],
    agreements: [
      'Jolanda belt Sanne meteen als er een brief over afsluiting komt.',
      'Post wordt niet meer ongeopend weggelegd.',
    ],
    crisisPlan: {
      signs: 'Jolanda neemt de telefoon niet meer op en zegt afspraken af.',
      whatToDo: 'Marieke gaat langs; Sanne plant binnen twee dagen een huisbezoek.',
      whoToCall: 'Marieke (zus), Sanne Jacobs (regisseur)',
      agreedWithInformalCarer: true,
    },
    network: [
      {
        id: '',
        name: 'Marieke',
        relation: 'family',
        closeness: 1,
        roleInPlan: 'Opent samen de post',
      },
      {
        id: '',
        name: 'Ans (buurvrouw)',
        relation: 'neighbour',
        closeness: 2,
        roleInPlan: 'Boodschappen als Jolanda ziek is',
      },
      {
        id: '',
        name: 'Maatje Vrijwilligerscentrale',
        relation: 'volunteer',
        closeness: 3,
        roleInPlan: 'Met Kevin naar de fietsenwerkplaats',
      },
      {
        id: '',
        name: 'Huisarts Dr. Vaessen',
        relation: 'professional',
        closeness: 3,
        roleInPlan: null,
      },
    ],
  };
}

/** Fills in ids once, and keeps them between versions (as the service does). */
function withIds(plan: StoredPlan, ids: { actions: string[]; network: string[] }): StoredPlan {
  return {
    ...plan,
    actions: plan.actions.map((a, i) => ({ ...a, id: (ids.actions[i] ??= newId()) })),
    network: plan.network.map((n, i) => ({ ...n, id: (ids.network[i] ??= newId()) })),
  };
}

export async function seedTrajectories(
  trx: Trx,
  municipalityId: string,
  staffByEmail: Map<string, string>,
) {
  const staff = (email: string) => staffByEmail.get(email) ?? '';
  const rows = await sql<{
    id: string;
    team_id: string;
    household_id: string;
    family_name: string;
  }>`
    select t.id, t.team_id, t.household_id, min(r.family_name) as family_name
    from trajectories t join residents r on r.municipality_id = t.municipality_id and r.household_id = t.household_id
    where t.municipality_id = ${municipalityId}::uuid group by t.id, t.team_id, t.household_id`.execute(
    trx,
  );
  const brouwers = rows.rows.find((r) => r.family_name === 'Brouwers');
  if (!brouwers) return;

  const ids = { actions: [] as string[], network: [] as string[] };
  const v1 = withIds(brouwersPlan(false), ids);
  const v2 = withIds(brouwersPlan(true), ids);
  const versions: { plan: StoredPlan; before: StoredPlan | null; days: number; agreed: boolean }[] =
    [
      { plan: v1, before: null, days: 35, agreed: true },
      { plan: v2, before: v1, days: 6, agreed: false },
    ];
  for (const [i, v] of versions.entries()) {
    await trx
      .insertInto('plan_versions')
      .values({
        municipality_id: municipalityId,
        team_id: brouwers.team_id,
        trajectory_id: brouwers.id,
        version: i + 1,
        plan: JSON.stringify(v.plan),
        changes: JSON.stringify(diffPlans(v.before, v.plan)),
        saved_by: staff('worker@maastricht.demo'),
        saved_at: daysAgo(v.days),
        agreed_on: v.agreed
          ? daysAgo(v.days - 1)
              .toISOString()
              .slice(0, 10)
          : null,
        agreement_method: v.agreed ? 'signature' : null,
        agreement_recorded_by: v.agreed ? staff('worker@maastricht.demo') : null,
      })
      .execute();
  }
  await trx
    .insertInto('plan_actions')
    .values(
      v2.actions.map((a, position) => ({
        municipality_id: municipalityId,
        id: a.id,
        team_id: brouwers.team_id,
        trajectory_id: brouwers.id,
        position,
        description: a.description,
        owner_type: a.ownerType,
        owner_name: a.ownerName,
        domain: a.domain,
        due_date: a.dueDate,
        status: a.status,
      })),
    )
    .execute();
  await trx
    .insertInto('network_members')
    .values(
      v2.network.map((n, position) => ({
        municipality_id: municipalityId,
        id: n.id,
        team_id: brouwers.team_id,
        trajectory_id: brouwers.id,
        position,
        name: n.name,
        relation: n.relation,
        closeness: n.closeness,
        role_in_plan: n.roleInPlan,
      })),
    )
    .execute();
  await trx
    .updateTable('trajectories')
    .set({ plan_version: 2, next_follow_up_on: dateDaysFromNow(5) })
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', brouwers.id)
    .execute();

  const journal: [number, 'home_visit' | 'phone' | 'office' | 'message', string, number][] = [
    [
      38,
      'home_visit',
      'Keukentafelgesprek met Jolanda en Kevin; vragen van het krachtplan doorgelopen.',
      90,
    ],
    [35, 'home_visit', 'Krachtplan besproken en ondertekend; Marieke was erbij.', 60],
    [
      20,
      'phone',
      'Corporatie gebeld: regeling mogelijk als de eerste termijn binnen twee weken komt.',
      15,
    ],
    [6, 'office', 'Jolanda op het spreekuur: post is gesorteerd, schuldenoverzicht gestart.', 45],
  ];
  await trx
    .insertInto('contacts')
    .values(
      journal.map(([days, kind, note, minutes]) => ({
        municipality_id: municipalityId,
        id: newId(),
        team_id: brouwers.team_id,
        trajectory_id: brouwers.id,
        at: daysAgo(days),
        kind,
        note,
        minutes,
        created_by: staff('worker@maastricht.demo'),
      })),
    )
    .execute();

  // ZRM (2017) at the start and an interim measurement for the Brouwers household.
  const jolanda = await trx
    .selectFrom('residents')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('household_id', '=', brouwers.household_id)
    .where('given_name', '=', 'Jolanda')
    .executeTakeFirst();
  const zrmDomains = [
    'finances',
    'work_and_education',
    'time_use',
    'housing',
    'domestic_relations',
    'mental_health',
    'physical_health',
    'substance_use',
    'basic_adl',
    'instrumental_adl',
    'social_network',
    'participation',
    'justice',
  ];
  // What Jolanda sent from the portal: the coordinator read the first, two still wait for her.
  const ownAction = v2.actions.find((a) => a.ownerType === 'resident');
  if (jolanda && ownAction) {
    const messages = [
      {
        kind: 'plan_wish' as const,
        action: null,
        text: 'Kevin wil graag ook iets met auto’s doen, kan dat bij de stage?',
        days: 4,
        read: true,
      },
      {
        kind: 'action_comment' as const,
        action: ownAction.id,
        text: 'De corporatie belt me volgende week terug over de regeling.',
        days: 2,
        read: false,
      },
      {
        kind: 'plan_wish' as const,
        action: null,
        text: 'Kunnen we ook kijken naar de energierekening?',
        days: 1,
        read: false,
      },
    ];
    await trx
      .insertInto('resident_messages')
      .values(
        messages.map((m) => ({
          municipality_id: municipalityId,
          id: newId(daysAgo(m.days).getTime()),
          team_id: brouwers.team_id,
          trajectory_id: brouwers.id,
          resident_id: jolanda.id,
          kind: m.kind,
          action_id: m.action,
          text: m.text,
          created_at: daysAgo(m.days),
          read_at: m.read ? daysAgo(m.days - 1) : null,
        })),
      )
      .execute();
  }

  const measurements: { moment: 'start' | 'interim'; days: number; scores: (number | null)[] }[] = [
    { moment: 'start', days: 37, scores: [1, 3, 2, 2, 3, 3, 4, 5, 5, 3, 2, 2, null] },
    { moment: 'interim', days: 6, scores: [2, 3, 3, 3, 3, 4, 4, 5, 5, 4, 3, 3, null] },
  ];
  for (const m of measurements) {
    const assessmentId = newId();
    await trx
      .insertInto('assessments')
      .values({
        municipality_id: municipalityId,
        id: assessmentId,
        team_id: brouwers.team_id,
        trajectory_id: brouwers.id,
        resident_id: jolanda?.id ?? null,
        instrument: 'zrm-2017',
        moment: m.moment,
        taken_on: daysAgo(m.days).toISOString().slice(0, 10),
        created_by: staff('worker@maastricht.demo'),
      })
      .execute();
    await trx
      .insertInto('assessment_scores')
      .values(
        zrmDomains.map((domain, i) => ({
          municipality_id: municipalityId,
          team_id: brouwers.team_id,
          assessment_id: assessmentId,
          domain,
          score: m.scores[i] ?? null,
        })),
      )
      .execute();
  }

  const pinas = rows.rows.find((r) => r.family_name === 'Pinas');
  if (pinas) {
    await trx
      .insertInto('contacts')
      .values([
        {
          municipality_id: municipalityId,
          id: newId(),
          team_id: pinas.team_id,
          trajectory_id: pinas.id,
          at: daysAgo(70),
          kind: 'home_visit',
          note: 'Kennismaking met het gezin; school was erbij.',
          minutes: 75,
          created_by: staff('m.bouzid@maastricht.demo'),
        },
        {
          municipality_id: municipalityId,
          id: newId(),
          team_id: pinas.team_id,
          trajectory_id: pinas.id,
          at: daysAgo(40),
          kind: 'phone',
          note: 'Vader heeft gesolliciteerd bij de gemeente (groenonderhoud).',
          minutes: 10,
          created_by: staff('m.bouzid@maastricht.demo'),
        },
      ])
      .execute();
    await trx
      .insertInto('case_conferences')
      .values({
        municipality_id: municipalityId,
        id: newId(),
        team_id: pinas.team_id,
        trajectory_id: pinas.id,
        held_on: daysAgo(30).toISOString().slice(0, 10),
        participants: JSON.stringify([
          { name: 'Mohammed Bouzid', role: 'regisseur', external: false },
          { name: 'Esra Yilmaz', role: 'jeugd en gezin', external: false },
          { name: 'Intern begeleider basisschool', role: 'school', external: true },
        ]),
        resident_present: false,
        question: 'Is opvoedondersteuning vanuit Jeugd & Gezin nodig, of kan het team dit zelf?',
        advice: 'Esra vliegt in voor zes gesprekken opvoedondersteuning; het team houdt de regie.',
        decisions: 'Schaalniveau: specialist voor een taak. Evaluatie over zes weken.',
        created_by: staff('m.bouzid@maastricht.demo'),
      })
      .execute();
    await trx
      .updateTable('trajectories')
      .set({ scale_level: 'specialist_task', next_follow_up_on: dateDaysFromNow(-1) })
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', pinas.id)
      .execute();
  }
}
