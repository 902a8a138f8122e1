// The uitleenpool: shared items (mobility scooters, ...) and who has what from when until when.
import { z } from 'zod';
import { CalendarDay } from '../../platform/date-schemas.js';

export const ItemKind = z.enum(['mobility_scooter', 'wheelchair', 'walker', 'tools', 'other']);
const Text = (max: number) => z.string().trim().max(max);

export const ItemBody = z.strictObject({
  teamId: z.uuid(),
  kind: ItemKind,
  name: Text(200).min(1),
  description: Text(2000).default(''),
  neighbourhoodCode: z
    .string()
    .regex(/^BU\d{8}$/)
    .nullable()
    .default(null),
});

export const LoanSchema = z
  .object({
    id: z.uuid(),
    itemId: z.uuid(),
    itemName: z.string(),
    trajectoryId: z.uuid(),
    residentId: z.uuid(),
    residentName: z.string(),
    fromDate: z.string(),
    untilDate: z.string(),
    returnedOn: z.string().nullable(),
    /** The day the loan was cancelled, before it started (it then holds the item on no day). */
    cancelledOn: z.string().nullable(),
    overdue: z.boolean(),
    note: z.string(),
  })
  .meta({ id: 'ItemLoan' });

export const ItemSchema = z
  .object({
    id: z.uuid(),
    teamId: z.uuid(),
    kind: ItemKind,
    name: z.string(),
    description: z.string(),
    neighbourhoodCode: z.string().nullable(),
    active: z.boolean(),
    /** The loan running today (or overdue and not returned), if any. */
    currentLoan: LoanSchema.nullable(),
    /** The loans booked for later days (not started, not cancelled), the first first. */
    reservations: z.array(LoanSchema),
  })
  .meta({ id: 'SharedItem' });

export const LoanBody = z.strictObject({
  trajectoryId: z.uuid(),
  residentId: z.uuid(),
  fromDate: CalendarDay,
  untilDate: CalendarDay,
  note: Text(500).default(''),
});
export const ReturnBody = z.strictObject({ returnedOn: CalendarDay });

export type ItemInput = z.output<typeof ItemBody>;
export type LoanInput = z.output<typeof LoanBody>;
