// Server state of what the household's residents sent from the portal (a wish for the plan, a
// comment on an action, an action ticked off or reopened).
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';

const messagesKey = (id: string) => ['trajectory', id, 'resident-messages'] as const;

/** Messages per page: the server's default. */
export const RESIDENT_MESSAGES_PAGE_SIZE = 100;

/**
 * The messages, page by page (newest first): `data.pages` holds what was loaded, and
 * fetchNextPage asks for older messages with the cursor the last page gave. Every page carries
 * `unreadCount`, the unread messages over all pages, loaded or not.
 */
export function useResidentMessages(trajectoryId: string) {
  return useInfiniteQuery({
    queryKey: messagesKey(trajectoryId),
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/trajectories/{id}/resident-messages', {
          params: {
            path: { id: trajectoryId },
            query: {
              limit: RESIDENT_MESSAGES_PAGE_SIZE,
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
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
    // Every loaded page is fetched again: the message's own row, and the count on each page.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: messagesKey(trajectoryId) }),
  });
}
