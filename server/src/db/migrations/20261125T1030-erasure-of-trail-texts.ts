// Erasure also empties the words in the trails that the app role may only append to.
//
// Erasing a household (privacy/retention.service.ts, eraseHousehold) runs as the app role, which
// may insert into audit_events, break_glass_grants and privacy_alert_reviews but never change
// them: the trail is append-only by design. Their free text can still hold the person: a
// household search's terms and an erasure lookup's terms (a family name) are the `reason` of audit
// rows naming the residents found, a break-the-glass reason ("crisis: Jansen is being evicted")
// is in the grant and in its audit rows, and the privacy officer's review of that grant's alert may
// repeat it. Review 2 found them all still there after an erasure.
//
// erase_trail_texts replaces exactly those words, and nothing else, for one household:
// - audit_events.reason of the rows that name one of the household's residents (the action, who,
//   when, the object and the result stay: the trail still shows every access);
// - break_glass_grants.reason of the grants for the household (who, when, until when stay; the
//   column requires 20 characters, hence the longer marker);
// - privacy_alert_reviews.note of the reviews of those grants' alerts (key 'glass:' || grant id;
//   that it was reviewed, by whom and when stays).
// Only in the caller's municipality (app.municipality_id of the transaction; row-level security
// binds the owner too, FORCE), and only for a household whose person data are already erased
// (erased_at set in the same transaction by eraseHousehold), so it cannot blank the trail of a
// living file. Running it again changes nothing but rows written since.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function erase_trail_texts(p_household_id uuid) returns void
      language plpgsql security definer set search_path = public, pg_temp
      as $fn$
      declare
        m uuid := app_current_municipality();
      begin
        if m is null or not exists (
          select 1 from households h
          where h.municipality_id = m and h.id = p_household_id and h.erased_at is not null
        ) then
          raise exception 'erase_trail_texts: not an erased household of this municipality'
            using errcode = '42501';
        end if;
        update audit_events e set reason = 'Gewist'
          where e.municipality_id = m and e.reason is not null and e.reason <> 'Gewist'
            and e.resident_id in (select r.id from residents r
                                  where r.municipality_id = m and r.household_id = p_household_id);
        update privacy_alert_reviews v set note = 'Gewist'
          where v.municipality_id = m and v.note <> 'Gewist'
            and v.alert_key in (select 'glass:' || g.id from break_glass_grants g
                                where g.municipality_id = m and g.household_id = p_household_id);
        update break_glass_grants g set reason = 'Gewist bij het wissen van het dossier'
          where g.municipality_id = m and g.household_id = p_household_id
            and g.reason <> 'Gewist bij het wissen van het dossier';
      end
      $fn$;
    revoke all on function erase_trail_texts(uuid) from public;
    grant execute on function erase_trail_texts(uuid) to samenkracht_app;
  `.execute(db);
}
