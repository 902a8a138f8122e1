// Server state of the trajectory screens: the coordinator's list, one trajectory, its krachtplan
// with versions, journal, case conferences, referrals and closure.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import type {
  AgreementInput,
  CaseConferenceInput,
  CloseInput,
  JournalInput,
  PlanInput,
  ReferralInput,
  TrajectoryPatch,
} from '../../lib/api-types';

export const keys = {
  list: (coordinatorId: string | undefined, status?: TrajectoryListStatus) =>
    ['trajectories', coordinatorId ?? 'team', status ?? 'all'] as const,
  detail: (id: string) => ['trajectory', id] as const,
  plan: (id: string) => ['trajectory', id, 'plan'] as const,
  versions: (id: string) => ['trajectory', id, 'plan', 'versions'] as const,
  version: (id: string, version: number) =>
    ['trajectory', id, 'plan', 'versions', version] as const,
  contacts: (id: string) => ['trajectory', id, 'contacts'] as const,
  conferences: (id: string) => ['trajectory', id, 'conferences'] as const,
  referrals: (id: string) => ['trajectory', id, 'referrals'] as const,
  staff: (teamId: string) => ['trajectory-staff', teamId] as const,
  organisations: ['trajectory-organisations'] as const,
};

/** A status to ask the server for: `active` is every status but closed; none is all of them. */
export type TrajectoryListStatus = 'active' | 'open' | 'follow_up' | 'aftercare' | 'closed';

/** Trajectories per page: the server's default, what the list showed in one piece before paging. */
export const TRAJECTORIES_PAGE_SIZE = 200;

/**
 * The list, page by page (newest opened first): `data.pages` holds what was loaded, and
 * fetchNextPage asks for the next page with the cursor the last one gave, and the same filters.
 */
export function useTrajectories(
  coordinatorId: string | undefined,
  enabled = true,
  status?: TrajectoryListStatus,
) {
  return useInfiniteQuery({
    queryKey: keys.list(coordinatorId, status),
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/trajectories', {
          params: {
            query: {
              ...(coordinatorId ? { coordinatorId } : {}),
              ...(status ? { status } : {}),
              limit: TRAJECTORIES_PAGE_SIZE,
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
    staleTime: 0,
  });
}

export function useTrajectory(id: string) {
  return useQuery({
    queryKey: keys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/trajectories/{id}', { params: { path: { id } } })),
    staleTime: 0,
  });
}

export function usePlan(id: string) {
  return useQuery({
    queryKey: keys.plan(id),
    queryFn: () => unwrap(api.GET('/api/v1/trajectories/{id}/plan', { params: { path: { id } } })),
    staleTime: 0,
  });
}

export function usePlanVersions(id: string) {
  return useQuery({
    queryKey: keys.versions(id),
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/trajectories/{id}/plan/versions', { params: { path: { id } } }),
        )
      ).items,
    staleTime: 0,
  });
}

export function usePlanVersion(id: string, version: number) {
  return useQuery({
    queryKey: keys.version(id, version),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/trajectories/{id}/plan/versions/{version}', {
          params: { path: { id, version } },
        }),
      ),
    enabled: version > 0,
  });
}

/** Contacts per page: the server's default. */
export const JOURNAL_PAGE_SIZE = 100;

/**
 * The journal, page by page (newest first): `data.pages` holds what was loaded, and fetchNextPage
 * asks for older contacts with the cursor the last page gave.
 */
export function useContacts(id: string) {
  return useInfiniteQuery({
    queryKey: keys.contacts(id),
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/trajectories/{id}/contacts', {
          params: {
            path: { id },
            query: { limit: JOURNAL_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
}

export function useCaseConferences(id: string) {
  return useQuery({
    queryKey: keys.conferences(id),
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/trajectories/{id}/case-conferences', { params: { path: { id } } }),
        )
      ).items,
    staleTime: 0,
  });
}

export function useReferrals(id: string) {
  return useQuery({
    queryKey: keys.referrals(id),
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/trajectories/{id}/referrals', { params: { path: { id } } })))
        .items,
    staleTime: 0,
  });
}

export function useTeamStaff(teamId: string | undefined) {
  return useQuery({
    queryKey: keys.staff(teamId ?? ''),
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/staff', { params: { query: { teamId } } }))).items,
    enabled: Boolean(teamId),
    staleTime: 60_000,
  });
}

export function useOrganisations() {
  return useQuery({
    queryKey: keys.organisations,
    queryFn: async () => (await unwrap(api.GET('/api/v1/organisations'))).items,
    staleTime: 5 * 60_000,
  });
}

/** After any change: the trajectory, its parts and the lists. */
function useInvalidate(id: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['trajectories'] });
    void queryClient.invalidateQueries({ queryKey: keys.detail(id) });
    void queryClient.invalidateQueries({ queryKey: ['household'] });
  };
}

export function useUpdateTrajectory(id: string) {
  const invalidate = useInvalidate(id);
  return useMutation({
    mutationFn: (body: TrajectoryPatch) =>
      unwrap(api.PATCH('/api/v1/trajectories/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useAssignCoordinator(id: string) {
  const invalidate = useInvalidate(id);
  return useMutation({
    mutationFn: (staffId: string) =>
      unwrap(
        api.PUT('/api/v1/trajectories/{id}/coordinator', {
          params: { path: { id } },
          body: { staffId },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useSavePlan(id: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidate(id);
  return useMutation({
    mutationFn: (body: PlanInput) =>
      unwrap(api.PUT('/api/v1/trajectories/{id}/plan', { params: { path: { id } }, body })),
    onSuccess: (plan) => {
      queryClient.setQueryData(keys.plan(id), plan);
      invalidate();
    },
  });
}

export function useRecordAgreement(id: string) {
  const invalidate = useInvalidate(id);
  return useMutation({
    mutationFn: ({ version, ...body }: AgreementInput & { version: number }) =>
      unwrap(
        api.POST('/api/v1/trajectories/{id}/plan/versions/{version}/agreement', {
          params: { path: { id, version } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useAddContact(id: string) {
  const invalidate = useInvalidate(id);
  return useMutation({
    mutationFn: (body: JournalInput) =>
      unwrap(api.POST('/api/v1/trajectories/{id}/contacts', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useAddCaseConference(id: string) {
  const invalidate = useInvalidate(id);
  return useMutation({
    mutationFn: (body: CaseConferenceInput) =>
      unwrap(
        api.POST('/api/v1/trajectories/{id}/case-conferences', { params: { path: { id } }, body }),
      ),
    onSuccess: invalidate,
  });
}

export function useCreateReferral(id: string) {
  const invalidate = useInvalidate(id);
  return useMutation({
    mutationFn: (body: ReferralInput) =>
      unwrap(api.POST('/api/v1/trajectories/{id}/referrals', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useCloseReferral(trajectoryId: string) {
  const invalidate = useInvalidate(trajectoryId);
  return useMutation({
    mutationFn: (referralId: string) =>
      unwrap(api.POST('/api/v1/referrals/{id}/close', { params: { path: { id: referralId } } })),
    onSuccess: invalidate,
  });
}

export function useCloseTrajectory(id: string) {
  const invalidate = useInvalidate(id);
  return useMutation({
    mutationFn: (body: CloseInput) =>
      unwrap(api.POST('/api/v1/trajectories/{id}/close', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useEndAftercare(id: string) {
  const invalidate = useInvalidate(id);
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/trajectories/{id}/end-aftercare', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}
