// Server state of the organisation screens: one hook per endpoint, TanStack Query keys in one place.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import type {
  OrganisationCreate,
  Staff,
  StaffCreate,
  StaffPatch,
  StaffPeriodCorrection,
  StaffPeriodSplit,
  TeamCreate,
  TeamPatch,
} from '../../lib/api-types';
import type { CoordinatedCount } from './coordination';

/**
 * An admin's read of one staff member, with the trajectories they coordinate per team, and a
 * change that may correct the e-mail address. Both fields are in the API (organisation.schemas.ts);
 * spelled out here as well until web/src/lib/api-schema.d.ts is generated again, after which
 * these are just Staff and StaffPatch.
 */
export type StaffDetail = Staff & { openTrajectoriesCoordinated?: CoordinatedCount[] };
export type StaffChange = StaffPatch & { email?: string };

export const keys = {
  neighbourhoods: ['neighbourhoods'] as const,
  teams: ['teams'] as const,
  team: (id: string) => ['teams', id] as const,
  composition: (id: string) => ['teams', id, 'composition'] as const,
  organisations: ['organisations'] as const,
  staff: (teamId?: string) => ['staff', teamId ?? 'all'] as const,
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

export function useTeam(id: string) {
  return useQuery({
    queryKey: keys.team(id),
    queryFn: () => unwrap(api.GET('/api/v1/teams/{id}', { params: { path: { id } } })),
  });
}

export function useComposition(id: string) {
  return useQuery({
    queryKey: keys.composition(id),
    queryFn: () => unwrap(api.GET('/api/v1/teams/{id}/composition', { params: { path: { id } } })),
  });
}

export function useOrganisations(enabled = true) {
  return useQuery({
    queryKey: keys.organisations,
    queryFn: async () => (await unwrap(api.GET('/api/v1/organisations'))).items,
    enabled,
  });
}

export function useStaff(teamId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: keys.staff(teamId),
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/staff', { params: { query: teamId ? { teamId } : {} } })))
        .items,
    enabled,
  });
}

/**
 * One staff member as the administrator reads it (audited as a staff read), for the edit form's
 * warning about trajectories they coordinate. Under ['staff']: a saved change refreshes it.
 */
export function useStaffMember(id: string) {
  return useQuery({
    queryKey: ['staff', 'one', id] as const,
    queryFn: async (): Promise<StaffDetail> =>
      unwrap(api.GET('/api/v1/staff/{id}', { params: { path: { id } } })),
  });
}

export function useCreateTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TeamCreate) => unwrap(api.POST('/api/v1/teams', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.teams }),
  });
}

export function useUpdateTeam(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TeamPatch) =>
      unwrap(api.PATCH('/api/v1/teams/{id}', { params: { path: { id } }, body })),
    onSuccess: (team) => {
      queryClient.setQueryData(keys.team(id), team);
      void queryClient.invalidateQueries({ queryKey: keys.teams, exact: true });
      void queryClient.invalidateQueries({ queryKey: keys.composition(id) });
    },
  });
}

export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganisationCreate) => unwrap(api.POST('/api/v1/organisations', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.organisations }),
  });
}

export function useCreateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StaffCreate) => unwrap(api.POST('/api/v1/staff', { body })),
    // Not awaited: the mutation (and its caller's onSuccess) finishes first, then lists refresh.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['staff'] });
      void queryClient.invalidateQueries({ queryKey: keys.teams });
    },
  });
}

export function useUpdateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: StaffChange & { id: string }): Promise<StaffDetail> =>
      unwrap(api.PATCH('/api/v1/staff/{id}', { params: { path: { id } }, body })),
    // Not awaited: the mutation (and its caller's onSuccess) finishes first, then lists refresh.
    onSuccess: (saved) => {
      // The lists show the saved member (and its new version) at once; then they refresh. Only
      // the lists: one member's read (useStaffMember) is no list.
      queryClient.setQueriesData<Staff[] | StaffDetail>({ queryKey: ['staff'] }, (old) =>
        Array.isArray(old) ? old.map((member) => (member.id === saved.id ? saved : member)) : old,
      );
      queryClient.setQueryData(['staff', 'one', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['staff'] });
      void queryClient.invalidateQueries({ queryKey: keys.teams });
    },
  });
}

/** A staff member's history of teams and hours, newest first (admin). */
export function useStaffPeriods(id: string) {
  return useQuery({
    // Under ['staff']: a saved change refreshes it with the lists.
    queryKey: ['staff', 'periods', id] as const,
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/staff/{id}/periods', { params: { path: { id } } }))).items,
  });
}

/** Corrects one stretch of a staff member's history (admin); answers with the whole history. */
export function useCorrectStaffPeriod(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    // `stretch` is the first day the stretch has now; the body may move it (body.validFrom).
    mutationFn: async ({ stretch, body }: { stretch: string; body: StaffPeriodCorrection }) =>
      (
        await unwrap(
          api.PATCH('/api/v1/staff/{id}/periods/{validFrom}', {
            params: { path: { id, validFrom: stretch } },
            body,
          }),
        )
      ).items,
    onSuccess: (items) => {
      queryClient.setQueryData(['staff', 'periods', id], items);
    },
  });
}

/** Splits one stretch of a staff member's history on a day (admin); answers with the whole history. */
export function useSplitStaffPeriod(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ stretch, body }: { stretch: string; body: StaffPeriodSplit }) =>
      (
        await unwrap(
          api.POST('/api/v1/staff/{id}/periods/{validFrom}/split', {
            params: { path: { id, validFrom: stretch } },
            body,
          }),
        )
      ).items,
    onSuccess: (items) => {
      queryClient.setQueryData(['staff', 'periods', id], items);
    },
  });
}
