// Parts the collective support screens share: choosing a trajectory of the team and a member of
// its household, and the life domain and buurt names.
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/FormFields';
import { useHouseholdMembers, useNeighbourhoods, useTeamTrajectories } from './queries';
import './social-map.css';

export function TrajectoryPicker({
  id,
  value,
  onChange,
  error,
  label,
}: {
  id: string;
  value: string;
  onChange: (trajectoryId: string, householdId: string) => void;
  error?: string;
  label?: string;
}) {
  const { t } = useTranslation();
  const trajectories = useTeamTrajectories();
  return (
    <SelectField
      id={id}
      label={label ?? t('collective.trajectory')}
      value={value}
      placeholder={trajectories.isPending ? t('collective.loading') : t('form.chooseOne')}
      onChange={(next) =>
        onChange(next, trajectories.data?.find((tr) => tr.id === next)?.householdId ?? '')
      }
      options={(trajectories.data ?? []).map((tr) => ({
        value: tr.id,
        label: [tr.household.members ?? t('collective.unnamed'), tr.household.neighbourhoodName]
          .filter(Boolean)
          .join(' – '),
      }))}
      error={error}
      required
    />
  );
}

export function MemberPicker({
  id,
  householdId,
  value,
  onChange,
  error,
}: {
  id: string;
  householdId: string | undefined;
  value: string;
  onChange: (residentId: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const members = useHouseholdMembers(householdId || undefined);
  return (
    <SelectField
      id={id}
      label={t('collective.resident')}
      value={value}
      placeholder={t('form.chooseOne')}
      onChange={onChange}
      options={(members.data ?? []).map((m) => ({
        value: m.id,
        label: `${m.givenName} ${m.familyName}`,
      }))}
      error={error}
      required
    />
  );
}

/** Buurt code -> name, for showing where an offer, group or volunteer is. */
export function useBuurtNames(): Map<string, string> {
  const neighbourhoods = useNeighbourhoods();
  return new Map((neighbourhoods.data ?? []).map((n) => [n.code, n.name]));
}

/** "di-ochtend, do-ochtend" <-> ["di-ochtend", "do-ochtend"]. */
export const splitList = (value: string): string[] =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
