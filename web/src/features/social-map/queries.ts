// Server state of the collective and informal support screens: the social map, groups, the item
// pool, the volunteer pool with matching, the volunteer's own tasks and residents' offers.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import type { components, paths } from '../../lib/api-schema';

type Body<P extends keyof paths, M extends 'post' | 'put' | 'patch'> = paths[P][M] extends {
  requestBody: { content: { 'application/json': infer T } };
}
  ? T
  : never;

export type Entry = components['schemas']['SocialMapEntry'];
export type EntryInput = Body<'/api/v1/social-map', 'post'>;
export type EntryKind = Entry['kind'];
export type GroupSummary = components['schemas']['GroupSummary'];
export type GroupDetail = components['schemas']['GroupDetail'];
export type GroupInput = Body<'/api/v1/groups', 'post'>;
export type GroupKind = GroupSummary['kind'];
export type Participant = components['schemas']['GroupParticipant'];
export type Item = components['schemas']['SharedItem'];
export type ItemKind = Item['kind'];
export type Loan = components['schemas']['ItemLoan'];
export type Volunteer = components['schemas']['Volunteer'];
export type VolunteerInput = Body<'/api/v1/volunteers', 'post'>;
export type Match = components['schemas']['VolunteerMatch'];
// requiresVog: the task needs a VOG, as asked in the search (the server checks it again).
export type MatchInput = Body<'/api/v1/trajectories/{id}/volunteer-matches', 'post'>;
export type Scored = NonNullable<
  paths['/api/v1/volunteers/matches/search']['post']['responses'][200]['content']['application/json']
>['items'][number];
export type Offer = components['schemas']['ResidentOffer'];
export type AppendActionInput = Body<'/api/v1/trajectories/{id}/plan/actions', 'post'>;

export const ENTRY_KINDS = [
  'collective_provision',
  'neighbourhood_initiative',
  'volunteer_organisation',
  'day_activity',
  'partner_service',
] as const satisfies readonly EntryKind[];
export const GROUP_KINDS = [
  'coffee_morning',
  'administration_class',
  'course',
  'activity',
  'other',
] as const satisfies readonly GroupKind[];
export const ITEM_KINDS = [
  'mobility_scooter',
  'wheelchair',
  'walker',
  'tools',
  'other',
] as const satisfies readonly ItemKind[];

export const keys = {
  entries: (filter: object) => ['social-map', filter] as const,
  groups: ['groups'] as const,
  group: (id: string) => ['groups', id] as const,
  items: ['shared-items'] as const,
  overdue: ['shared-items', 'overdue'] as const,
  volunteers: ['volunteers'] as const,
  matches: (trajectoryId: string) => ['volunteer-matches', trajectoryId] as const,
  tasks: ['volunteer-tasks'] as const,
  offers: (trajectoryId: string) => ['offers', trajectoryId] as const,
  trajectories: ['collective', 'trajectories'] as const,
  plan: (trajectoryId: string) => ['trajectory', trajectoryId, 'plan'] as const,
  household: (id: string) => ['collective', 'household', id] as const,
  neighbourhoods: ['collective', 'neighbourhoods'] as const,
};

// ---- shared look-ups ------------------------------------------------------------------------

export function useNeighbourhoods() {
  return useQuery({
    queryKey: keys.neighbourhoods,
    queryFn: async () => (await unwrap(api.GET('/api/v1/neighbourhoods'))).items,
    staleTime: 5 * 60_000,
  });
}

/** The caller's open trajectories (their team's), to choose whose plan or group this is for. */
export function useTeamTrajectories(enabled = true) {
  return useQuery({
    queryKey: keys.trajectories,
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/trajectories', { params: { query: {} } }))).items.filter(
        (t) => t.status !== 'closed',
      ),
    enabled,
  });
}

export function useHouseholdMembers(householdId: string | undefined) {
  return useQuery({
    queryKey: keys.household(householdId ?? ''),
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/households/{id}', { params: { path: { id: householdId ?? '' } } }),
        )
      ).members,
    enabled: Boolean(householdId),
  });
}

export function usePlan(trajectoryId: string | undefined) {
  return useQuery({
    queryKey: keys.plan(trajectoryId ?? ''),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/trajectories/{id}/plan', { params: { path: { id: trajectoryId ?? '' } } }),
      ),
    enabled: Boolean(trajectoryId),
    staleTime: 0,
  });
}

