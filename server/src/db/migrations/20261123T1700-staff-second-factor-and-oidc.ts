// A second factor (TOTP) for staff and, optionally, residents; the half-finished sign-in between
// password and code; and per municipality the sign-in settings: which roles beyond the always
// required ones must use TOTP, and the municipality's own OpenID Connect identity provider.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sign_in_settings (
      municipality_id uuid primary key references municipalities (id),
      -- Roles that must use TOTP on top of the ones the code always requires (admin, municipality).
      totp_extra_roles text[] not null default '{}',
      oidc_enabled boolean not null default false,
      oidc_display_name text not null default '' check (length(oidc_display_name) <= 100),
      oidc_issuer text not null default '' check (length(oidc_issuer) <= 500),
      oidc_client_id text not null default '' check (length(oidc_client_id) <= 500),
      -- AES-256-GCM with a key derived from SECRET_KEY (platform/secret-box.ts); never returned.
      oidc_client_secret_encrypted text not null default '',
      -- Only ID tokens whose e-mail address ends in @<this domain> are accepted (empty: any).
      oidc_email_domain text not null default '' check (length(oidc_email_domain) <= 200),
      oidc_match_claim text not null default 'email' check (oidc_match_claim in ('email', 'sub')),
      version integer not null default 1,
      updated_at timestamptz not null default now()
    );

    -- The subject ('sub') of a staff member at the municipality's identity provider, for
    -- providers whose e-mail addresses are not stable enough to match on.
    alter table staff add column oidc_subject text check (length(oidc_subject) <= 255);
    create unique index staff_oidc_subject_unique on staff (municipality_id, oidc_subject)
      where oidc_subject is not null;

    create table staff_second_factors (
      municipality_id uuid not null,
      staff_id uuid not null,
      secret_encrypted text not null,
      -- Null while enrolment waits for the first code.
      confirmed_at timestamptz,
      -- The last 30-second step whose code was accepted: a code works once (replay protection).
      last_used_step bigint,
      recovery_code_hashes text[] not null default '{}',
      created_at timestamptz not null default now(),
      primary key (municipality_id, staff_id),
      foreign key (municipality_id, staff_id) references staff (municipality_id, id) on delete cascade
    );

    create table resident_second_factors (
      municipality_id uuid not null,
      resident_id uuid not null,
      team_id uuid not null,
      secret_encrypted text not null,
      confirmed_at timestamptz,
      last_used_step bigint,
      recovery_code_hashes text[] not null default '{}',
      created_at timestamptz not null default now(),
      primary key (municipality_id, resident_id),
      foreign key (municipality_id, resident_id) references resident_accounts (municipality_id, resident_id) on delete cascade
    );

    -- Password accepted, second factor still to come: a short-lived token (its hash here) that
    -- opens nothing but the code check or the enrolment.
    create table sign_in_challenges (
      municipality_id uuid not null,
      token_hash text not null unique,
      subject_kind text not null check (subject_kind in ('staff', 'resident')),
      subject_id uuid not null,
      -- A resident's team (their household's): opens their team-scoped rows for the code check.
      team_id uuid,
      stage text not null check (stage in ('verify', 'enrol')),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      primary key (municipality_id, token_hash)
    );
  `.execute(db);

  for (const table of ['sign_in_settings', 'staff_second_factors', 'sign_in_challenges']) {
    await sql`
      alter table ${sql.table(table)} enable row level security;
      alter table ${sql.table(table)} force row level security;
      create policy tenant_isolation on ${sql.table(table)}
        using (municipality_id = (select app_current_municipality()))
        with check (municipality_id = (select app_current_municipality()));
    `.execute(db);
  }
  await sql`
    alter table resident_second_factors enable row level security;
    alter table resident_second_factors force row level security;
    create policy team_isolation on resident_second_factors
      using (municipality_id = (select app_current_municipality()) and team_id = any ((select app_current_team_ids())::uuid[]))
      with check (municipality_id = (select app_current_municipality()) and team_id = any ((select app_current_team_ids())::uuid[]));

    create policy owner_sign_in on sign_in_challenges to current_user using (true);
    create policy owner_sign_in on sign_in_settings to current_user using (true);

    -- The code step comes before any tenant is known, like the password step.
    create function auth_sign_in_challenge(p_token_hash text)
      returns table (municipality_id uuid, subject_kind text, subject_id uuid, team_id uuid, stage text, usable boolean)
      language sql stable security definer set search_path = public, pg_temp
      as $$
        select c.municipality_id, c.subject_kind, c.subject_id, c.team_id, c.stage,
               c.used_at is null and c.expires_at > now()
        from sign_in_challenges c where c.token_hash = p_token_hash
      $$;

    -- The sign-in screen offers "Sign in with <provider>" before anyone is known.
    create function auth_identity_providers()
      returns table (municipality_id uuid, display_name text)
      language sql stable security definer set search_path = public, pg_temp
      as $$
        select s.municipality_id, s.oidc_display_name from sign_in_settings s
        where s.oidc_enabled order by s.oidc_display_name
      $$;

    revoke all on function auth_sign_in_challenge(text) from public;
    revoke all on function auth_identity_providers() from public;
    grant execute on function auth_sign_in_challenge(text) to samenkracht_app;
    grant execute on function auth_identity_providers() to samenkracht_app;

    grant select, insert, update on sign_in_settings to samenkracht_app;
    grant select, insert, update, delete on staff_second_factors, resident_second_factors to samenkracht_app;
    grant select, insert, update, delete on sign_in_challenges to samenkracht_app;
  `.execute(db);
}
