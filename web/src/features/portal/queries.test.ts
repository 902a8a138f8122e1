// Ticking off an action reloads the plan also when the server refuses it (409), so the resident
// does not keep looking at a plan that changed meanwhile.
import { MutationObserver, QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { keys, updateActionOptions } from './queries';

type Change = Parameters<ReturnType<typeof updateActionOptions>['mutationFn']>[0];

async function settle(queryClient: QueryClient, outcome: 'refused' | 'done') {
  queryClient.setQueryData(keys.plan, { version: 1 });
  const observer = new MutationObserver(queryClient, {
    ...updateActionOptions(queryClient),
    // The server's answer, without a server: what is tested is what happens after it.
    mutationFn: (_change: Change) =>
      outcome === 'refused'
        ? Promise.reject(new Error('409 conflict'))
        : Promise.resolve({ actionId: 'a', status: 'done' as const, planVersion: 2 }),
  });
  await observer.mutate({ id: 'a', status: 'done' }).catch(() => undefined);
  return queryClient.getQueryState(keys.plan)?.isInvalidated;
}

describe('updateActionOptions', () => {
  it('marks the plan stale after a refused change', async () => {
    expect(await settle(new QueryClient(), 'refused')).toBe(true);
  });

  it('marks the plan stale after a change that went through', async () => {
    expect(await settle(new QueryClient(), 'done')).toBe(true);
  });
});
