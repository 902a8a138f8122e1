// SQL about measurements that other modules need too.
import type { Trx } from '../../platform/db.js';
import { ZRM_INSTRUMENTS } from './instruments.js';

/** Whether the trajectory has its closing ZRM (asked when it is closed). */
export async function hasClosingMeasurement(
  trx: Trx,
  municipalityId: string,
  trajectoryId: string,
): Promise<boolean> {
  const row = await trx
    .selectFrom('assessments')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('trajectory_id', '=', trajectoryId)
    .where('moment', '=', 'closure')
    .where('instrument', 'in', ZRM_INSTRUMENTS)
    .executeTakeFirst();
  return row !== undefined;
}
