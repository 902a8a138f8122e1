// What the staff form warns about before saving: switching off someone, or taking them out of a
// team, while they still coordinate trajectories that are not closed. Not refused (someone leaves
// when they leave), but the team lead must hand those trajectories over.

/** The server's count per team (Staff.openTrajectoriesCoordinated in an admin's read). */
export interface CoordinatedCount {
  teamId: string;
  count: number;
}

export interface CoordinationLeft {
  /** Switched off now: every trajectory they coordinate, in any team (0: no warning). */
  whenSwitchedOff: number;
  /** Still active, but taken out of these teams where they coordinate (empty: no warning). */
  teamsLeft: CoordinatedCount[];
}

/**
 * What the change in the form leaves without an available coordinator. Switching off says it all,
 * so the teams are then not named again. A team they already left (and still coordinate in) is
 * no change of this form and gives no warning.
 */
export function coordinationLeft(
  counts: readonly CoordinatedCount[] | undefined,
  before: { active: boolean; teamIds: readonly string[] },
  after: { active: boolean; teamIds: readonly string[] },
): CoordinationLeft {
  const all = counts ?? [];
  if (before.active && !after.active)
    return { whenSwitchedOff: all.reduce((sum, c) => sum + c.count, 0), teamsLeft: [] };
  if (!after.active) return { whenSwitchedOff: 0, teamsLeft: [] };
  const kept = new Set(after.teamIds);
  return {
    whenSwitchedOff: 0,
    teamsLeft: all.filter(
      (c) => c.count > 0 && before.teamIds.includes(c.teamId) && !kept.has(c.teamId),
    ),
  };
}
