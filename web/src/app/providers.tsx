import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { isApiError } from '../lib/api';
import { sessionKey } from '../lib/session';

function createQueryClient(): QueryClient {
  // A 401 anywhere but at login means the session ended: forget it, and the router sends the
  // user to the login page. A wrong second-factor code (setting it up or turning it off while
  // signed in) is a 401 too, but the session lives on: the form shows the error.
  const onUnauthenticated = (error: unknown) => {
    if (isApiError(error, 401) && error.problem.code !== 'invalid_code') {
      client.setQueryData(sessionKey, null);
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.queryKey[0] !== sessionKey[0]) onUnauthenticated(error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (mutation.options.mutationKey?.[0] !== 'login') onUnauthenticated(error);
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
