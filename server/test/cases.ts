// Test helper: a registration triaged into a trajectory, as a worker does it through the API.
import type { FastifyInstance } from 'fastify';
import { call, type Session } from './harness.js';

let houseNumber = 1;

export async function openTrajectory(
  app: FastifyInstance,
  worker: Session,
  resident: { givenName: string; familyName: string; neighbourhoodCode?: string },
  teamId = worker.user.teamIds[0],
): Promise<{ trajectoryId: string; residentId: string; householdId: string }> {
  const created = await call(app, worker, 'POST', '/api/v1/registrations', {
    teamId,
    source: 'self',
    receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
    question: 'Wil graag meedoen en onder de mensen komen',
    resident: {
      givenName: resident.givenName,
      familyName: resident.familyName,
      address: { postcode: '6217 KL', houseNumber: 100 + houseNumber++ },
      neighbourhoodCode: resident.neighbourhoodCode ?? 'BU09350205',
    },
  });
  if (created.statusCode !== 201) throw new Error(`registration: ${created.body}`);
  const registration = created.json<{ id: string; residentId: string; householdId: string }>();
  // Triage follows the first contact.
  const contact = await call(
    app,
    worker,
    'POST',
    `/api/v1/registrations/${registration.id}/first-contact`,
    {
      at: new Date().toISOString(),
      kind: 'home_visit',
    },
  );
  if (contact.statusCode !== 200) throw new Error(`first contact: ${contact.body}`);
  const triage = await call(
    app,
    worker,
    'POST',
    `/api/v1/registrations/${registration.id}/triage`,
    { outcome: 'multiple_problems' },
  );
  if (triage.statusCode !== 200) throw new Error(`triage: ${triage.body}`);
  return {
    trajectoryId: triage.json<{ trajectoryId: string }>().trajectoryId,
    residentId: registration.residentId,
    householdId: registration.householdId,
  };
}
