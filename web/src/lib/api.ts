// The one API client of the web app: openapi-fetch over the (generated) schema, same-origin
// cookies, and the CSRF token on every state-changing request.
import createClient from 'openapi-fetch';
import type { paths } from './api-schema';
import type { Problem } from './api-types';

let csrfToken: string | null = null;

/** Kept in memory only; set from the login answer and from GET /auth/me on load. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const api = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? '',
  credentials: 'same-origin',
});

api.use({
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method) && csrfToken) {
      request.headers.set('x-csrf-token', csrfToken);
    }
    return request;
  },
});

/** A failed API call: the HTTP status and the problem+json body (when there was one). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

function toProblem(error: unknown): Problem {
  if (error && typeof error === 'object') return error;
  if (typeof error === 'string' && error) return { detail: error };
  return {};
}

/** Turns an openapi-fetch result into its data, or throws an ApiError. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, toProblem(error));
  return data as T;
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
