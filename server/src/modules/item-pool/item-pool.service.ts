// The uitleenpool: items the team lends out (mobility scooters, a wheelchair) and the loans, with
// who has what from when until when. One item is never lent twice for overlapping days: the
// item's row is locked (`for update`) while a loan is checked and written, so two workers lending
// the same scooter at the same moment cannot both succeed. A loan ends by its return, or, when it
// has not started yet (a reservation), by cancelling it; the loan's row is locked while either is
// checked and written, so two workers ending the same loan at once cannot both succeed. A loan
// also locks its trajectory's row first (as a referral does): a closing at the same moment is
// waited for and then refused, or waits until the loan is written.
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { inTenant, type Trx } from '../../platform/db.js';
import { AppError, invalidField, notFound } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { readableDay, todayInAmsterdam } from '../../platform/dates.js';
import { caseScopeOf, writeScopeFor } from '../organisation/team-scope.js';
import { lockTrajectoryIfInScope } from '../trajectories/trajectories.service.js';
import type { ItemInput, LoanInput } from './item-pool.schemas.js';

function selectLoans(trx: Trx, municipalityId: string) {
  return trx
    .selectFrom('item_loans as l')
    .innerJoin('shared_items as i', (join) =>
      join.onRef('i.municipality_id', '=', 'l.municipality_id').onRef('i.id', '=', 'l.item_id'),
    )
    .innerJoin('residents as r', (join) =>
      join.onRef('r.municipality_id', '=', 'l.municipality_id').onRef('r.id', '=', 'l.resident_id'),
    )
    .select([
      'l.id',
      'l.item_id',
      'i.name as item_name',
      'l.trajectory_id',
      'l.resident_id',
      sql<string>`r.given_name || ' ' || r.family_name`.as('resident_name'),
      'l.from_date',
      'l.until_date',
      'l.returned_on',
      'l.cancelled_on',
      'l.note',
    ])
    .where('l.municipality_id', '=', municipalityId);
}
type LoanRow = Awaited<ReturnType<ReturnType<typeof selectLoans>['execute']>>[number];
const toLoan = (l: LoanRow, today: string) => ({
  id: l.id,
  itemId: l.item_id,
  itemName: l.item_name,
  trajectoryId: l.trajectory_id,
  residentId: l.resident_id,
  residentName: l.resident_name,
  fromDate: l.from_date,
  untilDate: l.until_date,
  returnedOn: l.returned_on,
  cancelledOn: l.cancelled_on,
  overdue: l.returned_on === null && l.cancelled_on === null && l.until_date < today,
  note: l.note,
});

export function listItems(ctx: ServiceContext) {
  const scope = caseScopeOf(ctx.actor);
  const today = todayInAmsterdam();
  return inTenant(ctx.db, scope, async (trx) => {
    const items = await trx
      .selectFrom('shared_items')
      .select(['id', 'team_id', 'kind', 'name', 'description', 'neighbourhood_code', 'active'])
      .where('municipality_id', '=', scope.municipalityId)
      .orderBy('name')
      .execute();
    // The loan that has the item now: started, not returned (also when overdue).
    const current = await selectLoans(trx, scope.municipalityId)
      .where('l.returned_on', 'is', null)
      .where('l.cancelled_on', 'is', null)
      .where('l.from_date', '<=', today)
      .orderBy('l.from_date', 'desc')
      .execute();
    const byItem = new Map<string, LoanRow>();
    for (const loan of current) if (!byItem.has(loan.item_id)) byItem.set(loan.item_id, loan);
    // The reservations: booked for later days, so the team sees them and can cancel one.
    const later = await selectLoans(trx, scope.municipalityId)
      .where('l.returned_on', 'is', null)
      .where('l.cancelled_on', 'is', null)
      .where('l.from_date', '>', today)
      .orderBy('l.from_date')
      .execute();
    await audit(trx, ctx, {
      action: 'item.list',
      objectType: 'shared_item',
      residentIds: [...new Set([...byItem.values(), ...later].map((l) => l.resident_id))],
    });
    return items.map((i) => {
      const loan = byItem.get(i.id);
      return {
        id: i.id,
        teamId: i.team_id,
        kind: i.kind,
        name: i.name,
        description: i.description,
        neighbourhoodCode: i.neighbourhood_code,
        active: i.active,
        currentLoan: loan ? toLoan(loan, today) : null,
        reservations: later.filter((l) => l.item_id === i.id).map((l) => toLoan(l, today)),
      };
    });
  });
}

