// Server state of the resident portal (the resident's own household only) and of the worker's
// invitation.
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken, unwrap } from '../../lib/api';
import { sessionKey } from '../../lib/session';

export const keys = {
  me: ['portal', 'me'] as const,
  plan: ['portal', 'plan'] as const,
  measurements: ['portal', 'measurements'] as const,
  log: (from: string, to: string) => ['portal', 'access-log', from, to] as const,
  trajectory: (id: string) => ['portal-invite', 'trajectory', id] as const,
  household: (id: string) => ['portal-invite', 'household', id] as const,
};

export function usePortalMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: () => unwrap(api.GET('/api/v1/portal/me')),
    staleTime: 60_000,
  });
}

export function usePortalPlan() {
  return useQuery({
    queryKey: keys.plan,
    queryFn: () => unwrap(api.GET('/api/v1/portal/plan')),
    staleTime: 0,
  });
}

export function usePortalMeasurements() {
  return useQuery({
    queryKey: keys.measurements,
    queryFn: () => unwrap(api.GET('/api/v1/portal/measurements')),
    staleTime: 60_000,
  });
}

export function useAccessLog(from: string, to: string) {
  return useQuery({
    queryKey: keys.log(from, to),
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/portal/access-log', {
            params: { query: { ...(from ? { from } : {}), ...(to ? { to } : {}) } },
          }),
        )
      ).items,
    staleTime: 0,
  });
}

export function useAgree() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      unwrap(api.POST('/api/v1/portal/plan/agreement', { body: { version } })),
    // Refused too (409: the plan changed meanwhile, or was already agreed to): show it as it is now.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: keys.plan }),
  });
}

export function useWish() {
  return useMutation({
    mutationFn: (text: string) =>
      unwrap(api.POST('/api/v1/portal/plan/wishes', { body: { text } })),
  });
}

/** Ticking off, reopening or commenting on one of the resident's actions. */
export function updateActionOptions(queryClient: QueryClient) {
  return {
    mutationFn: ({ id, ...body }: { id: string; status?: 'open' | 'done'; comment?: string }) =>
      unwrap(api.POST('/api/v1/portal/actions/{id}', { params: { path: { id } }, body })),
    // Refused too (409: the worker dropped the action or the trajectory closed meanwhile): show
    // the plan as it is now, not the one the refused tick was made on.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: keys.plan }),
  };
}

export function useUpdateAction() {
  const queryClient = useQueryClient();
  return useMutation(updateActionOptions(queryClient));
}

/** After activation or sign-in: keep the CSRF token, forget other data, load the new session. */
function useStartSession() {
  const queryClient = useQueryClient();
  return async (session: { csrfToken: string }) => {
    setCsrfToken(session.csrfToken);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
    await queryClient.invalidateQueries({ queryKey: sessionKey, refetchType: 'all' });
  };
}

export function useActivate() {
  const start = useStartSession();
  return useMutation({
    mutationKey: ['login', 'portal-activate'],
    mutationFn: async (body: { code: string; loginName: string; password: string }) => {
      const session = await unwrap(api.POST('/api/v1/portal/activate', { body }));
      await start(session);
      return session;
    },
  });
}

/** Resolves to the session, or to `{ secondFactor: 'verify' }` when the resident set one up. */
export function usePortalLogin() {
  const start = useStartSession();
  return useMutation({
    mutationKey: ['login', 'portal'],
    mutationFn: async (body: { loginName: string; password: string }) => {
      const answer = await unwrap(api.POST('/api/v1/portal/login', { body }));
      if ('secondFactor' in answer) return answer;
      await start(answer);
      return answer;
    },
  });
}

export function usePortalLoginCode() {
  const start = useStartSession();
  return useMutation({
    mutationKey: ['login', 'portal-code'],
    mutationFn: async (code: string) => {
      const session = await unwrap(api.POST('/api/v1/portal/login/code', { body: { code } }));
      await start(session);
      return session;
    },
  });
}

// ---- the worker's invitation ----

export function useInviteTrajectory(id: string) {
  return useQuery({
    queryKey: keys.trajectory(id),
    queryFn: () => unwrap(api.GET('/api/v1/trajectories/{id}', { params: { path: { id } } })),
  });
}

export function useHousehold(id: string | undefined) {
  return useQuery({
    queryKey: keys.household(id ?? ''),
    queryFn: () =>
      unwrap(api.GET('/api/v1/households/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: Boolean(id),
  });
}

/** Turns a household member's extra sign-in code off when they lost it (the worker's side). */
export function useResetResidentSecondFactor() {
  return useMutation({
    mutationFn: (residentId: string) =>
      unwrap(
        api.POST('/api/v1/portal/residents/{id}/second-factor/reset', {
          params: { path: { id: residentId } },
        }),
      ),
  });
}

export function useDeactivateResidentAccount() {
  return useMutation({
    mutationFn: (residentId: string) =>
      unwrap(
        api.POST('/api/v1/portal/residents/{id}/account/deactivation', {
          params: { path: { id: residentId } },
        }),
      ),
  });
}

export function useInvite() {
  return useMutation({
    mutationFn: (residentId: string) =>
      unwrap(api.POST('/api/v1/portal/invitations', { body: { residentId } })),
  });
}

// ---- the resident's optional second factor ----

const secondFactorKey = ['portal', 'second-factor'] as const;

export function useResidentSecondFactor() {
  return useQuery({
    queryKey: secondFactorKey,
    queryFn: () => unwrap(api.GET('/api/v1/portal/second-factor')),
    staleTime: 0,
  });
}

/** A new secret each time: the server replaces an unconfirmed one. */
export function useStartResidentEnrolment() {
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/portal/second-factor/enrolment')),
  });
}

export function useConfirmResidentEnrolment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) =>
      unwrap(api.POST('/api/v1/portal/second-factor/enrolment/confirm', { body: { code } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: secondFactorKey }),
  });
}

export function useRemoveResidentSecondFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) =>
      unwrap(api.POST('/api/v1/portal/second-factor/removal', { body: { code } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: secondFactorKey }),
  });
}
