// The werkbudget (a yearly discretionary budget for unorthodox solutions, allocated to teams and
// topped up from other budgets, spent under a mandate) and the yearly execution budget (costs and
// coverage). Money is integer euro cents (bigint) throughout.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table work_budgets (
      municipality_id uuid not null references municipalities (id),
      year integer not null check (year between 2000 and 2100),
      base_cents bigint not null check (base_cents >= 0),
      -- Up to this amount a worker decides alone; up to the next a team lead; above it the municipality.
      mandate_worker_cents bigint not null default 25000 check (mandate_worker_cents >= 0),
      mandate_team_lead_cents bigint not null default 100000 check (mandate_team_lead_cents >= mandate_worker_cents),
      version integer not null default 1,
      updated_at timestamptz not null default now(),
      primary key (municipality_id, year)
    );
    create table work_budget_top_ups (
      municipality_id uuid not null,
      year integer not null,
      position integer not null,
      source text not null,
      cents bigint not null check (cents >= 0),
      primary key (municipality_id, year, position),
      foreign key (municipality_id, year) references work_budgets (municipality_id, year) on delete cascade
    );
    -- A team's share; team_id null is the city-wide pot that teams without a share draw on.
    create table work_budget_allocations (
      municipality_id uuid not null,
      year integer not null,
      team_id uuid,
      cents bigint not null check (cents >= 0),
      foreign key (municipality_id, year) references work_budgets (municipality_id, year) on delete cascade,
      foreign key (municipality_id, team_id) references teams (municipality_id, id)
    );
    create unique index work_budget_allocations_unique on work_budget_allocations
      (municipality_id, year, coalesce(team_id, '00000000-0000-0000-0000-000000000000'));

    create table work_budget_requests (
      municipality_id uuid not null,
      id uuid not null,
      team_id uuid not null,
      trajectory_id uuid,
      year integer not null,
      purpose text not null,
      amount_cents bigint not null,
      vat text not null check (vat in ('included', 'excluded', 'exempt')),
      vat_note text,
      justification text not null,
      alternatives_tried text not null,
      plan_goal text,
      status text not null check (status in ('requested', 'approved', 'rejected', 'paid', 'correction')),
      approval_level text not null check (approval_level in ('worker', 'team_lead', 'municipality')),
      requested_by uuid not null,
      requested_at timestamptz not null default now(),
      decided_by uuid,
      decided_at timestamptz,
      decision_note text,
      paid_on date,
      payee text,
      payment_reference text,
      paid_by uuid,
      -- A paid request is never changed: a correction is a visible counter-entry pointing at it.
      correction_of uuid,
      version integer not null default 1,
      primary key (municipality_id, id),
      foreign key (municipality_id, team_id) references teams (municipality_id, id),
      foreign key (municipality_id, trajectory_id) references trajectories (municipality_id, id),
      foreign key (municipality_id, year) references work_budgets (municipality_id, year),
      check ((status = 'correction') = (correction_of is not null)),
      check (status = 'correction' or amount_cents > 0)
    );
    create index work_budget_requests_by_year on work_budget_requests (municipality_id, year, team_id, status);

    create table work_budget_returns (
      municipality_id uuid not null,
      request_id uuid not null,
      team_id uuid not null,
      social text not null,
      category text not null check (category in ('work', 'health', 'housing', 'debts', 'participation', 'school', 'other')),
      financial_kind text,
      monthly_cents bigint check (monthly_cents >= 0),
      months integer check (months between 0 and 120),
      recorded_by uuid not null,
      recorded_at timestamptz not null default now(),
      primary key (municipality_id, request_id),
      foreign key (municipality_id, request_id) references work_budget_requests (municipality_id, id)
    );

    create table execution_budgets (
      municipality_id uuid not null references municipalities (id),
      year integer not null check (year between 2000 and 2100),
      version integer not null default 1,
      updated_at timestamptz not null default now(),
      primary key (municipality_id, year)
    );
    create table execution_budget_lines (
      municipality_id uuid not null,
      year integer not null,
      side text not null check (side in ('cost', 'coverage')),
      position integer not null,
      label text not null,
      cents bigint not null check (cents >= 0),
      realised_cents bigint check (realised_cents >= 0),
      vat_note text,
      primary key (municipality_id, year, side, position),
      foreign key (municipality_id, year) references execution_budgets (municipality_id, year) on delete cascade
    );
  `.execute(db);

  for (const table of [
    'work_budgets',
    'work_budget_top_ups',
    'work_budget_allocations',
    'execution_budgets',
    'execution_budget_lines',
  ]) {
    await sql`
      alter table ${sql.table(table)} enable row level security;
      alter table ${sql.table(table)} force row level security;
      create policy tenant_isolation on ${sql.table(table)}
        using (municipality_id = app_current_municipality())
        with check (municipality_id = app_current_municipality());
    `.execute(db);
  }
  for (const table of ['work_budget_requests', 'work_budget_returns']) {
    await sql`
      alter table ${sql.table(table)} enable row level security;
      alter table ${sql.table(table)} force row level security;
      create policy team_isolation on ${sql.table(table)}
        using (municipality_id = app_current_municipality() and team_id = any(app_current_team_ids()))
        with check (municipality_id = app_current_municipality() and team_id = any(app_current_team_ids()));
    `.execute(db);
  }
  await sql`
    grant select, insert, update on work_budgets, execution_budgets to samenkracht_app;
    grant select, insert, delete on work_budget_top_ups, work_budget_allocations, execution_budget_lines to samenkracht_app;
    grant select, insert, update on work_budget_requests, work_budget_returns to samenkracht_app;
  `.execute(db);
}