export function createItem(ctx: ServiceContext, input: ItemInput) {
  const { municipalityId } = ctx.actor;
  return inTenant(ctx.db, caseScopeOf(ctx.actor), async (trx) => {
    await writeScopeFor(trx, ctx.actor, input.teamId);
    if (input.neighbourhoodCode) {
      const buurt = await trx
        .selectFrom('neighbourhoods')
        .select('code')
        .where('municipality_id', '=', municipalityId)
        .where('code', '=', input.neighbourhoodCode)
        .executeTakeFirst();
      if (!buurt)
        throw invalidField(
          'neighbourhoodCode',
          'is not a neighbourhood of this municipality',
          'is geen buurt van deze gemeente',
        );
    }
    const taken = await trx
      .selectFrom('shared_items')
      .select('id')
      .where('municipality_id', '=', municipalityId)
      .where('team_id', '=', input.teamId)
      .where(sql<boolean>`lower(name) = lower(${input.name})`)
      .executeTakeFirst();
    if (taken)
      throw invalidField(
        'name',
        'is already the name of an item of this team',
        'is al de naam van een item van dit team',
      );
    const id = newId();
    await trx
      .insertInto('shared_items')
      .values({
        municipality_id: municipalityId,
        id,
        team_id: input.teamId,
        kind: input.kind,
        name: input.name,
        description: input.description,
        neighbourhood_code: input.neighbourhoodCode,
      })
      .execute();
    await audit(trx, ctx, { action: 'item.create', objectType: 'shared_item', objectId: id });
    return {
      id,
      teamId: input.teamId,
      kind: input.kind,
      name: input.name,
      description: input.description,
      neighbourhoodCode: input.neighbourhoodCode,
      active: true,
      currentLoan: null,
      reservations: [],
    };
  });
}

export function listLoans(ctx: ServiceContext, itemId: string) {
  const scope = caseScopeOf(ctx.actor);
  const today = todayInAmsterdam();
  return inTenant(ctx.db, scope, async (trx) => {
    const item = await trx
      .selectFrom('shared_items')
      .select('id')
      .where('municipality_id', '=', scope.municipalityId)
      .where('id', '=', itemId)
      .executeTakeFirst();
    if (!item) throw notFound();
    const rows = await selectLoans(trx, scope.municipalityId)
      .where('l.item_id', '=', itemId)
      .orderBy('l.from_date', 'desc')
      .execute();
    await audit(trx, ctx, {
      action: 'item.list',
      objectType: 'shared_item',
      objectId: itemId,
      residentIds: [...new Set(rows.map((r) => r.resident_id))],
    });
    return rows.map((r) => toLoan(r, today));
  });
}

export function listOverdue(ctx: ServiceContext) {
  const scope = caseScopeOf(ctx.actor);
  const today = todayInAmsterdam();
  return inTenant(ctx.db, scope, async (trx) => {
    const rows = await selectLoans(trx, scope.municipalityId)
      .where('l.returned_on', 'is', null)
      .where('l.cancelled_on', 'is', null)
      .where('l.until_date', '<', today)
      .orderBy('l.until_date')
      .execute();
    await audit(trx, ctx, {
      action: 'item.list',
      objectType: 'item_loan',
      reason: 'overdue',
      residentIds: [...new Set(rows.map((r) => r.resident_id))],
    });
    return rows.map((r) => toLoan(r, today));
  });
}

