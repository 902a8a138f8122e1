import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../config.js';
import { access, contextOf, readContextOf } from '../../platform/access.js';
import {
  IdParams,
  listOf,
  problemResponses,
  whole,
  wholeListOf,
} from '../../platform/http-schemas.js';
import {
  HouseholdQuery,
  HouseholdSchema,
  HouseholdSummarySchema,
  MatchRequest,
  MatchSchema,
} from '../households/households.schemas.js';
import { getHousehold, listMatches, searchHouseholds } from '../households/households.service.js';
import {
  CreateRegistrationBody,
  CreatedRegistrationAnswer,
  FirstContactBody,
  RecordedResident,
  RecordResidentBody,
  RegistrationList,
  RegistrationQuery,
  RegistrationSchema,
  TriageBody,
  TriageResult,
} from './registrations.schemas.js';
import * as service from './registrations.service.js';

/** Who works on cases: the team's workers and its lead. */
const CASEWORKERS = access.roles('worker', 'team_lead');
/** The same roles, checked by a read in one statement together with the session (ADR 0005). */
const CASEWORKERS_IN_ONE_STATEMENT = access.rolesCheckedByRead('worker', 'team_lead');

export function registrationRoutes(db: Db, config: Config) {
  return async function (app: FastifyInstance): Promise<void> {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['entry point'];

    r.post(
      '/api/v1/registrations',
      {
        config: { access: access.roles('worker', 'team_lead', 'partner') },
        schema: {
          tags,
          summary: 'Register a question (aanmelding), with or without a resident',
          description:
            "A resident who matches a known one (BSN, or name + birth date, or address) is linked, not duplicated (`matchedExisting: true`); a worker or team lead sends `confirmedNew: true` after checking the matches to record a new person anyway (a BSN match always links). `adviceOnly` records an information-and-advice contact with first contact and triage in one step. Partners may register for any team of their municipality but read nothing back: a partner's answer is only `{ id, status }` (PartnerCreatedRegistration), the same whether the person was new or already known (no 409 for a known person). A partner may not send `householdId`, nor `confirmedNew: true` (a partner sees no matches, so it cannot have checked them): either is a 400 naming the field, whoever the person is, and nothing is stored. A partner's person whom another team already knows by BSN is linked there, and the registration goes to that team's waiting list (one household, one plan); a worker or team lead gets 409 for that BSN instead.",
          body: CreateRegistrationBody,
          response: { 201: CreatedRegistrationAnswer, ...problemResponses },
        },
      },
      async (request, reply) => {
        const created = await service.createRegistration(
          contextOf(request, db, config),
          request.body,
        );
        return reply.status(201).send(created);
      },
    );

    r.get(
      '/api/v1/registrations',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: "The team's registrations; status=new is the waiting list, oldest first",
          description:
            'status=new (the waiting list) is ordered by received at and id, oldest first; any other status, or none, by received at newest first, then id. Pages by keyset: when more registrations match than `limit`, `nextCursor` is set; send it back as `cursor` (with the same filters) for the next page. The last page answers `nextCursor: null`. A cursor this server did not give (or one of the other order) is a 400 naming `query.cursor`.',
          querystring: RegistrationQuery,
          response: { 200: RegistrationList, ...problemResponses },
        },
      },
      (request) => service.listRegistrationPage(contextOf(request, db, config), request.query),
    );

    r.get(
      '/api/v1/registrations/:id',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'One registration',
          params: IdParams,
          response: { 200: RegistrationSchema, ...problemResponses },
        },
      },
      (request) => service.getRegistration(contextOf(request, db, config), request.params.id),
    );

    r.post(
      '/api/v1/registrations/:id/first-contact',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'Record the first contact; fixes the time to first contact',
          params: IdParams,
          body: FirstContactBody,
          response: {
            200: z.object({
              id: z.uuid(),
              status: z.literal('contacted'),
              firstContactAt: z.string(),
              hoursToFirstContact: z.number(),
            }),
            ...problemResponses,
          },
        },
      },
      (request) =>
        service.recordFirstContact(contextOf(request, db, config), request.params.id, request.body),
    );

    r.put(
      '/api/v1/registrations/:id/resident',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'Record the resident of a registration made without one, before triage',
          description:
            "The resident part of `POST /api/v1/registrations` (`householdId`, `resident`, `confirmedNew`), with the same matching: a known BSN always links, a known name and birth date or address links unless `confirmedNew: true`, and a BSN that another team knows is a 409 naming `resident.bsn`. At least one of `resident` and `householdId` is required. `version` is the registration's version as read; a registration changed since is a 409 (version_conflict). A registration that is already triaged, or already has its resident, is a 409 and nothing changes. Afterwards, triage as multiple problems opens a trajectory for the household.",
          params: IdParams,
          body: RecordResidentBody,
          response: { 200: RecordedResident, ...problemResponses },
        },
      },
      (request) =>
        service.recordResident(contextOf(request, db, config), request.params.id, request.body),
    );

    r.post(
      '/api/v1/registrations/:id/triage',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary:
            'Triage: advice only, single problem (referral), multiple problems (trajectory), youth & family, out of scope',
          description:
            "Triage follows the first contact: a registration without one (status `new`) is a 409 naming `firstContactAt`, and nothing changes; record the first contact first (`POST /api/v1/registrations/{id}/first-contact`). A registration already triaged is a 409 too. An information-and-advice contact is registered with first contact and triage in one step (`adviceOnly` on `POST /api/v1/registrations`). Multiple problems need a household (a registration without a resident gets one through `PUT /api/v1/registrations/{id}/resident`, else a 400 naming `outcome`): the household's open or follow-up trajectory is joined (`trajectoryOpened: false`); otherwise a new trajectory opens with the triaging worker as coordinator (`trajectoryOpened: true`). A household whose trajectory is in aftercare has relapsed: that aftercare ends (status closed, its outcome kept, an event in its history; `endedAftercareTrajectoryId`) and a new trajectory opens, in one transaction.",
          params: IdParams,
          body: TriageBody,
          response: { 200: TriageResult, ...problemResponses },
        },
      },
      (request) =>
        service.triageRegistration(contextOf(request, db, config), request.params.id, request.body),
    );

    r.post(
      '/api/v1/residents/matches',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags: ['households'],
          summary:
            'Possible matches for a person about to be registered (by BSN, name + birth date, address)',
          body: MatchRequest,
          response: { 200: wholeListOf(MatchSchema), ...problemResponses },
        },
      },
      async (request) => whole(await listMatches(contextOf(request, db, config), request.body)),
    );

    r.get(
      '/api/v1/households',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags: ['households'],
          summary: "Search the team's households by name, postcode, birth date or BSN",
          description:
            '`q` is a postcode, a birth date (`YYYY-MM-DD` or `DD-MM-YYYY`), a BSN (eight or nine digits, found by its keyed hash; the audit trail keeps it masked) or (part of) a name. A date that does not exist, or a number of eight or nine digits that fails the elfproef, is a 400 naming `query.q`. Newest household first (created at, then id, both descending). Pages by keyset: when more households match than `limit`, `nextCursor` is set; send it back as `cursor` (with the same `q` and `teamId`) for the next page. The last page answers `nextCursor: null`. A cursor this server did not give is a 400 naming `query.cursor`.',
          querystring: HouseholdQuery,
          response: { 200: listOf(HouseholdSummarySchema), ...problemResponses },
        },
      },
      (request) => searchHouseholds(contextOf(request, db, config), request.query),
    );

    r.get(
      '/api/v1/households/:id',
      {
        config: { access: CASEWORKERS_IN_ONE_STATEMENT },
        schema: {
          tags: ['households'],
          summary: 'One household with its members (a household of another team is 404)',
          params: IdParams,
          response: { 200: HouseholdSchema, ...problemResponses },
        },
      },
      (request) => getHousehold(readContextOf(request, db, config), request.params.id),
    );
  };
}