export function useAppendAction(trajectoryId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AppendActionInput) =>
      unwrap(
        api.POST('/api/v1/trajectories/{id}/plan/actions', {
          params: { path: { id: trajectoryId } },
          body,
        }),
      ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['trajectory', trajectoryId] }),
  });
}

// ---- the social map -------------------------------------------------------------------------

export interface EntryFilter {
  q?: string;
  lifeDomain?: string;
  neighbourhoodCode?: string;
}

export function useEntries(filter: EntryFilter) {
  return useQuery({
    queryKey: keys.entries(filter),
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/social-map', {
            params: {
              query: {
                ...(filter.q ? { q: filter.q } : {}),
                ...(filter.lifeDomain
                  ? {
                      lifeDomain: filter.lifeDomain as NonNullable<
                        EntryInput['lifeDomains']
                      >[number],
                    }
                  : {}),
                ...(filter.neighbourhoodCode
                  ? { neighbourhoodCode: filter.neighbourhoodCode }
                  : {}),
              },
            },
          }),
        )
      ).items,
  });
}

export function useSaveEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, body }: { id?: string; version?: number; body: EntryInput }) =>
      id && version
        ? unwrap(
            api.PATCH('/api/v1/social-map/{id}', {
              params: { path: { id } },
              body: { ...body, version },
            }),
          )
        : unwrap(api.POST('/api/v1/social-map', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['social-map'] }),
  });
}

export function useImportEntries() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (csv: string) =>
      unwrap(
        api.POST('/api/v1/social-map/imports', {
          body: csv,
          headers: { 'content-type': 'text/csv' },
          bodySerializer: (body: string) => body,
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['social-map'] }),
  });
}

// ---- groups ---------------------------------------------------------------------------------

export function useGroups() {
  return useQuery({
    queryKey: keys.groups,
    queryFn: async () => (await unwrap(api.GET('/api/v1/groups'))).items,
  });
}

export function useGroup(id: string) {
  return useQuery({
    queryKey: keys.group(id),
    queryFn: () => unwrap(api.GET('/api/v1/groups/{id}', { params: { path: { id } } })),
    staleTime: 0,
  });
}

export function useCreateGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: GroupInput) => unwrap(api.POST('/api/v1/groups', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.groups }),
  });
}

export function useGroupMutations(groupId: string) {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: keys.groups });
  return {
    addSession: useMutation({
      mutationFn: (body: { startsAt: string; endsAt: string | null; place: string }) =>
        unwrap(
          api.POST('/api/v1/groups/{id}/sessions', { params: { path: { id: groupId } }, body }),
        ),
      onSuccess: refresh,
    }),
    signUp: useMutation({
      mutationFn: (body: { trajectoryId: string; residentId: string }) =>
        unwrap(
          api.POST('/api/v1/groups/{id}/participants', { params: { path: { id: groupId } }, body }),
        ),
      onSuccess: refresh,
    }),
    leave: useMutation({
      mutationFn: (participantId: string) =>
        unwrap(
          api.POST('/api/v1/group-participants/{id}/leave', {
            params: { path: { id: participantId } },
          }),
        ),
      onSuccess: refresh,
    }),
    attendance: useMutation({
      mutationFn: ({
        sessionId,
        entries,
      }: {
        sessionId: string;
        entries: { participantId: string; present: boolean }[];
      }) =>
        unwrap(
          api.PUT('/api/v1/group-sessions/{id}/attendance', {
            params: { path: { id: sessionId } },
            body: { entries },
          }),
        ),
      onSuccess: refresh,
    }),
    capacity: useMutation({
      mutationFn: (body: { version: number; capacity: number }) =>
        unwrap(api.PATCH('/api/v1/groups/{id}', { params: { path: { id: groupId } }, body })),
      onSuccess: refresh,
    }),
  };
}

// ---- the item pool --------------------------------------------------------------------------

export function useItems() {
  return useQuery({
    queryKey: keys.items,
    queryFn: async () => (await unwrap(api.GET('/api/v1/shared-items'))).items,
    staleTime: 0,
  });
}