/**
 * A loan occupies its item from `from_date` until `until_date` (both days included); once
 * returned, until the day before the return (the next borrower can collect it that day); and
 * when overdue and not returned, open-ended: the scooter is not back yet. A cancelled loan
 * occupies no day.
 */
async function overlappingLoan(
  trx: Trx,
  municipalityId: string,
  itemId: string,
  from: string,
  until: string,
  today: string,
) {
  return trx
    .selectFrom('item_loans')
    .select(['from_date', 'until_date', 'returned_on'])
    .where('municipality_id', '=', municipalityId)
    .where('item_id', '=', itemId)
    .where('cancelled_on', 'is', null)
    .where('from_date', '<=', until)
    .where(
      sql<boolean>`${from}::date <= case
        when returned_on is not null then returned_on - 1
        when until_date < ${today}::date then 'infinity'::date
        else until_date end`,
    )
    .orderBy('from_date')
    .executeTakeFirst();
}

export function lend(ctx: ServiceContext, itemId: string, input: LoanInput) {
  const { municipalityId } = ctx.actor;
  if (input.untilDate < input.fromDate)
    throw invalidField(
      'untilDate',
      'must not be before fromDate',
      'mag niet voor de begindatum liggen',
    );
  const today = todayInAmsterdam();
  return inTenant(ctx.db, caseScopeOf(ctx.actor), async (trx) => {
    // The trajectory first, then the item, as a group sign-up locks its trajectory and group.
    // Locked as a referral does, so "closed" is decided on the row as it is.
    const trajectory = await lockTrajectoryIfInScope(trx, ctx, input.trajectoryId);
    const item = await trx
      .selectFrom('shared_items')
      .select(['id', 'team_id', 'name', 'active'])
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', itemId)
      .forUpdate()
      .executeTakeFirst();
    if (!item) throw notFound();
    if (!trajectory)
      throw invalidField(
        'trajectoryId',
        'is not a trajectory of your team',
        'is geen traject van uw team',
      );
    // As a referral: a closed trajectory takes no new loan; one in aftercare still does.
    if (trajectory.status === 'closed')
      throw new AppError('conflict', {
        detail: { en: 'This trajectory is closed.', nl: 'Dit traject is afgesloten.' },
      });
    if (trajectory.team_id !== item.team_id)
      throw invalidField(
        'trajectoryId',
        "is not a trajectory of the item's team",
        'is geen traject van het team van dit item',
      );
    const member = await trx
      .selectFrom('residents')
      .select('id')
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', input.residentId)
      .where('household_id', '=', trajectory.household_id)
      .executeTakeFirst();
    if (!member)
      throw invalidField(
        'residentId',
        'is not a member of the household of this trajectory',
        'is geen lid van het huishouden van dit traject',
      );
    const clash = await overlappingLoan(
      trx,
      municipalityId,
      itemId,
      input.fromDate,
      input.untilDate,
      today,
    );
    if (clash) {
      const until = clash.returned_on ?? clash.until_date;
      throw new AppError('conflict', {
        detail: {
          en: `${item.name} is already lent out from ${readableDay(clash.from_date).en} until ${readableDay(until).en}${clash.returned_on === null && clash.until_date < today ? ' and has not been returned yet' : ''}. Choose other days or another item.`,
          nl: `${item.name} is al uitgeleend van ${readableDay(clash.from_date).nl} tot en met ${readableDay(until).nl}${clash.returned_on === null && clash.until_date < today ? ' en is nog niet teruggebracht' : ''}. Kies andere dagen of een ander item.`,
        },
        extra: { conflictingLoan: { fromDate: clash.from_date, untilDate: until } },
      });
    }
    const id = newId();
    await trx
      .insertInto('item_loans')
      .values({
        municipality_id: municipalityId,
        id,
        team_id: item.team_id,
        item_id: itemId,
        trajectory_id: input.trajectoryId,
        resident_id: input.residentId,
        from_date: input.fromDate,
        until_date: input.untilDate,
        note: input.note,
        created_by: ctx.actor.staffId,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'item.loan',
      objectType: 'item_loan',
      objectId: id,
      residentId: input.residentId,
    });
    return toLoan(
      await selectLoans(trx, municipalityId).where('l.id', '=', id).executeTakeFirstOrThrow(),
      today,
    );
  });
}

