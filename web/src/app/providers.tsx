import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { isApiError } from '../lib/api';
import type { Session } from '../lib/api-types';
import { markSessionExpired, sessionKey } from '../lib/session';

const SIGN_IN_MUTATIONS = new Set(['login', 'logout']);

function createQueryClient(): QueryClient {
  // A 401 anywhere but at login means the session ended. A staff member who was working stays on
  // the page and is asked to sign in again over it (what they typed is kept); anyone else (a
  // resident, a page opened without a session) is forgotten, and the router sends them to the
  // sign-in page. A wrong second-factor code (setting it up or turning it off while signed in) is
  // a 401 too, but the session lives on: the form shows the error.
  const onUnauthenticated = (error: unknown) => {
    if (!isApiError(error, 401) || error.problem.code === 'invalid_code') return;
    const session = client.getQueryData<Session | null>(sessionKey);
    if (session && session.user.role !== 'resident') markSessionExpired(session.user);
    else client.setQueryData(sessionKey, null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.queryKey[0] !== sessionKey[0]) onUnauthenticated(error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        const key = mutation.options.mutationKey?.[0];
        if (typeof key !== 'string' || !SIGN_IN_MUTATIONS.has(key)) onUnauthenticated(error);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // 4xx answers do not get better by asking again.
        retry: (failureCount, error) =>
          !(isApiError(error) && error.status < 500) && failureCount < 2,
      },
    },
  });
  return client;
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
