// The business case (issue 11): the municipality's price list (yearly cost of individual
// provisions and specialist care, the monthly amount of a benefit, the hourly cost of each
// partner organisation), the assumptions behind the estimated avoided costs (each with a low and
// a high variant) and the number of inhabitants per CBS buurt (population-based view).
// None of it is about a resident: configuration and public statistics only.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table prices (
      municipality_id uuid not null references municipalities (id),
      id uuid not null,
      -- provision: a yearly amount; benefit: a monthly amount; organisation_hour: an hourly amount.
      kind text not null check (kind in ('provision', 'benefit', 'organisation_hour')),
      provision text check (provision in ('individual_support', 'day_activities', 'supported_housing',
        'household_help', 'specialist_youth_care', 'specialist_care', 'wmo_provision')),
      organisation_id uuid,
      amount_cents bigint not null check (amount_cents > 0),
      valid_from date not null,
      valid_to date,
      source_note text not null check (length(source_note) between 1 and 1000),
      -- An hour already paid through the execution budget (urenvergoeding) is shown, not added twice.
      in_execution_budget boolean not null default false,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (municipality_id, id),
      foreign key (municipality_id, organisation_id) references organisations (municipality_id, id),
      check ((kind = 'provision') = (provision is not null)),
      check ((kind = 'organisation_hour') = (organisation_id is not null)),
      check (valid_to is null or valid_to >= valid_from)
    );
    create index prices_by_subject on prices (municipality_id, kind, provision, organisation_id, valid_from);

    create table business_case_assumptions (
      municipality_id uuid not null references municipalities (id),
      id uuid not null,
      basis text not null check (basis in ('closed_without_specialist_care', 'closed_trajectories')),
      price_kind text not null check (price_kind in ('provision', 'benefit')),
      provision text check (provision in ('individual_support', 'day_activities', 'supported_housing',
        'household_help', 'specialist_youth_care', 'specialist_care', 'wmo_provision')),
      share_low_percent integer not null check (share_low_percent between 0 and 100),
      share_high_percent integer not null check (share_high_percent between 0 and 100),
      months_low integer not null check (months_low between 0 and 120),
      months_high integer not null check (months_high between 0 and 120),
      source_note text not null default '' check (length(source_note) <= 1000),
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (municipality_id, id),
      check ((price_kind = 'provision') = (provision is not null)),
      check (share_high_percent >= share_low_percent),
      check (months_high >= months_low)
    );

    -- CBS "Kerncijfers wijken en buurten": inhabitants per buurt per year, loaded by the admin.
    create table neighbourhood_inhabitants (
      municipality_id uuid not null,
      neighbourhood_code text not null,
      year integer not null check (year between 2000 and 2100),
      inhabitants integer not null check (inhabitants >= 0),
      imported_at timestamptz not null default now(),
      primary key (municipality_id, neighbourhood_code, year),
      foreign key (municipality_id, neighbourhood_code) references neighbourhoods (municipality_id, code)
    );
  `.execute(db);

  for (const table of ['prices', 'business_case_assumptions', 'neighbourhood_inhabitants']) {
    await sql`
      alter table ${sql.table(table)} enable row level security;
      alter table ${sql.table(table)} force row level security;
      create policy tenant_isolation on ${sql.table(table)}
        using (municipality_id = (select app_current_municipality()))
        with check (municipality_id = (select app_current_municipality()));
    `.execute(db);
  }
  await sql`
    grant select, insert, update on prices, business_case_assumptions to samenkracht_app;
    grant select, insert, update, delete on neighbourhood_inhabitants to samenkracht_app;
  `.execute(db);
}