/**
 * Reads the loan with its row locked (`for update`) until the transaction ends: a second return or
 * cancel of the same loan waits here, then finds it ended and is refused. Refuses a loan that is
 * already returned or cancelled (409).
 */
async function lockOpenLoan(trx: Trx, municipalityId: string, loanId: string) {
  const locked = await trx
    .selectFrom('item_loans')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', loanId)
    .forUpdate()
    .executeTakeFirst();
  if (!locked) throw notFound();
  const loan = await selectLoans(trx, municipalityId)
    .where('l.id', '=', loanId)
    .executeTakeFirstOrThrow();
  if (loan.returned_on !== null)
    throw new AppError('conflict', {
      detail: {
        en: `This loan was already returned on ${readableDay(loan.returned_on).en}.`,
        nl: `Dit item is al teruggebracht op ${readableDay(loan.returned_on).nl}.`,
      },
    });
  if (loan.cancelled_on !== null)
    throw new AppError('conflict', {
      detail: {
        en: `This reservation was already cancelled on ${readableDay(loan.cancelled_on).en}.`,
        nl: `Deze reservering is al geannuleerd op ${readableDay(loan.cancelled_on).nl}.`,
      },
    });
  return loan;
}

export function returnLoan(ctx: ServiceContext, loanId: string, returnedOn: string) {
  const { municipalityId } = ctx.actor;
  const today = todayInAmsterdam();
  return inTenant(ctx.db, caseScopeOf(ctx.actor), async (trx) => {
    const loan = await lockOpenLoan(trx, municipalityId, loanId);
    if (returnedOn < loan.from_date)
      throw invalidField(
        'returnedOn',
        'must not be before the start of the loan',
        'mag niet voor het begin van de uitleen liggen',
      );
    if (returnedOn > today)
      throw invalidField(
        'returnedOn',
        'must not be in the future',
        'mag niet in de toekomst liggen',
      );
    await trx
      .updateTable('item_loans')
      .set({ returned_on: returnedOn })
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', loanId)
      .execute();
    await audit(trx, ctx, {
      action: 'item.return',
      objectType: 'item_loan',
      objectId: loanId,
      residentId: loan.resident_id,
    });
    return toLoan({ ...loan, returned_on: returnedOn }, today);
  });
}

/**
 * Cancels a loan that has not started (a reservation no longer needed): from today it holds its
 * item on no day. A loan that has started is ended by its return instead (409): the item may be
 * with the resident.
 */
export function cancelLoan(ctx: ServiceContext, loanId: string) {
  const { municipalityId } = ctx.actor;
  const today = todayInAmsterdam();
  return inTenant(ctx.db, caseScopeOf(ctx.actor), async (trx) => {
    const loan = await lockOpenLoan(trx, municipalityId, loanId);
    if (loan.from_date <= today)
      throw new AppError('conflict', {
        detail: {
          en: `This loan started on ${readableDay(loan.from_date).en}, so it can no longer be cancelled. Record that the item came back instead.`,
          nl: `Deze uitleen is begonnen op ${readableDay(loan.from_date).nl} en kan niet meer worden geannuleerd. Leg in plaats daarvan vast dat het item terug is.`,
        },
      });
    await trx
      .updateTable('item_loans')
      .set({ cancelled_on: today })
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', loanId)
      .execute();
    await audit(trx, ctx, {
      action: 'item.cancel',
      objectType: 'item_loan',
      objectId: loanId,
      residentId: loan.resident_id,
    });
    return toLoan({ ...loan, cancelled_on: today }, today);
  });
}
