// The worker's home page lives in its own chunk (see router.tsx). It is fetched when the session
// says that the person works cases, or earlier, while they sign in: the sign-in request takes a
// moment (password hashing), and the page they land on is then ready.
import type { ComponentType } from 'react';

let loading: Promise<ComponentType> | undefined;

export function loadHomePage(): Promise<ComponentType> {
  loading ??= import('../features/entry-point/HomePage').then(
    (module) => module.HomePage as ComponentType,
  );
  // A failed fetch may succeed on a later try (after a reload it will).
  loading.catch(() => (loading = undefined));
  return loading;
}

/** Starts fetching the home page's code without waiting for it; a failure shows on the page. */
export function preloadHomePage(): void {
  loadHomePage().catch(() => undefined);
}
