// Turns problem+json answers into texts for the screen, in the user's language.
import type { InvalidParam, Problem } from './api-types';
import type { Language } from './i18n';
import { ApiError } from './api';

/**
 * "body.neighbourhoodCodes.0" and "neighbourhoodCodes[0]" both become "neighbourhoodCodes"; a
 * form field sent in the query string ("query.organisationId") is the field "organisationId".
 */
export function fieldOf(name: string): string {
  const parts = name.split(/[./[\]]+/).filter(Boolean);
  if (parts[0] === 'body' || parts[0] === 'query') parts.shift();
  return parts.filter((part) => !/^\d+$/.test(part)).join('.');
}

export function reasonOf(param: InvalidParam, language: Language): string {
  return language === 'nl' ? param.reasonNl || param.reason : param.reason || param.reasonNl;
}

/** The per-field reasons of a failed request, keyed by field name (first reason wins). */
export function fieldReasons(error: unknown, language: Language): Record<string, string> {
  const result: Record<string, string> = {};
  if (!(error instanceof ApiError)) return result;
  for (const param of error.problem.invalidParams ?? []) {
    const field = fieldOf(param.name);
    result[field] ??= reasonOf(param, language);
  }
  return result;
}

/** The problem's own explanation in the user's language, if it has one. */
export function problemText(problem: Problem, language: Language): string | undefined {
  return language === 'nl'
    ? (problem.detailNl ?? problem.titleNl ?? problem.detail ?? problem.title)
    : (problem.detail ?? problem.title ?? problem.detailNl ?? problem.titleNl);
}

/**
 * The per-field reasons keyed by the full path, indexes kept ("actions.0.description"), for forms
 * with rows where a message belongs to one row.
 */
export function pathReasons(error: unknown, language: Language): Record<string, string> {
  const result: Record<string, string> = {};
  if (!(error instanceof ApiError)) return result;
  for (const param of error.problem.invalidParams ?? []) {
    const parts = param.name.split(/[./[\]]+/).filter(Boolean);
    if (parts[0] === 'body') parts.shift();
    result[parts.join('.')] ??= reasonOf(param, language);
  }
  return result;
}
