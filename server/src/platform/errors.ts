// Services throw coded AppErrors; one handler (platform/error-handler.ts) turns them into
// application/problem+json. Every code has its text in Dutch and English here, in one place.

export type ErrorCode =
  | 'validation_failed'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'invalid_code'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_found'
  | 'version_conflict'
  | 'conflict'
  | 'rate_limited'
  | 'database_unavailable'
  | 'internal';

interface ErrorText {
  status: number;
  en: string;
  nl: string;
}

export const errorTexts: Record<ErrorCode, ErrorText> = {
  validation_failed: {
    status: 400,
    en: 'The request contains invalid fields.',
    nl: 'Het verzoek bevat ongeldige velden.',
  },
  unsupported_media_type: {
    status: 415,
    en: 'This content type is not accepted here.',
    nl: 'Dit type inhoud wordt hier niet geaccepteerd.',
  },
  payload_too_large: {
    status: 413,
    en: 'The request body is too large.',
    nl: 'Het verzoek is te groot.',
  },
  unauthenticated: {
    status: 401,
    en: 'You are not signed in, or your session has expired.',
    nl: 'U bent niet ingelogd, of uw sessie is verlopen.',
  },
  invalid_credentials: {
    status: 401,
    en: 'E-mail address or password is incorrect.',
    nl: 'E-mailadres of wachtwoord is onjuist.',
  },
  invalid_code: {
    status: 401,
    en: 'The code is wrong, has expired or was already used. Wait for the next code and try again.',
    nl: 'De code klopt niet, is verlopen of is al gebruikt. Wacht op de volgende code en probeer het opnieuw.',
  },
  forbidden: {
    status: 403,
    en: 'Your role does not allow this.',
    nl: 'Uw rol staat dit niet toe.',
  },
  csrf_failed: {
    status: 403,
    en: 'The security token (x-csrf-token) is missing or wrong. Reload the page and try again.',
    nl: 'Het beveiligingstoken (x-csrf-token) ontbreekt of klopt niet. Laad de pagina opnieuw.',
  },
  not_found: {
    status: 404,
    en: 'Not found.',
    nl: 'Niet gevonden.',
  },
  version_conflict: {
    status: 409,
    en: 'Someone else changed this record in the meantime. Reload it and make your change again.',
    nl: 'Iemand anders heeft dit intussen gewijzigd. Laad het opnieuw en breng uw wijziging opnieuw aan.',
  },
  conflict: {
    status: 409,
    en: 'This conflicts with existing data.',
    nl: 'Dit botst met bestaande gegevens.',
  },
  rate_limited: {
    status: 429,
    en: 'Too many attempts. Try again in a few minutes.',
    nl: 'Te veel pogingen. Probeer het over enkele minuten opnieuw.',
  },
  database_unavailable: {
    status: 503,
    en: 'The database is unreachable at the moment.',
    nl: 'De database is op dit moment niet bereikbaar.',
  },
  internal: {
    status: 500,
    en: 'Something went wrong on our side. The error has been logged.',
    nl: 'Er ging iets mis aan onze kant. De fout is vastgelegd.',
  },
};

export interface InvalidParam {
  name: string;
  reason: string;
  reasonNl: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly invalidParams: InvalidParam[] | undefined;
  readonly detailEn: string | undefined;
  readonly detailNl: string | undefined;
  /** Extra members of the problem document (e.g. what changed, with a 409). */
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    options: {
      invalidParams?: InvalidParam[];
      detail?: { en: string; nl: string };
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(options.detail?.en ?? errorTexts[code].en);
    this.code = code;
    this.invalidParams = options.invalidParams;
    this.detailEn = options.detail?.en;
    this.detailNl = options.detail?.nl;
    this.extra = options.extra;
  }

  get status(): number {
    return errorTexts[this.code].status;
  }
}

/** A single invalid field, for rules that a schema cannot express (a referenced row must exist). */
export function invalidField(name: string, reason: string, reasonNl: string): AppError {
  return new AppError('validation_failed', { invalidParams: [{ name, reason, reasonNl }] });
}

export const notFound = (): AppError => new AppError('not_found');
export const versionConflict = (): AppError => new AppError('version_conflict');
