// Server state of the werkbudget and execution budget screens.
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, unwrap } from '../../lib/api';
import type { components, paths } from '../../lib/api-schema';

type Body<P extends keyof paths, M extends 'post' | 'put'> = paths[P][M] extends {
  requestBody: { content: { 'application/json': infer T } };
}
  ? T
  : never;

export type WorkBudget = components['schemas']['WorkBudget'];
export type WorkBudgetInput = Body<'/api/v1/work-budgets/{year}', 'put'>;
export type Summary = components['schemas']['WorkBudgetSummary'];
export type Evaluation = components['schemas']['WorkBudgetEvaluation'];
export type BudgetRequest = components['schemas']['WorkBudgetRequest'];
export type RequestInput = Body<'/api/v1/work-budget-requests', 'post'>;
export type Vat = RequestInput['vat'];
export type ReturnInput = Body<'/api/v1/work-budget-requests/{id}/return', 'post'>;
export type ReturnCategory = ReturnInput['category'];
export type ExecutionBudget = components['schemas']['ExecutionBudget'];
export type ExecutionInput = Body<'/api/v1/execution-budgets/{year}', 'put'>;

export const VATS = ['included', 'excluded', 'exempt'] as const satisfies readonly Vat[];
export const RETURN_CATEGORIES = [
  'work',
  'health',
  'housing',
  'debts',
  'participation',
  'school',
  'other',
] as const satisfies readonly ReturnCategory[];

export const keys = {
  budget: (year: number) => ['work-budget', year] as const,
  summary: (year: number) => ['work-budget', year, 'summary'] as const,
  evaluation: (year: number) => ['work-budget', year, 'evaluation'] as const,
  requests: (year: number) => ['work-budget-requests', year] as const,
  toDecide: ['work-budget-requests', 'to-decide'] as const,
  execution: (year: number) => ['execution-budget', year] as const,
};

/** null when the year has no budget yet (404). */
async function orNull<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (isApiError(error, 404)) return null;
    throw error;
  }
}

export function useWorkBudget(year: number, enabled = true) {
  return useQuery({
    queryKey: keys.budget(year),
    queryFn: () =>
      orNull(unwrap(api.GET('/api/v1/work-budgets/{year}', { params: { path: { year } } }))),
    enabled,
  });
}

export function useSummary(year: number) {
  return useQuery({
    queryKey: keys.summary(year),
    queryFn: () =>
      orNull(
        unwrap(api.GET('/api/v1/work-budgets/{year}/summary', { params: { path: { year } } })),
      ),
  });
}

export function useEvaluation(year: number) {
  return useQuery({
    queryKey: keys.evaluation(year),
    queryFn: () =>
      orNull(
        unwrap(api.GET('/api/v1/work-budgets/{year}/evaluation', { params: { path: { year } } })),
      ),
  });
}

export function useRequests(year: number) {
  return useQuery({
    queryKey: keys.requests(year),
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/work-budget-requests', { params: { query: { year } } })))
        .items,
  });
}

export function useToDecide(enabled: boolean) {
  return useQuery({
    queryKey: keys.toDecide,
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/work-budget-requests', { params: { query: { toDecide: 'true' } } }),
        )
      ).items,
    enabled,
  });
}

/** Paid three months ago or more without a recorded return: a reminder for the team. */
export function useReturnsDue(enabled: boolean) {
  return useQuery({
    queryKey: ['work-budget', 'returns-due'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/work-budget-requests/returns-due'))).items,
    enabled,
  });
}

export function useTeams() {
  return useQuery({
    queryKey: ['teams'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/teams'))).items,
  });
}

export function useTrajectory(id: string) {
  return useQuery({
    queryKey: ['trajectories', id],
    queryFn: () => unwrap(api.GET('/api/v1/trajectories/{id}', { params: { path: { id } } })),
    enabled: Boolean(id),
  });
}

export function useMyTrajectories(coordinatorId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['trajectories', 'list', coordinatorId ?? 'team'],
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/trajectories', {
            params: { query: coordinatorId ? { coordinatorId } : {} },
          }),
        )
      ).items,
    enabled,
  });
}

/** Every change to a request moves the summary, the lists and the evaluation. */
function useRefreshBudget() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['work-budget'] });
    void queryClient.invalidateQueries({ queryKey: ['work-budget-requests'] });
  };
}

export function useCreateRequest() {
  const refresh = useRefreshBudget();
  return useMutation({
    mutationFn: (body: RequestInput) => unwrap(api.POST('/api/v1/work-budget-requests', { body })),
    onSuccess: refresh,
  });
}

export function useApprove() {
  const refresh = useRefreshBudget();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note?: string }) =>
      unwrap(
        api.POST('/api/v1/work-budget-requests/{id}/approve', {
          params: { path: { id } },
          body: note ? { note } : {},
        }),
      ),
    onSuccess: refresh,
  });
}

export function useReject() {
  const refresh = useRefreshBudget();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(
        api.POST('/api/v1/work-budget-requests/{id}/reject', {
          params: { path: { id } },
          body: { reason },
        }),
      ),
    onSuccess: refresh,
  });
}

export function usePay() {
  const refresh = useRefreshBudget();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: string;
      paidOn: string;
      payee: string;
      reference?: string;
    }) =>
      unwrap(api.POST('/api/v1/work-budget-requests/{id}/pay', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}

export function useCorrection() {
  const refresh = useRefreshBudget();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; amountCents: number; reason: string }) =>
      unwrap(
        api.POST('/api/v1/work-budget-requests/{id}/correction', {
          params: { path: { id } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

/**
 * Reads the lists of requests again and answers this request as it is now: after a 409, the form
 * continues from the newer version, and the page shows what someone else saved.
 */
export function useReloadRequest() {
  const queryClient = useQueryClient();
  return async (id: string): Promise<BudgetRequest | undefined> => {
    await queryClient.refetchQueries({ queryKey: ['work-budget-requests'] });
    return queryClient
      .getQueriesData<BudgetRequest[]>({ queryKey: ['work-budget-requests'] })
      .flatMap(([, items]) => items ?? [])
      .find((item) => item.id === id);
  };
}

export function useRecordReturn() {
  const refresh = useRefreshBudget();
  return useMutation({
    mutationFn: ({ id, ...body }: ReturnInput & { id: string }) =>
      unwrap(
        api.POST('/api/v1/work-budget-requests/{id}/return', { params: { path: { id } }, body }),
      ),
    onSuccess: refresh,
  });
}

export function useSaveWorkBudget(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WorkBudgetInput) =>
      unwrap(api.PUT('/api/v1/work-budgets/{year}', { params: { path: { year } }, body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.budget(year), saved);
      void queryClient.invalidateQueries({ queryKey: keys.summary(year) });
    },
  });
}

/** The execution budgets of a range of years at once, to find the years that have one. */
export function useExecutionBudgets(years: number[]) {
  return useQueries({
    queries: years.map((year) => ({
      queryKey: keys.execution(year),
      queryFn: () =>
        orNull(unwrap(api.GET('/api/v1/execution-budgets/{year}', { params: { path: { year } } }))),
    })),
  });
}

export function useSaveExecutionBudget(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ExecutionInput) =>
      unwrap(api.PUT('/api/v1/execution-budgets/{year}', { params: { path: { year } }, body })),
    onSuccess: (saved) => queryClient.setQueryData(keys.execution(year), saved),
  });
}
