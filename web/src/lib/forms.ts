// Combines our own (client-side) field checks with the server's invalidParams into one set of
// field messages and one error summary, in the user's language.
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';
import { useLanguage } from './i18n';
import { fieldOf, problemText, reasonOf } from './problem';

export type FieldErrors = Record<string, string>;

export interface FormErrors {
  byField: FieldErrors;
  summary: { targetId: string; message: string }[];
  general: string | undefined;
}

/**
 * @param labels      field name -> label shown on screen (order = order in the summary)
 * @param targetId    field name -> id of its input
 * @param clientErrors messages from our own checks (already complete sentences)
 * @param error       the failed mutation's error, if any
 * @param overrides   status -> message to show instead of the server's text (e.g. 409)
 */
export function useFormErrors(
  labels: Record<string, string>,
  targetId: (field: string) => string,
  clientErrors: FieldErrors,
  error: unknown,
  overrides: Partial<Record<number, string>> = {},
): FormErrors {
  const { t } = useTranslation();
  const language = useLanguage();
  const byField: FieldErrors = { ...clientErrors };
  let general: string | undefined;
  const unplaced: string[] = [];

  if (error instanceof ApiError) {
    const override = overrides[error.status];
    if (override) general = override;
    for (const param of error.problem.invalidParams ?? []) {
      const field = fieldOf(param.name);
      const reason = reasonOf(param, language);
      const label = labels[field];
      if (label) byField[field] ??= t('form.fieldError', { label, reason });
      else unplaced.push(`${field}: ${reason}`);
    }
    if (!general && (!error.problem.invalidParams?.length || unplaced.length > 0)) {
      general = [problemText(error.problem, language) ?? t('form.saveFailed'), ...unplaced].join(
        ' ',
      );
    }
  } else if (error) {
    general = t('form.saveFailed');
  }

  const summary = Object.keys(labels)
    .filter((field) => byField[field])
    .map((field) => ({ targetId: targetId(field), message: byField[field] ?? '' }));
  return { byField, summary, general };
}

export const isEmail = (value: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
