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
    queryFn: () =>
      unwrap(api.GET('/api/v1/trajectories/{id}/assessments', { params: { path: { id } } })),
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
