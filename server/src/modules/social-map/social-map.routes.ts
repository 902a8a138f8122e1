import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../config.js';
import { access, contextOf } from '../../platform/access.js';
import { acceptCsv } from '../../platform/csv-body.js';
import { IdParams, problemResponses, whole, wholeListOf } from '../../platform/http-schemas.js';
import {
  CreateMatchBody,
  EndMatchBody,
  EntryBody,
  EntryQuery,
  EntrySchema,
  MatchSchema,
  MatchSearchBody,
  OfferBody,
  OfferSchema,
  ScoredSchema,
  UpdateEntryBody,
  UpdateVolunteerBody,
  VolunteerBody,
  VolunteerSchema,
  VolunteerTaskSchema,
} from './social-map.schemas.js';
import * as service from './social-map.service.js';

const CASEWORKERS = access.roles('worker', 'team_lead');
const MAP_READERS = access.roles('worker', 'team_lead', 'municipality', 'admin');
const POOL_KEEPERS = access.roles('team_lead', 'admin');

export function socialMapRoutes(db: Db, config: Config) {
  return async function (app: FastifyInstance): Promise<void> {
    acceptCsv(app);
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['social map'];
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, db, config);

    r.get(
      '/api/v1/social-map',
      {
        config: { access: MAP_READERS },
        schema: {
          tags,
          summary:
            'The social map: search by text, life domain, buurt (also city-wide offers) and kind',
          querystring: EntryQuery,
          response: { 200: wholeListOf(EntrySchema), ...problemResponses },
        },
      },
      async (request) => whole(await service.listEntries(ctx(request), request.query)),
    );
    r.post(
      '/api/v1/social-map',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'Add an offer to the social map (maintained by the teams)',
          body: EntryBody,
          response: { 201: EntrySchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.createEntry(ctx(request), request.body)),
    );
    r.patch(
      '/api/v1/social-map/:id',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags,
          summary: 'Change an offer (with its version)',
          params: IdParams,
          body: UpdateEntryBody,
          response: { 200: EntrySchema, ...problemResponses },
        },
      },
      (request) => service.updateEntry(ctx(request), request.params.id, request.body),
    );
    r.post(
      '/api/v1/social-map/imports',
      {
        config: { access: access.roles('team_lead', 'admin') },
        schema: {
          tags,
          summary:
            'Import offers (text/csv: kind,name,offers,forWhom,neighbourhoodCode,lifeDomains,when,capacity,contactName,contactPhone,contactEmail)',
          consumes: ['text/csv'],
          body: z.string().min(1),
          response: {
            201: z.object({
              lines: z.number().int(),
              imported: z.number().int(),
              duplicates: z.number().int(),
              rejected: z.array(
                z.object({ line: z.number().int(), reason: z.string(), reasonNl: z.string() }),
              ),
            }),
            ...problemResponses,
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.importEntries(ctx(request), request.body)),
    );

    r.get(
      '/api/v1/volunteers',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags: ['volunteers'],
          summary: 'The volunteer pool',
          response: { 200: wholeListOf(VolunteerSchema), ...problemResponses },
        },
      },
      async (request) => whole(await service.listVolunteers(ctx(request))),
    );
    r.post(
      '/api/v1/volunteers',
      {
        config: { access: POOL_KEEPERS },
        schema: {
          tags: ['volunteers'],
          summary: 'Add a volunteer (the VOG by date only)',
          body: VolunteerBody,
          response: { 201: VolunteerSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.createVolunteer(ctx(request), request.body)),
    );
    r.patch(
      '/api/v1/volunteers/:id',
      {
        config: { access: POOL_KEEPERS },
        schema: {
          tags: ['volunteers'],
          summary: 'Change a volunteer (with its version)',
          params: IdParams,
          body: UpdateVolunteerBody,
          response: { 200: VolunteerSchema, ...problemResponses },
        },
      },
      (request) => service.updateVolunteer(ctx(request), request.params.id, request.body),
    );
    r.post(
      '/api/v1/volunteers/matches/search',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags: ['volunteers'],
          summary:
            "Rank volunteers (and residents' offers) for a plan's request by skill, buurt and availability",
          body: MatchSearchBody,
          response: { 200: wholeListOf(ScoredSchema), ...problemResponses },
        },
      },
      async (request) => whole(await service.searchMatches(ctx(request), request.body)),
    );
    r.get(
      '/api/v1/trajectories/:id/volunteer-matches',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags: ['volunteers'],
          summary: "The trajectory's volunteer matches",
          params: IdParams,
          response: { 200: wholeListOf(MatchSchema), ...problemResponses },
        },
      },
      async (request) => whole(await service.listMatches(ctx(request), request.params.id)),
    );
    r.post(
      '/api/v1/trajectories/:id/volunteer-matches',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags: ['volunteers'],
          summary:
            'Record a match: the volunteer gets a first name, the task, where and when — never the file',
          params: IdParams,
          body: CreateMatchBody,
          response: { 201: MatchSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await service.createMatch(ctx(request), request.params.id, request.body)),
    );
    r.post(
      '/api/v1/volunteer-matches/:id/end',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags: ['volunteers'],
          summary: 'End a match with its outcome (the follow-up)',
          params: IdParams,
          body: EndMatchBody,
          response: { 200: MatchSchema, ...problemResponses },
        },
      },
      (request) => service.endMatch(ctx(request), request.params.id, request.body.outcome),
    );
    r.post(
      '/api/v1/trajectories/:id/offers',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags: ['volunteers'],
          summary: 'What a household member offers others (wederkerigheid), usable in matching',
          params: IdParams,
          body: OfferBody,
          response: { 201: OfferSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await service.addOffer(ctx(request), request.params.id, request.body)),
    );
    r.get(
      '/api/v1/trajectories/:id/offers',
      {
        config: { access: CASEWORKERS },
        schema: {
          tags: ['volunteers'],
          summary: "What the household's members offer others (wederkerigheid)",
          params: IdParams,
          response: { 200: wholeListOf(OfferSchema), ...problemResponses },
        },
      },
      async (request) => whole(await service.listOffers(ctx(request), request.params.id)),
    );
    r.get(
      '/api/v1/volunteer/tasks',
      {
        config: { access: access.roles('volunteer') },
        schema: {
          tags: ['volunteers'],
          summary: "A volunteer's own active tasks: first name, what, where, when",
          response: { 200: wholeListOf(VolunteerTaskSchema), ...problemResponses },
        },
      },
      async (request) => whole(await service.volunteerTasks(ctx(request))),
    );
  };
}
