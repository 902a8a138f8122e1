import { describe, expect, it } from 'vitest';
import { rankCandidates, vogValid, type Candidate } from './matching.js';

const volunteer = (id: string, overrides: Partial<Candidate>): Candidate => ({
  id,
  kind: 'volunteer',
  name: id,
  skills: [],
  neighbourhoodCodes: [],
  availability: [],
  vogCheckedOn: '2026-01-01',
  active: true,
  ...overrides,
});

describe('matching volunteers', () => {
  // Request: administration help and company, in Caberg (BU09350205), on Tuesday or Thursday morning.
  const request = {
    skills: ['Administratie', 'gezelschap'],
    neighbourhoodCode: 'BU09350205',
    availability: ['di-ochtend', 'do-ochtend'],
    requiresVog: true,
    today: '2026-11-23',
  };
  const pool = [
    // Anja: both skills (6) + Caberg (2) + Tuesday morning (1) = 9.
    volunteer('Anja', {
      skills: ['administratie', 'Gezelschap'],
      neighbourhoodCodes: ['BU09350205'],
      availability: ['di-ochtend'],
    }),
    // Bert: one skill (3) + both mornings (2) = 5.
    volunteer('Bert', {
      skills: ['administratie'],
      neighbourhoodCodes: ['BU09350400'],
      availability: ['di-ochtend', 'do-ochtend'],
    }),
    // Cor: one skill (3) + Caberg (2) = 5; ties with Bert, alphabetical after him.
    volunteer('Cor', { skills: ['gezelschap'], neighbourhoodCodes: ['BU09350205'] }),
    // Dina: no requested skill: left out, however close.
    volunteer('Dina', {
      skills: ['tuinieren'],
      neighbourhoodCodes: ['BU09350205'],
      availability: ['di-ochtend'],
    }),
    // Eef: all skills, but the VOG is from 2022: older than three years, left out.
    volunteer('Eef', { skills: ['administratie', 'gezelschap'], vogCheckedOn: '2022-06-01' }),
    // Frits: inactive.
    volunteer('Frits', { skills: ['administratie'], active: false }),
  ];

  it('ranks by the hand-computed scores and leaves out who does not fit', () => {
    const ranked = rankCandidates(pool, request);
    expect(ranked.map((c) => [c.name, c.score])).toEqual([
      ['Anja', 9],
      ['Bert', 5],
      ['Cor', 5],
    ]);
    expect(ranked[0]).toMatchObject({
      matchedSkills: ['administratie', 'gezelschap'],
      sameNeighbourhood: true,
      sharedAvailability: ['di-ochtend'],
    });
  });

  it('takes Eef when the task needs no VOG', () => {
    const ranked = rankCandidates(pool, { ...request, requiresVog: false });
    expect(ranked.map((c) => c.name)).toContain('Eef');
  });

  it('counts a VOG as valid for three years', () => {
    expect(vogValid('2023-11-23', '2026-11-23')).toBe(true);
    expect(vogValid('2023-11-22', '2026-11-23')).toBe(false);
    expect(vogValid(null, '2026-11-23')).toBe(false);
  });
});
