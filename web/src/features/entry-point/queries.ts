// Server state of the entry point: registrations, households, signals. The teams, buurten and
// organisations lists share their query keys with the organisation screens (same answers, one
// cache entry).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import type { paths } from '../../lib/api-schema';
import type {
  Household,
  MatchRequest,
  OutreachOutcome,
  RegistrationCreate,
  RegistrationStatus,
  ResidentCreate,
  SignalStatus,
  TriageInput,
  LifeDomain,
} from '../../lib/api-types';

export const keys = {
  neighbourhoods: ['neighbourhoods'] as const,
  teams: ['teams'] as const,
  organisations: ['organisations'] as const,
  registrations: (status?: RegistrationStatus) => ['registrations', status ?? 'all'] as const,
  registration: (id: string) => ['registration', id] as const,
  households: (q: string) => ['households', q] as const,
  household: (id: string) => ['household', id] as const,
  signals: (status?: SignalStatus) => ['signals', status ?? 'all'] as const,
};

export function useNeighbourhoods() {
  return useQuery({
    queryKey: keys.neighbourhoods,
    queryFn: async () => (await unwrap(api.GET('/api/v1/neighbourhoods'))).items,
    staleTime: 5 * 60_000,
  });
}

export function useTeams() {
  return useQuery({
    queryKey: keys.teams,
    queryFn: async () => (await unwrap(api.GET('/api/v1/teams'))).items,
  });
}

/** The partner organisations, for the sender of a signal list. */
export function useOrganisations() {
  return useQuery({
    queryKey: keys.organisations,
    queryFn: async () => (await unwrap(api.GET('/api/v1/organisations'))).items,
  });
}

/** Registrations on screen per page: the API's default, so the first page is what it always was. */
export const REGISTRATIONS_PAGE_SIZE = 100;

/**
 * A list of registrations (the waiting list: status new), page by page: `fetchNextPage` appends
 * the next page to the ones loaded. The first page is the 100 the home page always showed.
 */
export function useRegistrations(status: RegistrationStatus) {
  return useInfiniteQuery({
    queryKey: keys.registrations(status),
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/registrations', {
          params: {
            query: {
              status,
              limit: REGISTRATIONS_PAGE_SIZE,
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
}

export function useRegistration(id: string) {
  return useQuery({
    queryKey: keys.registration(id),
    queryFn: () => unwrap(api.GET('/api/v1/registrations/{id}', { params: { path: { id } } })),
    staleTime: 0,
  });
}

function useInvalidateCases() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['registrations'] });
    void queryClient.invalidateQueries({ queryKey: ['registration'] });
    void queryClient.invalidateQueries({ queryKey: ['households'] });
    void queryClient.invalidateQueries({ queryKey: ['household'] });
    void queryClient.invalidateQueries({ queryKey: ['signals'] });
  };
}

export function useCreateRegistration() {
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: (body: RegistrationCreate) => unwrap(api.POST('/api/v1/registrations', { body })),
    onSuccess: invalidate,
  });
}

export function useFindMatches() {
  return useMutation({
    mutationFn: async (body: MatchRequest) =>
      (await unwrap(api.POST('/api/v1/residents/matches', { body }))).items,
  });
}

export function useRecordFirstContact(id: string) {
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: (body: { at: string; kind: 'home_visit' | 'phone' | 'office' | 'other' }) =>
      unwrap(
        api.POST('/api/v1/registrations/{id}/first-contact', { params: { path: { id } }, body }),
      ),
    onSuccess: invalidate,
  });
}

/** The resident part of a new registration, and the version of the registration as read. */
export type RegistrationResidentInput = Pick<
  RegistrationCreate,
  'householdId' | 'resident' | 'confirmedNew'
> & { version: number };