export function useOverdue() {
  return useQuery({
    queryKey: keys.overdue,
    queryFn: async () => (await unwrap(api.GET('/api/v1/item-loans/overdue'))).items,
    staleTime: 0,
  });
}

export function useItemMutations() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: keys.items });
  return {
    create: useMutation({
      mutationFn: (body: Body<'/api/v1/shared-items', 'post'>) =>
        unwrap(api.POST('/api/v1/shared-items', { body })),
      onSuccess: refresh,
    }),
    lend: useMutation({
      mutationFn: ({
        itemId,
        body,
      }: {
        itemId: string;
        body: Body<'/api/v1/shared-items/{id}/loans', 'post'>;
      }) =>
        unwrap(
          api.POST('/api/v1/shared-items/{id}/loans', { params: { path: { id: itemId } }, body }),
        ),
      onSuccess: refresh,
    }),
    giveBack: useMutation({
      mutationFn: ({ loanId, returnedOn }: { loanId: string; returnedOn: string }) =>
        unwrap(
          api.POST('/api/v1/item-loans/{id}/return', {
            params: { path: { id: loanId } },
            body: { returnedOn },
          }),
        ),
      // Refused (409) means the list on screen is stale, e.g. a colleague recorded the return:
      // read it again either way, so the row does not stay beside the message.
      onSettled: refresh,
    }),
    // A loan that has not started (a reservation) is cancelled: its days are free again.
    cancel: useMutation({
      mutationFn: (loanId: string) =>
        unwrap(
          api.POST('/api/v1/item-loans/{id}/cancel', {
            params: { path: { id: loanId } },
          }),
        ),
      onSettled: refresh,
    }),
  };
}

// ---- volunteers -----------------------------------------------------------------------------

export function useVolunteers() {
  return useQuery({
    queryKey: keys.volunteers,
    queryFn: async () => (await unwrap(api.GET('/api/v1/volunteers'))).items,
  });
}

export function useCreateVolunteer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: VolunteerInput) => unwrap(api.POST('/api/v1/volunteers', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.volunteers }),
  });
}

export function useSearchMatches() {
  return useMutation({
    mutationFn: async (body: {
      trajectoryId: string;
      skills: string[];
      availability: string[];
      requiresVog: boolean;
    }) => (await unwrap(api.POST('/api/v1/volunteers/matches/search', { body }))).items,
  });
}

export function useMatches(trajectoryId: string | undefined) {
  return useQuery({
    queryKey: keys.matches(trajectoryId ?? ''),
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/trajectories/{id}/volunteer-matches', {
            params: { path: { id: trajectoryId ?? '' } },
          }),
        )
      ).items,
    enabled: Boolean(trajectoryId),
    staleTime: 0,
  });
}

export function useMatchMutations(trajectoryId: string) {
  const queryClient = useQueryClient();
  const refresh = () =>
    void queryClient.invalidateQueries({ queryKey: keys.matches(trajectoryId) });
  return {
    create: useMutation({
      mutationFn: (body: MatchInput) =>
        unwrap(
          api.POST('/api/v1/trajectories/{id}/volunteer-matches', {
            params: { path: { id: trajectoryId } },
            body,
          }),
        ),
      onSuccess: refresh,
    }),
    end: useMutation({
      mutationFn: ({ matchId, outcome }: { matchId: string; outcome: string }) =>
        unwrap(
          api.POST('/api/v1/volunteer-matches/{id}/end', {
            params: { path: { id: matchId } },
            body: { outcome },
          }),
        ),
      onSuccess: refresh,
    }),
  };
}

export function useVolunteerTasks() {
  return useQuery({
    queryKey: keys.tasks,
    queryFn: async () => (await unwrap(api.GET('/api/v1/volunteer/tasks'))).items,
    staleTime: 0,
  });
}

// ---- residents' offers ----------------------------------------------------------------------

export function useOffers(trajectoryId: string) {
  return useQuery({
    queryKey: keys.offers(trajectoryId),
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/trajectories/{id}/offers', { params: { path: { id: trajectoryId } } }),
        )
      ).items,
  });
}

export function useAddOffer(trajectoryId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'/api/v1/trajectories/{id}/offers', 'post'>) =>
      unwrap(
        api.POST('/api/v1/trajectories/{id}/offers', {
          params: { path: { id: trajectoryId } },
          body,
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.offers(trajectoryId) }),
  });
}
