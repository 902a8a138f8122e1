// A problem's field names become the form's field names, whichever part of the request they were in.
import { describe, expect, it } from 'vitest';
import { fieldOf } from './problem';

describe('fieldOf', () => {
  it('drops the body or query prefix and list indexes', () => {
    expect(fieldOf('body.neighbourhoodCodes.0')).toBe('neighbourhoodCodes');
    expect(fieldOf('neighbourhoodCodes[0]')).toBe('neighbourhoodCodes');
    expect(fieldOf('query.organisationId')).toBe('organisationId');
    expect(fieldOf('resident.address.postcode')).toBe('resident.address.postcode');
  });
});
