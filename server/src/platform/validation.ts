// Turns Zod issues into per-field `invalidParams` with an English and a Dutch reason, so that the
// web app (and a partner's system) can put the message next to the right field.
import type { z } from 'zod';
import type { InvalidParam } from './errors.js';

type Issue = z.core.$ZodIssue;

// Messages written in schemas are English; their Dutch twin is registered here by `bilingual`.
const dutchOf = new Map<string, string>();

/** A schema message in both languages: `z.string().regex(re, { error: bilingual(en, nl) })`. */
export function bilingual(en: string, nl: string): string {
  dutchOf.set(en, nl);
  return en;
}

const typeNamesNl: Record<string, string> = {
  string: 'tekst',
  number: 'getal',
  int: 'geheel getal',
  boolean: 'waar/onwaar',
  object: 'object',
  array: 'lijst',
  date: 'datum',
};

/** A field's name in `invalidParams`: `resident.familyName` in a body, `query.q` elsewhere. */
export function fieldName(location: string, path: PropertyKey[]): string {
  const joined = path.map(String).join('.');
  return location === 'body' ? joined || '(body)' : joined ? `${location}.${joined}` : location;
}

function reasons(issue: Issue): { en: string; nl: string } {
  switch (issue.code) {
    case 'invalid_type':
      // Zod reports the received type only in its message ("... received undefined").
      if (issue.message.endsWith('received undefined'))
        return { en: 'is required', nl: 'is verplicht' };
      return {
        en: `must be of type ${issue.expected}`,
        nl: `moet van het type ${typeNamesNl[issue.expected] ?? issue.expected} zijn`,
      };
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) === 1
          ? { en: 'must not be empty', nl: 'mag niet leeg zijn' }
          : {
              en: `must be at least ${issue.minimum} characters`,
              nl: `moet minstens ${issue.minimum} tekens lang zijn`,
            };
      if (issue.origin === 'array' || issue.origin === 'set')
        return {
          en: `must contain at least ${issue.minimum} item(s)`,
          nl: `moet minstens ${issue.minimum} element(en) bevatten`,
        };
      return { en: `must be at least ${issue.minimum}`, nl: `moet minstens ${issue.minimum} zijn` };
    case 'too_big':
      if (issue.origin === 'string')
        return {
          en: `must be at most ${issue.maximum} characters`,
          nl: `mag hoogstens ${issue.maximum} tekens lang zijn`,
        };
      if (issue.origin === 'array' || issue.origin === 'set')
        return {
          en: `must contain at most ${issue.maximum} items`,
          nl: `mag hoogstens ${issue.maximum} elementen bevatten`,
        };
      return { en: `must be at most ${issue.maximum}`, nl: `mag hoogstens ${issue.maximum} zijn` };
    case 'invalid_format':
      if (dutchOf.has(issue.message))
        return { en: issue.message, nl: dutchOf.get(issue.message) ?? '' };
      switch (issue.format) {
        case 'email':
          return { en: 'must be a valid e-mail address', nl: 'moet een geldig e-mailadres zijn' };
        case 'uuid':
          return { en: 'must be a valid id (UUID)', nl: 'moet een geldige id (UUID) zijn' };
        case 'date':
          return { en: 'must be a date (YYYY-MM-DD)', nl: 'moet een datum zijn (JJJJ-MM-DD)' };
        case 'datetime':
          return {
            en: 'must be a date and time (ISO 8601 with offset)',
            nl: 'moet een datum en tijd zijn (ISO 8601 met tijdzone)',
          };
        default:
          return {
            en: `has an invalid format (${issue.format})`,
            nl: `heeft een ongeldig formaat (${issue.format})`,
          };
      }
    case 'invalid_value':
      return {
        en: `must be one of: ${issue.values.map(String).join(', ')}`,
        nl: `moet een van deze waarden zijn: ${issue.values.map(String).join(', ')}`,
      };
    case 'not_multiple_of':
      return {
        en: `must be a multiple of ${String(issue.divisor)}`,
        nl: `moet een veelvoud van ${String(issue.divisor)} zijn`,
      };
    case 'unrecognized_keys':
      return { en: 'is not a known field', nl: 'is geen bekend veld' };
    case 'custom': {
      // Custom refinements register their Dutch text with `bilingual`.
      return { en: issue.message, nl: dutchOf.get(issue.message) ?? issue.message };
    }
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return { en: 'has an invalid value', nl: 'heeft een ongeldige waarde' };
  }
}

export function issuesToInvalidParams(location: string, issues: readonly Issue[]): InvalidParam[] {
  const params: InvalidParam[] = [];
  for (const issue of issues) {
    const { en, nl } = reasons(issue);
    if (issue.code === 'unrecognized_keys') {
      // One entry per unknown key, so that each is named.
      for (const key of issue.keys)
        params.push({ name: fieldName(location, [...issue.path, key]), reason: en, reasonNl: nl });
    } else {
      params.push({ name: fieldName(location, issue.path), reason: en, reasonNl: nl });
    }
  }
  return params;
}
