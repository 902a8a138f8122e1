// Who did something, in the resident's access log: the server sends a staff member's name, or one
// of three Dutch words for the rest (server: portal.service.ts, ACCESS_LOG_WHO). The words are
// translated here, as the actions' texts come in both languages; a name is shown as it is.
const WORD_KEYS: Record<string, string> = {
  'U zelf': 'portal.log.you',
  'Een huisgenoot': 'portal.log.householdMember',
  Onbekend: 'portal.log.unknown',
};

/** The resident themselves: the entry reads "U zelf ..." / "You ...", without a role. */
export const isSelf = (who: string) => who === 'U zelf';

export function accessLogWho(who: string, t: (key: string) => string): string {
  const key = WORD_KEYS[who];
  return key ? t(key) : who;
}
