// Small rules of the trajectory screens: names, what changed in a plan version, dates.
import type { TFunction } from 'i18next';
import type { PlanChange, Trajectory } from '../../lib/api-types';

/** "Jolanda Brouwers, Kevin Brouwers", or a neutral fallback. */
export function householdName(trajectory: Pick<Trajectory, 'household'>, t: TFunction): string {
  return trajectory.household.members || t('traj.list.unknownHousehold');
}

/** The family names only: "Brouwers" (for titles). */
export function familyNames(trajectory: Pick<Trajectory, 'household'>): string {
  const names = (trajectory.household.members ?? '')
    .split(',')
    .map((name) => name.trim().split(/\s+/).slice(1).join(' '))
    .filter(Boolean);
  return [...new Set(names)].join(' / ');
}

/** One change of a plan version in words: "Acties: ‘Post samen openen’ gewijzigd". */
export function changeText(change: PlanChange, t: TFunction): string {
  const section = t(`planSections.${change.section}`);
  const verb = t(`planChanges.${change.change}`);
  if (!change.item) return t('traj.changeSection', { section, change: verb });
  let item = change.item;
  if (change.section === 'answers') item = t(`planQuestions.${change.item}`);
  if (change.section === 'domains') item = t(`lifeDomains.${change.item}`);
  return t('traj.changeItem', { section, item, change: verb });
}

/** A stable key for rows added on screen (React keys, never sent). */
let counter = 0;
export function rowKey(): string {
  counter += 1;
  return `row-${counter}`;
}
