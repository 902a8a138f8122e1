// Server state of what the household's residents sent from the portal (a wish for the plan, a
// comment on an action, an action ticked off or reopened).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';

const messagesKey = (id: string) => ['trajectory', id, 'resident-messages'] as const;

export function useResidentMessages(trajectoryId: string) {
  return useQuery({
    queryKey: messagesKey(trajectoryId),
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/trajectories/{id}/resident-messages', {
            params: { path: { id: trajectoryId } },
          }),
        )
      ).items,
    staleTime: 0,
  });
}

export function useMarkResidentMessageRead(trajectoryId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) =>
      unwrap(
        api.POST('/api/v1/trajectories/{id}/resident-messages/{messageId}/read', {
          params: { path: { id: trajectoryId, messageId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: messagesKey(trajectoryId) }),
  });
}
