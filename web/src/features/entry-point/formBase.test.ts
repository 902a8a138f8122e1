// A household form after a colleague's change: only what the worker edited is theirs.
import { describe, expect, it } from 'vitest';
import { editedFields, rebaseValues } from './formBase';

const seen = { givenName: 'Els', familyName: 'Janssen', birthDate: '1980-02-03', bsn: '' };
const colleagues = { givenName: 'Els', familyName: 'Jansen', birthDate: '1980-03-02', bsn: '' };

describe('editedFields', () => {
  it('names only the fields that differ from what the form started from', () => {
    expect(editedFields({ ...seen, givenName: 'Elsje' }, seen)).toEqual(['givenName']);
    expect(editedFields(seen, seen)).toEqual([]);
  });
});

describe('rebaseValues', () => {
  it("takes the colleague's values for the fields the worker did not edit", () => {
    const typed = { ...seen, givenName: 'Elsje', bsn: '123456782' };
    const rebased = rebaseValues(typed, seen, colleagues);
    expect(rebased).toEqual({
      givenName: 'Elsje',
      familyName: 'Jansen',
      birthDate: '1980-03-02',
      bsn: '123456782',
    });
    // Against the newer values, only the worker's own edits remain to be sent.
    expect(editedFields(rebased, colleagues)).toEqual(['givenName', 'bsn']);
  });

  it("keeps the worker's edit of a field the colleague changed as well", () => {
    const typed = { ...seen, familyName: 'Janssens' };
    expect(rebaseValues(typed, seen, colleagues).familyName).toBe('Janssens');
  });
});
