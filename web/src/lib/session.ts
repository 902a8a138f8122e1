// The signed-in session: GET /auth/me on load (which also gives the CSRF token), login, logout.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, setCsrfToken, unwrap } from './api';
import type { Session, SessionUser } from './api-types';

export const sessionKey = ['session'] as const;

// A staff member whose session ended while working (a 401 on a request of theirs) keeps the page
// and what they typed: the app asks them to sign in again over it (SessionExpiredDialog), and after
// that the same page goes on with the new session. Kept beside the session query, not in it, so
// the page keeps its signed-in layout while it waits.
let expiredUser: SessionUser | null = null;
const expiryListeners = new Set<() => void>();

function setExpiredUser(user: SessionUser | null): void {
  if (expiredUser === user) return;
  expiredUser = user;
  for (const listener of expiryListeners) listener();
}

// Set when someone signed out here (until the next sign-in): the guards then send to the sign-in
// page without a way back to the page that was open, which was the previous person's. Read while
// rendering: it is set before the session is cleared, which is what makes the guards render.
let signedOut = false;

/** The session ended because someone signed out here: no return to the page that was open. */
export function wasSignedOut(): boolean {
  return signedOut;
}

/** The session of `user` ended on the server; they are asked to sign in again. */
export function markSessionExpired(user: SessionUser): void {
  if (!expiredUser) setExpiredUser(user);
}

/** The user whose session ended, while they have not signed in again (null otherwise). */
export function expiredSessionUser(): SessionUser | null {
  return expiredUser;
}

export function useExpiredSessionUser(): SessionUser | null {
  return useSyncExternalStore((listener) => {
    expiryListeners.add(listener);
    return () => expiryListeners.delete(listener);
  }, expiredSessionUser);
}

async function fetchSession(): Promise<Session | null> {
  const { data, error, response } = await api.GET('/api/v1/auth/me');
  if (response.status === 401) {
    setCsrfToken(null);
    return null;
  }
  if (!response.ok || !data) throw new ApiError(response.status, error ?? {});
  if (data.csrfToken) setCsrfToken(data.csrfToken);
  return data;
}

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: Infinity });
}

/** The password was right; a second factor must follow ('verify') or be set up ('enrol'). */
export type SecondFactorStage = 'verify' | 'enrol';

export function useAcceptSession() {
  const queryClient = useQueryClient();
  return useCallback(
    (session: Session) => {
      if (expiredUser && expiredUser.id !== session.user.id) {
        // Someone else signed in over the previous person's page (the "session expired" dialog,
        // at a shared desk). A new document at their own start page: the page, what was typed in
        // it and the cache go at once. Taking the session into use here would first render that
        // page again, which asks the server for the previous person's data with the new session
        // (audited as theirs, and shown to them when their role may see it).
        window.location.replace('/');
        return;
      }
      // Every state-changing request from here on carries the new session's token.
      setCsrfToken(session.csrfToken);
      signedOut = false;
      const continues = expiredUser?.id === session.user.id;
      setExpiredUser(null);
      const others = (query: { queryKey: readonly unknown[] }) =>
        query.queryKey[0] !== sessionKey[0];
      // The same person signing in again after their session ended keeps the page and its forms:
      // only what failed for want of a session is asked again. A sign-in on the sign-in page
      // starts afresh, without a previous person's data in the cache.
      if (continues) void queryClient.invalidateQueries({ predicate: others });
      else queryClient.removeQueries({ predicate: others });
      queryClient.setQueryData(sessionKey, { user: session.user, csrfToken: session.csrfToken });
    },
    [queryClient],
  );
}

// Signing in in another window or tab of the app (the identity provider's sign-in, which leaves
// the page, is opened in a window of its own from the "session expired" dialog) sets the session
// cookie that all tabs share. The window's last page says so on this channel.
const SESSION_CHANNEL = 'samenkracht-session';
const SIGNED_IN_MESSAGE = 'signed-in';

/** Where the identity provider's sign-in in a window of its own ends (it says it is done). */
export const SIGNED_IN_WINDOW_PATH = '/inloggen/klaar';

/** Tells the app's other tabs that someone signed in here (they look at the session again). */
export function announceSignedIn(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(SESSION_CHANNEL);
  channel.postMessage(SIGNED_IN_MESSAGE);
  channel.close();
}

/**
 * While a session has ended here (the "session expired" dialog is open): notices a sign-in in
 * another window or tab, when that window says so or when this one gets the focus back, and takes
 * the new session into use as a sign-in here would (the same person keeps the page; anyone else
 * starts afresh). The session is asked of the server: a message is only a reason to look.
 */
export function useSessionRenewedElsewhere(): void {
  const accept = useAcceptSession();
  useEffect(() => {
    let looking = false;
    const look = async () => {
      if (looking || !expiredSessionUser()) return;
      looking = true;
      try {
        const session = await fetchSession();
        // Not signed in here meanwhile (that took the session into use already).
        if (session && expiredSessionUser()) accept(session);
      } catch {
        // The server could not be reached: the next focus or message looks again.
      } finally {
        looking = false;
      }
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') void look();
    };
    const onFocus = () => void look();
    const channel =
      typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(SESSION_CHANNEL);
    channel?.addEventListener('message', (event: MessageEvent) => {
      if (event.data === SIGNED_IN_MESSAGE) void look();
    });
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      channel?.close();
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [accept]);
}

/** Step one: e-mail and password. Resolves to the session, or to the second-factor stage. */
export function useLogin() {
  const accept = useAcceptSession();
  return useMutation({
    mutationKey: ['login'],
    mutationFn: async (input: {
      email: string;
      password: string;
    }): Promise<{ session: Session } | { stage: SecondFactorStage }> => {
      const data = await unwrap(api.POST('/api/v1/auth/login', { body: input }));
      return 'secondFactor' in data ? { stage: data.secondFactor } : { session: data };
    },
    onSuccess: (result) => {
      if ('session' in result) accept(result.session);
    },
  });
}

/** Step two: the code from the authenticator app (or a recovery code). */
export function useLoginCode() {
  const accept = useAcceptSession();
  return useMutation({
    mutationKey: ['login'],
    mutationFn: (code: string) => unwrap(api.POST('/api/v1/auth/login/code', { body: { code } })),
    onSuccess: accept,
  });
}

/** Step two for a role that requires a second factor and has none yet: a new secret. */
export function useLoginEnrolment() {
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/login/enrolment')),
  });
}

/**
 * Confirms the new secret with its first code. The session exists from here on, but is taken
 * into use by the caller (after the recovery codes were shown).
 */
export function useConfirmLoginEnrolment() {
  return useMutation({
    mutationKey: ['login'],
    mutationFn: (code: string) =>
      unwrap(api.POST('/api/v1/auth/login/enrolment/confirm', { body: { code } })),
  });
}

/**
 * Signing out, then to `signInPath`. The navigation is part of the mutation, not of the caller's
 * `mutate` callbacks: clearing the session unmounts the button that called (the layout, or the
 * dialog of an ended session), and TanStack Query skips the callbacks of an unmounted caller.
 */
export function useLogout(signInPath: string) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    // Signing out of an already ended session is a 401 too: not a reason to ask for a sign-in.
    mutationKey: ['logout'],
    mutationFn: () => unwrap(api.POST('/api/v1/auth/logout')),
    onSettled: () => {
      signedOut = true;
      setCsrfToken(null);
      setExpiredUser(null);
      // Whoever signs in next sees nothing of the previous person's data.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
      queryClient.setQueryData(sessionKey, null);
      void navigate(signInPath, { replace: true });
    },
  });
}
