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
  AgreementBody,
  AppendActionBody,
  PlanBody,
  PlanSchema,
  PlanVersionSummary,
  VersionParams,
} from '../plans/plans.schemas.js';
import * as plans from '../plans/plans.service.js';
import {
  CaseConferenceBody,
  CaseConferenceSchema,
  CloseBody,
  ContactBody,
  ContactQuery,
  ContactSchema,
  CoordinatorBody,
  TrajectoryEventSchema,
  TrajectoryList,
  TrajectoryQuery,
  TrajectorySchema,
  UpdateTrajectoryBody,
} from './trajectories.schemas.js';
import * as service from './trajectories.service.js';

const CASEWORKERS = access.roles('worker', 'team_lead');
/** The same roles, checked by a read in one statement together with the session (ADR 0005). */
const CASEWORKERS_IN_ONE_STATEMENT = access.rolesCheckedByRead('worker', 'team_lead');
const TrajectoryDetail = TrajectorySchema.extend({ events: z.array(TrajectoryEventSchema) }).meta({
  id: 'TrajectoryDetail',
});

export function trajectoryRoutes(db: Db, config: Config) {
  return async function (app: FastifyInstance): Promise<void> {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['trajectories'];
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, db, config);

    r.get(
      '/api/v1/trajectories',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary:
            "The team's trajectories with what is due (coordinatorId = mine for the coordinator's list)",
          description:
            'Newest opened first, then by id. Pages by keyset: when more trajectories match than `limit`, `nextCursor` is set; send it back as `cursor` (with the same filters) for the next page. The last page answers `nextCursor: null`.',
          querystring: TrajectoryQuery,
          response: { 200: TrajectoryList, ...problemResponses },
        },
      },
      (request) => service.listTrajectoryPage(ctx(request), request.query),
    );

    r.get(
      '/api/v1/trajectories/:id',
      {
        config: { access: CASEWORKERS_IN_ONE_STATEMENT },
        schema: {
          tags,
          summary: 'One trajectory with its history',
          params: IdParams,
          response: { 200: TrajectoryDetail, ...problemResponses },
        },
      },
      (request) => service.getTrajectory(readContextOf(request, db, config), request.params.id),
    );

    r.patch(
      '/api/v1/trajectories/:id',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary:
            'Change status (open, follow-up), scale level or the next follow-up date; 409 on a stale version',
          description:
            'Closing and aftercare go through POST .../close and POST .../end-aftercare, which record the closing date and outcome. A trajectory in aftercare keeps its status here (409 naming `status`); a closed one cannot change (409).',
          params: IdParams,
          body: UpdateTrajectoryBody,
          response: { 200: TrajectoryDetail, ...problemResponses },
        },
      },
      (request) => service.updateTrajectory(ctx(request), request.params.id, request.body),
    );

    r.put(
      '/api/v1/trajectories/:id/coordinator',
      {
        config: { access: access.roles('team_lead') },
        schema: {
          tags,
          summary:
            'Hand the trajectory to another coordinator of the team (team lead); there is always exactly one',
          description:
            'A closed trajectory keeps its coordinator (409, nothing changes); in aftercare it may still be handed on.',
          params: IdParams,
          body: CoordinatorBody,
          response: {
            200: z.object({ id: z.uuid(), coordinatorId: z.uuid() }),
            ...problemResponses,
          },
        },
      },
      (request) => service.assignCoordinator(ctx(request), request.params.id, request.body.staffId),
    );

    r.post(
      '/api/v1/trajectories/:id/close',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary:
            'Close: date, outcome, reason, handled without specialist care; optional aftercare until a date',
          params: IdParams,
          body: CloseBody,
          response: { 200: TrajectoryDetail, ...problemResponses },
        },
      },
      (request) => service.closeTrajectory(ctx(request), request.params.id, request.body),
    );

    r.post(
      '/api/v1/trajectories/:id/end-aftercare',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'End the aftercare: the trajectory is closed for good',
          params: IdParams,
          response: { 200: TrajectoryDetail, ...problemResponses },
        },
      },
      (request) => service.endAftercare(ctx(request), request.params.id),
    );

    r.get(
      '/api/v1/trajectories/:id/contacts',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'The contact journal, newest first',
          description:
            'Newest first, then by id. Pages by keyset: when more contacts follow than `limit`, `nextCursor` is set; send it back as `cursor` for the next page. The last page answers `nextCursor: null`. A cursor this list did not give is a 400 naming `query.cursor`.',
          params: IdParams,
          querystring: ContactQuery,
          response: { 200: listOf(ContactSchema), ...problemResponses },
        },
      },
      (request) => service.listContactPage(ctx(request), request.params.id, request.query),
    );

    r.post(
      '/api/v1/trajectories/:id/contacts',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'Add a journal entry',
          description:
            'A closed trajectory takes no more entries (409, nothing recorded); in aftercare the journal still grows.',
          params: IdParams,
          body: ContactBody,
          response: { 201: ContactSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await service.addContact(ctx(request), request.params.id, request.body)),
    );

    r.get(
      '/api/v1/trajectories/:id/case-conferences',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'Case conferences (casuïstiekbesprekingen)',
          params: IdParams,
          response: {
            200: wholeListOf(CaseConferenceSchema),
            ...problemResponses,
          },
        },
      },
      async (request) => whole(await service.listCaseConferences(ctx(request), request.params.id)),
    );

    r.post(
      '/api/v1/trajectories/:id/case-conferences',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary:
            'Record a case conference: participants (external ones and the resident too), question, advice, decisions',
          description:
            '`heldOn` is today at the latest (a calendar day in Europe/Amsterdam; a later day is a 400 naming `heldOn`). A closed trajectory takes no more case conferences (409, nothing recorded); in aftercare they are still recorded.',
          params: IdParams,
          body: CaseConferenceBody,
          response: { 201: CaseConferenceSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await service.addCaseConference(ctx(request), request.params.id, request.body)),
    );

    r.get(
      '/api/v1/trajectories/:id/plan',
      {
        config: { access: CASEWORKERS_IN_ONE_STATEMENT },
        schema: {
          tags: ['plan'],
          summary: 'The current krachtplan (version 0 when none yet)',
          params: IdParams,
          response: { 200: PlanSchema, ...problemResponses },
        },
      },
      (request) => plans.openCurrentPlan(readContextOf(request, db, config), request.params.id),
    );

    r.put(
      '/api/v1/trajectories/:id/plan',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags: ['plan'],
          summary: 'Save the whole plan as a new version; send the version it was based on',
          description:
            'Answers 409 when someone saved in between; the problem document then carries `currentVersion`, `savedBy`, `savedAt` and `changes` (what that save changed compared with your base version). Nothing is overwritten. An action or network member id sent twice, or a life domain twice, is a 400 naming the repeat (`actions.1.id`, `network.1.id`, `domains.1.domain`); a closed trajectory answers 409 (also when it is closed while the save waits: the trajectory is locked for the save); a worker who reads the file by breaking the glass gets 403 (read-only). Nothing changes when it is refused.',
          params: IdParams,
          body: PlanBody,
          response: { 200: PlanSchema, ...problemResponses },
        },
      },
      (request) => plans.savePlan(ctx(request), request.params.id, request.body),
    );

    r.post(
      '/api/v1/trajectories/:id/plan/actions',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags: ['plan'],
          summary: 'Add one action to the plan as a new version (e.g. a social map offer)',
          description:
            'Send the version on screen; when someone saved in between the answer is 409 (as for PUT .../plan, with `currentVersion`, `savedBy`, `savedAt` and `changes`) and nothing changes. A closed trajectory answers 409, a worker who reads the file by breaking the glass 403.',
          params: IdParams,
          body: AppendActionBody,
          response: { 201: PlanSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const { version, ...action } = request.body;
        return reply
          .status(201)
          .send(await plans.appendAction(ctx(request), request.params.id, version, action));
      },
    );

    r.get(
      '/api/v1/trajectories/:id/plan/versions',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags: ['plan'],
          summary: 'Every saved version: who, when, what changed, agreed or not',
          params: IdParams,
          response: { 200: wholeListOf(PlanVersionSummary), ...problemResponses },
        },
      },
      async (request) => whole(await plans.listPlanVersions(ctx(request), request.params.id)),
    );

    r.get(
      '/api/v1/trajectories/:id/plan/versions/:version',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags: ['plan'],
          summary: 'One version of the plan, whole',
          params: VersionParams,
          response: { 200: PlanSchema, ...problemResponses },
        },
      },
      (request) => plans.getPlan(ctx(request), request.params.id, request.params.version),
    );

    r.post(
      '/api/v1/trajectories/:id/plan/versions/:version/agreement',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags: ['plan'],
          summary: "Record the resident's agreement to a version of the plan",
          description:
            'Only to the current version, and only once (409 naming `version` otherwise); `agreedOn` not in the future nor before the version was saved (400). A closed trajectory answers 409, as in the portal; a worker who reads the file by breaking the glass gets 403 (read-only). Nothing is recorded when it is refused.',
          params: VersionParams,
          body: AgreementBody,
          response: {
            200: z.object({
              trajectoryId: z.uuid(),
              version: z.number().int(),
              agreedOn: z.string(),
              method: z.string(),
            }),
            ...problemResponses,
          },
        },
      },
      (request) =>
        plans.recordAgreement(
          ctx(request),
          request.params.id,
          request.params.version,
          request.body,
        ),
    );
  };
}
