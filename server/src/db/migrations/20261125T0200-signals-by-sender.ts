// A signal is keyed by who sent it. Until now a signal was unique on (kind, reference) in the
// municipality, and neither the signal nor its import recorded the sending organisation: when two
// housing corporations both numbered a rent arrears case 2025-001, the second corporation's line
// counted as a duplicate and was never stored, so that family never reached the outreach list.
//
// Signals and their imports now record the sending partner organisation (the partner account's
// own organisation, or the one a worker or team lead names when importing on a partner's
// behalf), and the duplicate key is (municipality, organisation, kind, reference).
//
// Existing rows: an import made by a partner account is given that account's organisation on the
// day of the import (staff_periods), and its signals with it. An import made by a worker or team
// lead names no sender that can be known: the importer's organisation is their employer (a
// welfare organisation seconding staff), not the housing corporation whose list it was. Those rows
// keep organisation_id null, "sender unknown". The unique index treats null as one sender of its
// own (nulls not distinct), so those rows stay unique among themselves exactly as before; the
// import (signals.service.ts) also counts a new line as a duplicate of such a row when kind,
// reference and address agree, so that the first list after this change does not add a second
// open signal for every case that list had sent before.
import { sql, type Kysely } from 'kysely';

/** Gives existing imports and their signals the partner account's organisation; exported for its test. */
export async function backfillSenders(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The owner repairs every municipality's rows: row-level security is forced on these tables
    -- (so that it holds for the owner too); lift that for this transaction only.
    alter table signal_imports no force row level security;
    alter table signals no force row level security;
    alter table staff no force row level security;
    alter table staff_periods no force row level security;

    -- The importer's role and organisation on the day of the import; the staff row itself where
    -- no period covers that day.
    update signal_imports i
       set organisation_id = sender.organisation_id
      from (
        select i2.municipality_id, i2.id, coalesce(p.organisation_id, s.organisation_id) as organisation_id,
               coalesce(p.role, s.role) as role
          from signal_imports i2
          join staff s on s.municipality_id = i2.municipality_id and s.id = i2.imported_by
          left join staff_periods p
            on p.municipality_id = i2.municipality_id and p.staff_id = i2.imported_by
           and p.valid_from <= (i2.created_at at time zone 'Europe/Amsterdam')::date
           and (p.valid_until is null or p.valid_until > (i2.created_at at time zone 'Europe/Amsterdam')::date)
         where i2.organisation_id is null
      ) sender
     where i.municipality_id = sender.municipality_id and i.id = sender.id
       and sender.role = 'partner' and sender.organisation_id is not null;

    update signals s
       set organisation_id = i.organisation_id
      from signal_imports i
     where s.municipality_id = i.municipality_id and s.import_id = i.id
       and s.organisation_id is null and i.organisation_id is not null;

    alter table signal_imports force row level security;
    alter table signals force row level security;
    alter table staff force row level security;
    alter table staff_periods force row level security;
  `.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table signal_imports add column organisation_id uuid;
    alter table signal_imports add foreign key (municipality_id, organisation_id)
      references organisations (municipality_id, id);
    alter table signals add column organisation_id uuid;
    alter table signals add foreign key (municipality_id, organisation_id)
      references organisations (municipality_id, id);
    comment on column signals.organisation_id is
      'The partner organisation that sent the signal; null: sent before 20261125T0200 and not known';
  `.execute(db);
  await backfillSenders(db);
  // The new key starts with the sender, so it also serves the foreign key to organisations.
  await sql`
    drop index signals_dedupe;
    create unique index signals_dedupe on signals (municipality_id, organisation_id, kind, reference)
      nulls not distinct;
  `.execute(db);
}
