// The signed-in session: GET /auth/me on load (which also gives the CSRF token), login, logout.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken, unwrap } from './api';
import type { Session } from './api-types';

export const sessionKey = ['session'] as const;

async function fetchSession(): Promise<Session | null> {
  const { data, error, response } = await api.GET('/api/v1/auth/me');
  if (response.status === 401) {
    setCsrfToken(null);
    return null;
  }
  if (!response.ok || !data) throw new ApiError(response.status, error ?? {});
  if (data.csrfToken) setCsrfToken(data.csrfToken);
  return data;
}

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: Infinity });
}

/** The password was right; a second factor must follow ('verify') or be set up ('enrol'). */
export type SecondFactorStage = 'verify' | 'enrol';

export function useAcceptSession() {
  const queryClient = useQueryClient();
  return (session: Session) => {
    setCsrfToken(session.csrfToken);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
    queryClient.setQueryData(sessionKey, { user: session.user, csrfToken: session.csrfToken });
  };
}

/** Step one: e-mail and password. Resolves to the session, or to the second-factor stage. */
export function useLogin() {
  const accept = useAcceptSession();
  return useMutation({
    mutationKey: ['login'],
    mutationFn: async (input: {
      email: string;
      password: string;
    }): Promise<{ session: Session } | { stage: SecondFactorStage }> => {
      const data = await unwrap(api.POST('/api/v1/auth/login', { body: input }));
      return 'secondFactor' in data ? { stage: data.secondFactor } : { session: data };
    },
    onSuccess: (result) => {
      if ('session' in result) accept(result.session);
    },
  });
}

/** Step two: the code from the authenticator app (or a recovery code). */
export function useLoginCode() {
  const accept = useAcceptSession();
  return useMutation({
    mutationKey: ['login'],
    mutationFn: (code: string) => unwrap(api.POST('/api/v1/auth/login/code', { body: { code } })),
    onSuccess: accept,
  });
}

/** Step two for a role that requires a second factor and has none yet: a new secret. */
export function useLoginEnrolment() {
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/login/enrolment')),
  });
}

/**
 * Confirms the new secret with its first code. The session exists from here on, but is taken
 * into use by the caller (after the recovery codes were shown).
 */
export function useConfirmLoginEnrolment() {
  return useMutation({
    mutationKey: ['login'],
    mutationFn: (code: string) =>
      unwrap(api.POST('/api/v1/auth/login/enrolment/confirm', { body: { code } })),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/logout')),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
      queryClient.setQueryData(sessionKey, null);
    },
  });
}
