// The access log's "who" words are translated in both languages, and a name stays a name.
import { describe, expect, it } from 'vitest';
import nl from '../../i18n/nl.portal.json';
import en from '../../i18n/en.portal.json';
import { accessLogWho, isSelf } from './accessLogWho';

/** A t() over one language's portal texts: the key's text, or the key when it has none. */
function tOf(texts: unknown) {
  return (key: string) => {
    const found = key
      .split('.')
      .reduce<unknown>(
        (node, part) => (node as Record<string, unknown> | undefined)?.[part],
        texts,
      );
    return typeof found === 'string' ? found : key;
  };
}

describe('accessLogWho', () => {
  it('translates the words for the resident, a household member and someone unknown', () => {
    expect(accessLogWho('U zelf', tOf(en))).toBe('You');
    expect(accessLogWho('Een huisgenoot', tOf(en))).toBe('A member of your household');
    expect(accessLogWho('Onbekend', tOf(en))).toBe('Unknown');
    expect(accessLogWho('Een huisgenoot', tOf(nl))).toBe('Een huisgenoot');
    expect(accessLogWho('Onbekend', tOf(nl))).toBe('Onbekend');
  });

  it("shows a staff member's name as it is", () => {
    expect(accessLogWho('Sanne Jacobs', tOf(en))).toBe('Sanne Jacobs');
    expect(isSelf('Sanne Jacobs')).toBe(false);
    expect(isSelf('U zelf')).toBe(true);
  });
});
