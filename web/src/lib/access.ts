// What the screens offer per role. The server enforces access anyway; this only avoids showing
// links and forms that would end in "Geen toegang".
import type { Role } from './api-types';

export const canAdminister = (role: Role | undefined): boolean => role === 'admin';
export const canListStaff = (role: Role | undefined): boolean =>
  role === 'admin' || role === 'team_lead' || role === 'worker';
/** Workers and team leads work with cases (registrations, households, signals). */
export const canWorkCases = (role: Role | undefined): boolean =>
  role === 'worker' || role === 'team_lead';
