// Demo social map of Maastricht-Noordwest and Oost, and a small volunteer pool (all invented).
import type { Trx } from '../platform/db.js';
import { newId } from '../platform/ids.js';
import type { SocialMapKind } from '../db/schema.js';

const ENTRIES: {
  kind: SocialMapKind;
  name: string;
  offers: string;
  forWhom: string;
  buurt: string | null;
  domains: string[];
  when: string;
  capacity: number | null;
  contact: string;
}[] = [
  {
    kind: 'collective_provision',
    name: 'Administratiespreekuur buurthuis Caberg',
    offers: 'Hulp bij post, formulieren en toeslagen, zonder afspraak',
    forWhom: 'Bewoners van Noordwest',
    buurt: 'BU09350205',
    domains: ['finances'],
    when: 'Dinsdag 9.30-11.30',
    capacity: 12,
    contact: 'Buurthuis Caberg',
  },
  {
    kind: 'day_activity',
    name: 'Koffieochtend Malpertuis',
    offers: 'Koffie, een praatje en samen de krant lezen',
    forWhom: 'Ouderen en wie er even uit wil',
    buurt: 'BU09350204',
    domains: ['social_network', 'participation'],
    when: 'Woensdag 10.00-12.00',
    capacity: 25,
    contact: 'Welzijn Maasland',
  },
  {
    kind: 'collective_provision',
    name: 'Scootmobielpool Noordwest',
    offers: 'Scootmobiel lenen voor een dag of een week',
    forWhom: 'Bewoners met een beperking, zonder eigen scootmobiel',
    buurt: null,
    domains: ['daily_activities', 'participation'],
    when: 'Op afspraak',
    capacity: 4,
    contact: 'Sociaal Team Noordwest',
  },
  {
    kind: 'volunteer_organisation',
    name: 'Vrijwilligerscentrale Maastricht',
    offers: 'Maatjes, thuisadministratie, klussen',
    forWhom: 'Iedereen in Maastricht',
    buurt: null,
    domains: ['social_network', 'finances'],
    when: 'Werkdagen',
    capacity: null,
    contact: 'Vrijwilligerscentrale',
  },
  {
    kind: 'neighbourhood_initiative',
    name: 'Moestuin Oud-Caberg',
    offers: 'Samen tuinieren en oogsten',
    forWhom: 'Buurtbewoners',
    buurt: 'BU09350206',
    domains: ['daytime_activities', 'participation'],
    when: 'Zaterdagochtend',
    capacity: 15,
    contact: 'Bewonersvereniging Oud-Caberg',
  },
  {
    kind: 'partner_service',
    name: 'Schuldhulp Zuid: spreekuur',
    offers: 'Eerste hulp bij schulden en een betalingsregeling',
    forWhom: 'Inwoners met betalingsachterstanden',
    buurt: null,
    domains: ['finances'],
    when: 'Donderdag 13.00-16.00',
    capacity: 8,
    contact: 'Schuldhulp Zuid',
  },
];

const VOLUNTEERS = [
  {
    name: 'Anja Meertens',
    skills: ['administratie', 'gezelschap'],
    buurten: ['BU09350205', 'BU09350204'],
    availability: ['di-ochtend', 'do-ochtend'],
    vog: '2025-09-01',
  },
  {
    name: 'Bert Hoogers',
    skills: ['klussen', 'vervoer'],
    buurten: ['BU09350207'],
    availability: ['ma-middag', 'vr-middag'],
    vog: '2024-02-15',
  },
  {
    name: 'Chantal Wouters',
    skills: ['gezelschap', 'wandelen'],
    buurten: ['BU09350400', 'BU09350402'],
    availability: ['wo-middag'],
    vog: '2026-03-10',
  },
  {
    name: 'Dirk van Gils',
    skills: ['administratie', 'taal'],
    buurten: ['BU09350200'],
    availability: ['di-avond'],
    vog: '2021-05-01',
  },
];

export async function seedSocialMap(
  trx: Trx,
  municipalityId: string,
  staffByEmail: Map<string, string>,
) {
  const by = staffByEmail.get('teamlead@maastricht.demo') ?? '';
  await trx
    .insertInto('social_map_entries')
    .values(
      ENTRIES.map((e) => ({
        municipality_id: municipalityId,
        id: newId(),
        kind: e.kind,
        name: e.name,
        offers: e.offers,
        for_whom: e.forWhom,
        neighbourhood_code: e.buurt,
        life_domains: e.domains,
        when_text: e.when,
        capacity: e.capacity,
        contact_name: e.contact,
        contact_phone: '',
        contact_email: '',
        created_by: by,
      })),
    )
    .execute();
  await trx
    .insertInto('volunteers')
    .values(
      VOLUNTEERS.map((v) => ({
        municipality_id: municipalityId,
        id: newId(),
        staff_id: null,
        name: v.name,
        skills: v.skills,
        neighbourhood_codes: v.buurten,
        availability: v.availability,
        vog_checked_on: v.vog,
        agreements: 'Geheimhouding besproken; vrijwilligersovereenkomst getekend.',
      })),
    )
    .execute();
}
