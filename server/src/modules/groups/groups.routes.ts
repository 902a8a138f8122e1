import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../config.js';
import { access, contextOf } from '../../platform/access.js';
import { IdParams, problemResponses, whole, wholeListOf } from '../../platform/http-schemas.js';
import {
  AttendanceBody,
  GroupBody,
  GroupDetailSchema,
  GroupSummarySchema,
  LeaveResultSchema,
  ParticipantSchema,
  SessionBody,
  SignUpBody,
  UpdateGroupBody,
} from './groups.schemas.js';
import * as service from './groups.service.js';

const CASEWORKERS = access.roles('worker', 'team_lead');

export function groupRoutes(db: Db, config: Config) {
  return async function (app: FastifyInstance): Promise<void> {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['groups'];
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, db, config);

    r.get(
      '/api/v1/groups',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: "Your teams' groups with places taken, waiting list and next session",
          response: { 200: wholeListOf(GroupSummarySchema), ...problemResponses },
        },
      },
      async (request) => whole(await service.listGroups(ctx(request))),
    );
    r.post(
      '/api/v1/groups',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'Start a group of your team (a coffee morning, the administration class, ...)',
          body: GroupBody,
          response: { 201: GroupSummarySchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.createGroup(ctx(request), request.body)),
    );
    r.get(
      '/api/v1/groups/:id',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'A group with its sessions, participants, waiting list and attendance',
          params: IdParams,
          response: { 200: GroupDetailSchema, ...problemResponses },
        },
      },
      (request) => service.getGroup(ctx(request), request.params.id),
    );
    r.patch(
      '/api/v1/groups/:id',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary:
            'Change a group (with its version); a higher capacity gives places to the waiting list',
          params: IdParams,
          body: UpdateGroupBody,
          response: { 200: GroupSummarySchema, ...problemResponses },
        },
      },
      (request) => service.updateGroup(ctx(request), request.params.id, request.body),
    );
    r.post(
      '/api/v1/groups/:id/sessions',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'Plan a session (date, time, place)',
          params: IdParams,
          body: SessionBody,
          response: { 201: GroupDetailSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await service.addSession(ctx(request), request.params.id, request.body)),
    );
    r.post(
      '/api/v1/groups/:id/participants',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary:
            'Sign a resident of one of your trajectories up: a place, or a waiting place when full',
          description:
            'Without `actionId` an action "Deelnemen aan <group>" is added to the plan as a new version.',
          params: IdParams,
          body: SignUpBody,
          response: { 201: ParticipantSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.signUp(ctx(request), request.params.id, request.body)),
    );
    r.post(
      '/api/v1/group-participants/:id/leave',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'A participant leaves; the first on the waiting list gets the place',
          params: IdParams,
          response: { 200: LeaveResultSchema, ...problemResponses },
        },
      },
      (request) => service.leave(ctx(request), request.params.id),
    );
    r.put(
      '/api/v1/group-sessions/:id/attendance',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'Record who was there at a session',
          params: IdParams,
          body: AttendanceBody,
          response: { 200: GroupDetailSchema, ...problemResponses },
        },
      },
      (request) => service.recordAttendance(ctx(request), request.params.id, request.body.entries),
    );
  };
}