/** The resident of a registration made without one, before triage. */
export function useRecordResident(id: string) {
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: (body: RegistrationResidentInput) =>
      unwrap(api.PUT('/api/v1/registrations/{id}/resident', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useTriage(id: string) {
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: (body: TriageInput) =>
      unwrap(api.POST('/api/v1/registrations/{id}/triage', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

/** Households on screen per page: the API's default. */
export const HOUSEHOLDS_PAGE_SIZE = 50;

/** The household search (or, without terms, the team's newest households), page by page. */
export function useHouseholds(q: string) {
  return useInfiniteQuery({
    queryKey: keys.households(q),
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/households', {
          params: {
            query: {
              ...(q ? { q } : {}),
              limit: HOUSEHOLDS_PAGE_SIZE,
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: q === '' || q.length >= 2,
    staleTime: 0,
  });
}

export function useHousehold(id: string) {
  return useQuery({
    queryKey: keys.household(id),
    queryFn: () => unwrap(api.GET('/api/v1/households/{id}', { params: { path: { id } } })),
    staleTime: 0,
  });
}

type BodyOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** A move or a corrected address, with the household's version as read. */
export type HouseholdChange = BodyOf<paths['/api/v1/households/{id}']['patch']['requestBody']>;
/** A partner or child who joins; `confirmedNew` after the worker checked a same-named person. */
export type NewMember = BodyOf<paths['/api/v1/households/{id}/members']['post']['requestBody']>;
/** Only the fields sent change; `null` clears a birth date. */
export type MemberCorrection = BodyOf<
  paths['/api/v1/households/{id}/members/{residentId}']['patch']['requestBody']
>;

/**
 * Each change answers the household as GET does: the page shows that answer (the same cache
 * entry, not read again: every read of person data is audited), and the lists that show its
 * address or members are read again when next shown.
 */
function useHouseholdChanged(id: string) {
  const queryClient = useQueryClient();
  return (household: Household) => {
    queryClient.setQueryData(keys.household(id), household);
    for (const list of ['households', 'registrations', 'registration', 'signals']) {
      void queryClient.invalidateQueries({ queryKey: [list] });
    }
  };
}

export function useChangeHousehold(id: string) {
  const changed = useHouseholdChanged(id);
  return useMutation({
    mutationFn: (body: HouseholdChange) =>
      unwrap(api.PATCH('/api/v1/households/{id}', { params: { path: { id } }, body })),
    onSuccess: changed,
  });
}

export function useAddMember(id: string) {
  const changed = useHouseholdChanged(id);
  return useMutation({
    mutationFn: (body: NewMember) =>
      unwrap(api.POST('/api/v1/households/{id}/members', { params: { path: { id } }, body })),
    onSuccess: changed,
  });
}

export function useCorrectMember(id: string, residentId: string) {
  const changed = useHouseholdChanged(id);
  return useMutation({
    mutationFn: (body: MemberCorrection) =>
      unwrap(
        api.PATCH('/api/v1/households/{id}/members/{residentId}', {
          params: { path: { id, residentId } },
          body,
        }),
      ),
    onSuccess: changed,
  });
}

/** Signals on screen per page: a working list, not the whole history (the server pages by cursor). */
export const SIGNALS_PAGE_SIZE = 100;

/** The outreach list, page by page: `fetchNextPage` appends the next page to the ones loaded. */
export function useSignals(status?: SignalStatus) {
  return useInfiniteQuery({
    queryKey: keys.signals(status),
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/signals', {
          params: {
            query: {
              ...(status ? { status } : {}),
              limit: SIGNALS_PAGE_SIZE,
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
}

export function useImportSignals() {
  const invalidate = useInvalidateCases();
  return useMutation({
    // The list goes as it is, text/csv; the CSRF header is added by the client's middleware.
    // The partner organisation that sent it is part of each line's duplicate key.
    mutationFn: ({ csv, organisationId }: { csv: string; organisationId: string }) =>
      unwrap(
        api.POST('/api/v1/signals/imports', {
          params: { query: { organisationId } },
          body: csv,
          bodySerializer: (body: string) => body,
          headers: { 'content-type': 'text/csv' },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useRecordOutreach() {
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; at: string; outcome: OutreachOutcome }) =>
      unwrap(api.POST('/api/v1/signals/{id}/outreach', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useRegisterFromSignal() {
  const invalidate = useInvalidateCases();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: string;
      question: string;
      lifeDomains: LifeDomain[];
      resident?: ResidentCreate;
    }) => unwrap(api.POST('/api/v1/signals/{id}/registration', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}
