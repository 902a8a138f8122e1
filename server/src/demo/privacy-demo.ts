// The privacy officer's demo: Noor Habets (privacy@maastricht.demo) holds the privacy duty.
import type { Trx } from '../platform/db.js';

export async function seedPrivacy(
  trx: Trx,
  municipalityId: string,
  staffByEmail: Map<string, string>,
): Promise<void> {
  const officer = staffByEmail.get('privacy@maastricht.demo');
  if (officer) {
    await trx
      .insertInto('privacy_duties')
      .values({ municipality_id: municipalityId, staff_id: officer })
      .execute();
  }
}
