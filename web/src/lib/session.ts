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

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['login'],
    mutationFn: (input: { email: string; password: string }) =>
      unwrap(api.POST('/api/v1/auth/login', { body: input })),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
      queryClient.setQueryData(sessionKey, session);
    },
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
