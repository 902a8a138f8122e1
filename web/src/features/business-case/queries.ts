// Server state of the business-case screens: the price list, the assumptions, inhabitants per
// buurt and the yearly business case itself.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import type { components, paths } from '../../lib/api-schema';

type Body<P extends keyof paths, M extends 'post' | 'patch'> = paths[P][M] extends {
  requestBody: { content: { 'application/json': infer T } };
}
  ? T
  : never;

export type BusinessCase = components['schemas']['BusinessCase'];
export type Column = BusinessCase['columns'][number];
export type Price = components['schemas']['Price'];
export type Assumption = components['schemas']['BusinessCaseAssumption'];
export type PriceInput = Body<'/api/v1/prices', 'post'>;
export type PriceChange = Body<'/api/v1/prices/{id}', 'patch'>;
export type AssumptionInput = Body<'/api/v1/business-case-assumptions', 'post'>;
export type AssumptionChange = Body<'/api/v1/business-case-assumptions/{id}', 'patch'>;
export type Provision = NonNullable<Price['provision']>;

export const PROVISIONS = [
  'individual_support',
  'day_activities',
  'supported_housing',
  'household_help',
  'specialist_youth_care',
  'specialist_care',
  'wmo_provision',
] as const satisfies readonly Provision[];

export interface BusinessCaseFilter {
  fromYear: number;
  toYear: number;
  teamId?: string | undefined;
}

const keys = {
  all: ['business-case'] as const,
  businessCase: (f: BusinessCaseFilter) => ['business-case', 'case', f] as const,
  prices: ['business-case', 'prices'] as const,
  assumptions: ['business-case', 'assumptions'] as const,
  inhabitants: ['business-case', 'inhabitants'] as const,
};

export function useBusinessCase(filter: BusinessCaseFilter) {
  return useQuery({
    queryKey: keys.businessCase(filter),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/business-case', {
          params: {
            query: {
              fromYear: filter.fromYear,
              toYear: filter.toYear,
              ...(filter.teamId ? { teamId: filter.teamId } : {}),
            },
          },
        }),
      ),
  });
}

export function xlsxHref(filter: BusinessCaseFilter): string {
  const query = new URLSearchParams({
    fromYear: String(filter.fromYear),
    toYear: String(filter.toYear),
    ...(filter.teamId ? { teamId: filter.teamId } : {}),
  });
  return `/api/v1/business-case.xlsx?${query.toString()}`;
}

export function usePrices() {
  return useQuery({
    queryKey: keys.prices,
    queryFn: () => unwrap(api.GET('/api/v1/prices')),
  });
}

export function useAssumptions() {
  return useQuery({
    queryKey: keys.assumptions,
    queryFn: () => unwrap(api.GET('/api/v1/business-case-assumptions')),
  });
}

export function useInhabitants() {
  return useQuery({
    queryKey: keys.inhabitants,
    queryFn: () => unwrap(api.GET('/api/v1/neighbourhood-inhabitants')),
  });
}

export function useTeams(enabled: boolean) {
  return useQuery({
    queryKey: ['business-case', 'teams'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/teams'))).items,
    enabled,
  });
}

export function useOrganisations(enabled: boolean) {
  return useQuery({
    queryKey: ['business-case', 'organisations'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/organisations'))).items,
    enabled,
  });
}

/** Every change to the price list moves the business case: refetch all of it. */
function useInvalidateAll() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: keys.all });
}

export function useCreatePrice() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (body: PriceInput) => unwrap(api.POST('/api/v1/prices', { body })),
    onSuccess: invalidate,
  });
}

export function useChangePrice() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: PriceChange }) =>
      unwrap(api.PATCH('/api/v1/prices/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useCreateAssumption() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (body: AssumptionInput) =>
      unwrap(api.POST('/api/v1/business-case-assumptions', { body })),
    onSuccess: invalidate,
  });
}

export function useChangeAssumption() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: AssumptionChange }) =>
      unwrap(
        api.PATCH('/api/v1/business-case-assumptions/{id}', { params: { path: { id } }, body }),
      ),
    onSuccess: invalidate,
  });
}

export interface ImportResult {
  rows: number;
  skipped: number;
  rejected: { line: number; field: string; reason: string; reasonNl: string }[];
}

export function useImportInhabitants() {
  const invalidate = useInvalidateAll();
  return useMutation({
    // The file goes as it is, text/csv; the CSRF header is added by the client's middleware.
    mutationFn: (csv: string): Promise<ImportResult> =>
      unwrap(
        api.POST('/api/v1/neighbourhood-inhabitants/imports', {
          body: csv,
          bodySerializer: (body: string) => body,
          headers: { 'content-type': 'text/csv' },
        }),
      ),
    onSuccess: invalidate,
  });
}
