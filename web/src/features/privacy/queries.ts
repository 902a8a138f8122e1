// Server state of the privacy officer's screens.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import type { components } from '../../lib/api-schema';

export type AuditEntry = components['schemas']['AuditEntry'];
export type PrivacyAlert = components['schemas']['PrivacyAlert'];
export type ErasureCase = components['schemas']['ErasureCase'];
export type RetentionFile = components['schemas']['RetentionFile'];

export interface AuditFilters {
  residentId: string;
  actorId: string;
  action: string;
  from: string;
  to: string;
}

function auditQuery(filters: AuditFilters) {
  const query: Record<string, string> = {};
  for (const key of Object.keys(filters) as (keyof AuditFilters)[]) {
    if (filters[key]) query[key] = filters[key];
  }
  return query;
}

export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['privacy', 'audit', auditQuery(filters)],
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/audit', {
          params: {
            query: {
              ...auditQuery(filters),
              limit: 50,
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useStaffNames() {
  return useQuery({
    queryKey: ['privacy', 'staff'],
    queryFn: () => unwrap(api.GET('/api/v1/staff', { params: { query: { limit: 500 } } })),
  });
}

export function useAlerts(status: 'open' | 'reviewed' | 'all') {
  return useQuery({
    queryKey: ['privacy', 'alerts', status],
    queryFn: () => unwrap(api.GET('/api/v1/privacy/alerts', { params: { query: { status } } })),
  });
}

export function useReviewAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { key: string; note: string }) =>
      unwrap(api.POST('/api/v1/privacy/alerts/review', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['privacy', 'alerts'] }),
  });
}

export function useErasures(status: 'open' | 'erased' | 'refused' | 'all') {
  return useQuery({
    queryKey: ['privacy', 'erasures', status],
    queryFn: () => unwrap(api.GET('/api/v1/privacy/erasures', { params: { query: { status } } })),
  });
}

export function usePastRetention() {
  return useQuery({
    queryKey: ['privacy', 'retention'],
    queryFn: () => unwrap(api.GET('/api/v1/privacy/retention')),
  });
}

function useInvalidateErasures() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['privacy', 'erasures'] }),
      queryClient.invalidateQueries({ queryKey: ['privacy', 'retention'] }),
    ]);
}

export function useRunRetention() {
  const invalidate = useInvalidateErasures();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/privacy/retention/run')),
    onSuccess: invalidate,
  });
}

/**
 * The privacy officer's lookup of the resident an erasure request is about. It runs when asked
 * (a search button), not per keystroke: every resident shown is written to the audit trail.
 */
export function useErasureResidentLookup(terms: { familyName: string; birthDate: string } | null) {
  return useQuery({
    queryKey: ['privacy', 'erasure-residents', terms],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/privacy/erasures/residents', {
          params: {
            query: {
              familyName: terms?.familyName ?? '',
              ...(terms?.birthDate ? { birthDate: terms.birthDate } : {}),
            },
          },
        }),
      ),
    enabled: terms !== null,
    staleTime: Infinity,
    retry: false,
  });
}

export function useRequestErasure() {
  const invalidate = useInvalidateErasures();
  return useMutation({
    mutationFn: (body: { residentId: string; note: string }) =>
      unwrap(api.POST('/api/v1/privacy/erasures', { body })),
    onSuccess: invalidate,
  });
}

export function useDecideErasure() {
  const invalidate = useInvalidateErasures();
  return useMutation({
    mutationFn: (input: { id: string; version: number; refuseNote?: string }) =>
      input.refuseNote === undefined
        ? unwrap(
            api.POST('/api/v1/privacy/erasures/{id}/erase', {
              params: { path: { id: input.id } },
              body: { version: input.version },
            }),
          )
        : unwrap(
            api.POST('/api/v1/privacy/erasures/{id}/refuse', {
              params: { path: { id: input.id } },
              body: { version: input.version, note: input.refuseNote },
            }),
          ),
    onSuccess: invalidate,
  });
}

export type PrivacySettings = components['schemas']['PrivacySettings'];
const settingsKey = ['privacy', 'settings'] as const;

export function usePrivacySettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: () => unwrap(api.GET('/api/v1/privacy/settings')),
  });
}

export function useSavePrivacySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PrivacySettings) => unwrap(api.PUT('/api/v1/privacy/settings', { body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKey, saved);
      // The retention list and the alerts follow the new settings.
      void queryClient.invalidateQueries({
        predicate: (query) => query.queryKey[0] === 'privacy' && query.queryKey[1] !== 'settings',
      });
    },
  });
}
