// Thin routes: schema, access rule, OpenAPI text, one service call.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../config.js';
import { access, contextOf } from '../../platform/access.js';
import { IdParams, problemResponses, whole } from '../../platform/http-schemas.js';
import {
  CompositionSchema,
  CreateOrganisationBody,
  CreateStaffBody,
  CreateTeamBody,
  NeighbourhoodList,
  OrganisationList,
  OrganisationSchema,
  StaffList,
  StaffPeriodList,
  StaffPeriodParams,
  CorrectStaffPeriodBody,
  SplitStaffPeriodBody,
  StaffQuery,
  StaffSchema,
  TeamList,
  TeamSchema,
  UpdateOrganisationBody,
  UpdateStaffBody,
  UpdateTeamBody,
} from './organisation.schemas.js';
import {
  MINIMUM_SECONDMENT_HOURS_PER_WEEK,
  ORGANISATION_ADMINS,
  ORGANISATION_READERS,
  STAFF_READERS,
} from './organisation.policy.js';
import * as service from './organisation.service.js';

export function organisationRoutes(db: Db, config: Config) {
  return async function (app: FastifyInstance): Promise<void> {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const readers = { access: access.roles(...ORGANISATION_READERS) };
    const admins = { access: access.roles(...ORGANISATION_ADMINS) };
    const staffReaders = { access: access.roles(...STAFF_READERS) };
    const tags = ['organisation'];

    r.get(
      '/api/v1/neighbourhoods',
      {
        config: readers,
        schema: {
          tags,
          summary:
            "The CBS neighbourhoods (buurten) of the caller's municipality, with their district",
          response: { 200: NeighbourhoodList, ...problemResponses },
        },
      },
      async (request) => ({
        items: await service.listNeighbourhoods(contextOf(request, db, config)),
        nextCursor: null,
      }),
    );

    r.get(
      '/api/v1/teams',
      {
        config: readers,
        schema: {
          tags,
          summary: 'Teams and their working areas',
          response: { 200: TeamList, ...problemResponses },
        },
      },
      async (request) => ({
        items: await service.listTeams(contextOf(request, db, config)),
        nextCursor: null,
      }),
    );

    r.post(
      '/api/v1/teams',
      {
        config: admins,
        schema: {
          tags,
          summary: 'Create a team (admin)',
          body: CreateTeamBody,
          response: { 201: TeamSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const team = await service.createTeam(contextOf(request, db, config), request.body);
        return reply.status(201).send(team);
      },
    );

    r.get(
      '/api/v1/teams/:id',
      {
        config: readers,
        schema: {
          tags,
          summary: 'One team',
          params: IdParams,
          response: { 200: TeamSchema, ...problemResponses },
        },
      },
      (request) => service.getTeam(contextOf(request, db, config), request.params.id),
    );

    r.patch(
      '/api/v1/teams/:id',
      {
        config: admins,
        schema: {
          tags,
          summary: 'Change a team (admin); send the version you read, 409 if it changed since',
          params: IdParams,
          body: UpdateTeamBody,
          response: { 200: TeamSchema, ...problemResponses },
        },
      },
      (request) =>
        service.updateTeam(contextOf(request, db, config), request.params.id, request.body),
    );

    r.get(
      '/api/v1/teams/:id/composition',
      {
        config: readers,
        schema: {
          tags,
          summary:
            'Team composition in hours and fte (36 hours = 1 fte) per partner organisation, and ' +
            `how many seconded workers are below ${MINIMUM_SECONDMENT_HOURS_PER_WEEK} hours a week`,
          params: IdParams,
          response: { 200: CompositionSchema, ...problemResponses },
        },
      },
      (request) => service.getTeamComposition(contextOf(request, db, config), request.params.id),
    );

    r.get(
      '/api/v1/organisations',
      {
        config: readers,
        schema: {
          tags,
          summary: 'Partner organisations with their account contact',
          response: { 200: OrganisationList, ...problemResponses },
        },
      },
      async (request) => ({
        items: await service.listOrganisations(contextOf(request, db, config)),
        nextCursor: null,
      }),
    );

    r.post(
      '/api/v1/organisations',
      {
        config: admins,
        schema: {
          tags,
          summary: 'Add a partner organisation (admin)',
          body: CreateOrganisationBody,
          response: { 201: OrganisationSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const organisation = await service.createOrganisation(
          contextOf(request, db, config),
          request.body,
        );
        return reply.status(201).send(organisation);
      },
    );

    r.get(
      '/api/v1/organisations/:id',
      {
        config: readers,
        schema: {
          tags,
          summary: 'One partner organisation',
          params: IdParams,
          response: { 200: OrganisationSchema, ...problemResponses },
        },
      },
      (request) => service.getOrganisation(contextOf(request, db, config), request.params.id),
    );

    r.patch(
      '/api/v1/organisations/:id',
      {
        config: admins,
        schema: {
          tags,
          summary: 'Change a partner organisation (admin); 409 if it changed since you read it',
          params: IdParams,
          body: UpdateOrganisationBody,
          response: { 200: OrganisationSchema, ...problemResponses },
        },
      },
      (request) =>
        service.updateOrganisation(contextOf(request, db, config), request.params.id, request.body),
    );

    r.get(
      '/api/v1/staff',
      {
        config: staffReaders,
        schema: {
          tags,
          summary: 'Staff: all for admin, the own team(s) for workers and team leads (audited)',
          querystring: StaffQuery,
          response: { 200: StaffList, ...problemResponses },
        },
      },
      (request) => service.listStaff(contextOf(request, db, config), request.query),
    );

    r.post(
      '/api/v1/staff',
      {
        config: admins,
        schema: {
          tags,
          summary: 'Add a staff member with an initial password (admin)',
          body: CreateStaffBody,
          response: { 201: StaffSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const member = await service.createStaff(contextOf(request, db, config), request.body);
        return reply.status(201).send(member);
      },
    );

    r.get(
      '/api/v1/staff/:id',
      {
        config: staffReaders,
        schema: {
          tags,
          summary: 'One staff member (audited)',
          params: IdParams,
          response: { 200: StaffSchema, ...problemResponses },
        },
      },
      (request) => service.getStaff(contextOf(request, db, config), request.params.id),
    );

    r.get(
      '/api/v1/staff/:id/periods',
      {
        config: admins,
        schema: {
          tags,
          summary:
            "A staff member's history of teams, hours, organisation, role and activity, newest first (admin; audited): what the business case counts",
          params: IdParams,
          response: { 200: StaffPeriodList, ...problemResponses },
        },
      },
      async (request) =>
        whole(await service.listStaffPeriods(contextOf(request, db, config), request.params.id)),
    );

    r.patch(
      '/api/v1/staff/:id/periods/:validFrom',
      {
        config: admins,
        schema: {
          tags,
          summary:
            "Correct one stretch of a staff member's history (admin; audited): its first day (the stretch before it ends the day before) and, once ended, its hours; 409 if it changed since you read it",
          params: StaffPeriodParams,
          body: CorrectStaffPeriodBody,
          response: { 200: StaffPeriodList, ...problemResponses },
        },
      },
      async (request) =>
        whole(
          await service.correctStaffPeriod(
            contextOf(request, db, config),
            request.params.id,
            request.params.validFrom,
            request.body,
          ),
        ),
    );

    r.post(
      '/api/v1/staff/:id/periods/:validFrom/split',
      {
        config: admins,
        schema: {
          tags,
          summary:
            "Split one stretch of a staff member's history in two on a day (admin; audited), so that the part before can be corrected; 409 if it changed since you read it",
          params: StaffPeriodParams,
          body: SplitStaffPeriodBody,
          response: { 200: StaffPeriodList, ...problemResponses },
        },
      },
      async (request) =>
        whole(
          await service.splitStaffPeriod(
            contextOf(request, db, config),
            request.params.id,
            request.params.validFrom,
            request.body,
          ),
        ),
    );

    r.patch(
      '/api/v1/staff/:id',
      {
        config: admins,
        schema: {
          tags,
          summary: 'Change a staff member (admin); 409 if it changed since you read it',
          params: IdParams,
          body: UpdateStaffBody,
          response: { 200: StaffSchema, ...problemResponses },
        },
      },
      (request) =>
        service.updateStaff(contextOf(request, db, config), request.params.id, request.body),
    );
  };
}
