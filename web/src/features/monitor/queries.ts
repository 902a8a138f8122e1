// Server state of the monitor screens.
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import type { components } from '../../lib/api-schema';

export type Monitor = components['schemas']['Monitor'];
export type MonitorSection = Monitor['sections'][number];
export type MonitorTable = MonitorSection['tables'][number];
export type MonitorFigure = MonitorSection['figures'][number];
/**
 * A value as the public report shows it: a number, "<5" (fewer than five, or resting on fewer
 * than five people) or "x" (five or more, hidden so that a "<5" cannot be worked out). Wider than
 * the generated schema until it is written again; the screens only test values through this type.
 */
export type Shown = number | '<5' | 'x';

export interface ReportFilters {
  from: string;
  to: string;
  /** '' = all teams the caller may see */
  teamId: string;
  /** '' = all neighbourhoods */
  neighbourhoodCode: string;
}

/** The query string of the report and its downloads (empty filters left out). */
export function reportQuery(filters: ReportFilters, withTeam: boolean): Record<string, string> {
  const query: Record<string, string> = { from: filters.from, to: filters.to };
  if (withTeam && filters.teamId) query.teamId = filters.teamId;
  if (filters.neighbourhoodCode) query.neighbourhoodCode = filters.neighbourhoodCode;
  return query;
}

export function useMonitor(filters: ReportFilters) {
  return useQuery({
    queryKey: ['reports', 'monitor', reportQuery(filters, true)],
    queryFn: () =>
      unwrap(api.GET('/api/v1/reports/monitor', { params: { query: reportQuery(filters, true) } })),
    placeholderData: keepPreviousData,
  });
}

/** The monitor once per team, for the municipality's comparison of teams side by side. */
export function useMonitorPerTeam(filters: ReportFilters, teamIds: string[], enabled: boolean) {
  return useQueries({
    queries: teamIds.map((teamId) => {
      const query = reportQuery({ ...filters, teamId }, true);
      return {
        queryKey: ['reports', 'monitor', query],
        queryFn: () => unwrap(api.GET('/api/v1/reports/monitor', { params: { query } })),
        enabled,
      };
    }),
  });
}

export function usePublicReport(filters: ReportFilters) {
  return useQuery({
    queryKey: ['reports', 'public', reportQuery(filters, false)],
    queryFn: () =>
      unwrap(api.GET('/api/v1/reports/public', { params: { query: reportQuery(filters, false) } })),
    placeholderData: keepPreviousData,
  });
}

export function useTeams(enabled: boolean) {
  return useQuery({
    queryKey: ['teams'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/teams'))).items,
    enabled,
  });
}

export function useNeighbourhoods() {
  return useQuery({
    queryKey: ['neighbourhoods'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/neighbourhoods'))).items,
    staleTime: 5 * 60_000,
  });
}
