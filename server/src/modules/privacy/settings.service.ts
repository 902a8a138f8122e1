// The municipality's privacy settings, set by the privacy officer: office hours and the
// many-households threshold that the alerts use, and the retention periods after closure (Wmo and
// youth) that the retention list and the daily job use. No row means the defaults (version 0).
import type { z } from 'zod';
import type { ServiceContext } from '../../platform/context.js';
import { inTenant } from '../../platform/db.js';
import { audit } from '../../platform/audit.js';
import { invalidField, versionConflict } from '../../platform/errors.js';
import { privacySettingsOf } from './alerts.service.js';
import { requirePrivacyDuty } from './privacy.service.js';
import type { PrivacySettingsBody } from './privacy.schemas.js';

const COLUMNS = [
  ['officeHoursStart', 'office_hours_start'],
  ['officeHoursEnd', 'office_hours_end'],
  ['manyHouseholdsThreshold', 'many_households_threshold'],
  ['wmoRetentionYears', 'wmo_retention_years'],
  ['youthRetentionYears', 'youth_retention_years'],
] as const;

export function getPrivacySettings(ctx: ServiceContext) {
  return inTenant(ctx.db, ctx.actor, async (trx) => {
    await requirePrivacyDuty(trx, ctx.actor);
    const settings = await privacySettingsOf(trx, ctx.actor.municipalityId);
    await audit(trx, ctx, { action: 'privacy_settings.read', objectType: 'privacy_settings' });
    return settings;
  });
}

export function updatePrivacySettings(
  ctx: ServiceContext,
  input: z.infer<typeof PrivacySettingsBody>,
) {
  if (input.officeHoursEnd <= input.officeHoursStart) {
    throw invalidField(
      'officeHoursEnd',
      'must be later than the start of office hours',
      'moet later zijn dan het begin van de kantoortijden',
    );
  }
  return inTenant(ctx.db, ctx.actor, async (trx) => {
    await requirePrivacyDuty(trx, ctx.actor);
    const current = await privacySettingsOf(trx, ctx.actor.municipalityId);
    if (current.version !== input.version) throw versionConflict();
    const values = {
      ...Object.fromEntries(COLUMNS.map(([field, column]) => [column, input[field]])),
      updated_at: new Date(),
    } as Record<(typeof COLUMNS)[number][1], number> & { updated_at: Date };
    if (input.version === 0) {
      // Two officers saving the defaults at once: the second insert finds the row and loses.
      const inserted = await trx
        .insertInto('privacy_settings')
        .values({ municipality_id: ctx.actor.municipalityId, ...values, version: 1 })
        .onConflict((oc) => oc.column('municipality_id').doNothing())
        .executeTakeFirst();
      if (inserted.numInsertedOrUpdatedRows !== 1n) throw versionConflict();
    } else {
      const updated = await trx
        .updateTable('privacy_settings')
        .set({ ...values, version: input.version + 1 })
        .where('municipality_id', '=', ctx.actor.municipalityId)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (updated.numUpdatedRows !== 1n) throw versionConflict();
    }
    // What changed (settings, no person data), for whoever reads the audit trail later.
    const changed = COLUMNS.filter(([field]) => current[field] !== input[field])
      .map(([field]) => `${field} ${current[field]}→${input[field]}`)
      .join(', ');
    await audit(trx, ctx, {
      action: 'privacy_settings.update',
      objectType: 'privacy_settings',
      reason: changed || 'no change',
    });
    return privacySettingsOf(trx, ctx.actor.municipalityId);
  });
}
