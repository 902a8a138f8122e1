// The staff form's warning about trajectories a coordinator leaves behind.
import { describe, expect, it } from 'vitest';
import { coordinationLeft } from './coordination';

const counts = [
  { teamId: 'noord', count: 5 },
  { teamId: 'oost', count: 2 },
  // A team they were taken out of earlier, still coordinating there.
  { teamId: 'west', count: 1 },
];
const member = { active: true, teamIds: ['noord', 'oost'] };

describe('coordinationLeft', () => {
  it('counts every trajectory, in any team, when someone is switched off', () => {
    expect(coordinationLeft(counts, member, { active: false, teamIds: ['noord', 'oost'] })).toEqual(
      { whenSwitchedOff: 8, teamsLeft: [] },
    );
    // Taken out of a team as well: switching off says it all.
    expect(coordinationLeft(counts, member, { active: false, teamIds: [] })).toEqual({
      whenSwitchedOff: 8,
      teamsLeft: [],
    });
  });

  it('names the teams they are taken out of where they coordinate', () => {
    expect(coordinationLeft(counts, member, { active: true, teamIds: ['oost', 'zuid'] })).toEqual({
      whenSwitchedOff: 0,
      teamsLeft: [{ teamId: 'noord', count: 5 }],
    });
    expect(coordinationLeft(counts, member, { active: true, teamIds: [] }).teamsLeft).toEqual([
      { teamId: 'noord', count: 5 },
      { teamId: 'oost', count: 2 },
    ]);
  });

  it('warns of nothing when nothing changes, for someone already off, or before the counts are in', () => {
    expect(coordinationLeft(counts, member, member)).toEqual({ whenSwitchedOff: 0, teamsLeft: [] });
    const off = { active: false, teamIds: ['noord'] };
    expect(coordinationLeft(counts, off, { active: false, teamIds: [] })).toEqual({
      whenSwitchedOff: 0,
      teamsLeft: [],
    });
    expect(coordinationLeft(undefined, member, { active: false, teamIds: [] })).toEqual({
      whenSwitchedOff: 0,
      teamsLeft: [],
    });
  });
});
