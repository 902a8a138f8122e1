// Server state of the measurements screens: the instruments, a trajectory's measurements, the
// due list, and recording a measurement.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import type { paths } from '../../lib/api-schema';

export type Instrument =
  paths['/api/v1/instruments']['get']['responses'][200]['content']['application/json']['items'][number];
export type AssessmentInput = NonNullable<
  paths['/api/v1/trajectories/{id}/assessments']['post']['requestBody']
>['content']['application/json'];

type AssessmentsRead =
  paths['/api/v1/trajectories/{id}/assessments']['get']['responses'][200]['content']['application/json'];
/**
 * The measurements tab as the team reads it, with the scoring form's facts (the server's
 * TeamTrajectoryAssessments): the three-month day and whom a measurement without a member
 * measures. Spelled out here as well, so that this holds before and after api-schema.d.ts is
 * regenerated from the server's schema.
 */
export type TeamAssessments = AssessmentsRead & {
  threeMonthDay: string;
  registeredResidentId: string | null;
};

/** A member of the household, as the scoring form offers them. */
export interface HouseholdMember {
  id: string;
  name: string;
}

export const keys = {
  instruments: ['instruments'] as const,
  trajectory: (id: string) => ['measurements', 'trajectory', id] as const,
  assessments: (id: string) => ['measurements', 'assessments', id] as const,
  due: ['assessments-due'] as const,
};

export function useInstruments() {
  return useQuery({
    queryKey: keys.instruments,
    queryFn: async () => (await unwrap(api.GET('/api/v1/instruments'))).items,
    staleTime: 5 * 60_000,
  });
}

export function useTrajectory(id: string) {
  return useQuery({
    queryKey: keys.trajectory(id),
    queryFn: () => unwrap(api.GET('/api/v1/trajectories/{id}', { params: { path: { id } } })),
    staleTime: 0,
  });
}

export function useAssessments(id: string) {
  return useQuery({
    queryKey: keys.assessments(id),
    queryFn: async (): Promise<TeamAssessments> =>
      (await unwrap(
        api.GET('/api/v1/trajectories/{id}/assessments', { params: { path: { id } } }),
      )) as TeamAssessments,
    staleTime: 0,
  });
}

/**
 * The household's members, whom the scoring form may measure: the household read the trajectory
 * page makes too (same key), audited per member ('household.read'). Only for those who score.
 */
export function useHouseholdMembers(householdId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['household', householdId, 'members'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/households/{id}', { params: { path: { id: householdId } } })),
    select: (household): HouseholdMember[] =>
      household.members.map((member) => ({
        id: member.id,
        name: `${member.givenName} ${member.familyName}`,
      })),
    enabled,
    staleTime: 0,
  });
}

export function useCreateAssessment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AssessmentInput) =>
      unwrap(api.POST('/api/v1/trajectories/{id}/assessments', { params: { path: { id } }, body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.assessments(id) });
      void queryClient.invalidateQueries({ queryKey: keys.due });
      void queryClient.invalidateQueries({ queryKey: ['trajectories'] });
      void queryClient.invalidateQueries({ queryKey: ['trajectory', id] });
    },
  });
}
