// Changing a household the team works with: a move, a new member, a member's corrected details
// (household-changes.ts). Reading and searching households stays with the entry point's routes,
// where households come in (registrations.routes.ts).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../config.js';
import { access, contextOf } from '../../platform/access.js';
import { IdParams, problemResponses } from '../../platform/http-schemas.js';
import { HouseholdSchema } from './households.schemas.js';
import {
  HouseholdChange,
  MemberCorrection,
  MemberParams,
  NewMember,
} from './household-changes.schemas.js';
import { addMember, changeHousehold, correctMember } from './household-changes.js';

/** Who works on cases: the team's workers and its lead. */
const CASEWORKERS = access.roles('worker', 'team_lead');
const tags = ['households'];
const VERSION_NOTE =
  'Send the household `version` as read: the household and its members share it, and every change raises it. A stale version is a 409 and changes nothing. An erased household cannot be changed: a 409 that says so.';

export function householdRoutes(db: Db, config: Config) {
  return async function (app: FastifyInstance): Promise<void> {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.patch(
      '/api/v1/households/:id',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: "Change a household's address (a move), and with it its buurt",
          description: `The buurt follows the address by the postcode table; where the table does not know it, and with \`address: null\`, \`neighbourhoodCode\` names a buurt of the team's area (a 400 naming it without one). The household stays with its team. ${VERSION_NOTE}`,
          params: IdParams,
          body: HouseholdChange,
          response: { 200: HouseholdSchema, ...problemResponses },
        },
      },
      (request) => changeHousehold(contextOf(request, db, config), request.params.id, request.body),
    );

    r.post(
      '/api/v1/households/:id/members',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'Add a member to a household (a partner, a child)',
          description: `A BSN already recorded in the team, or known to another team, is a 409 naming \`bsn\`. A person with the same name and birth date, with or without a BSN, is a 409 naming \`confirmedNew\` until the worker has checked and sends \`confirmedNew: true\`. ${VERSION_NOTE}`,
          params: IdParams,
          body: NewMember,
          response: { 201: HouseholdSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const household = await addMember(
          contextOf(request, db, config),
          request.params.id,
          request.body,
        );
        return reply.code(201).send(household);
      },
    );

    r.patch(
      '/api/v1/households/:id/members/:residentId',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: "Correct a member's details",
          description: `Only the fields sent change; \`null\` clears a birth date, phone or e-mail. A BSN can be added or corrected, not removed. ${VERSION_NOTE}`,
          params: MemberParams,
          body: MemberCorrection,
          response: { 200: HouseholdSchema, ...problemResponses },
        },
      },
      (request) =>
        correctMember(
          contextOf(request, db, config),
          request.params.id,
          request.params.residentId,
          request.body,
        ),
    );
  };
}
