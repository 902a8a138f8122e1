// What the forms that change a household share: the household's version they started from (one
// version for the household and its members), and what a worker sees when someone else changed
// the household in between.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Paragraph } from '../../components/Typography';
import { ApiError } from '../../lib/api';
import type { Household } from '../../lib/api-types';
import { useHousehold } from './queries';

/** What the household page hands each of its forms. */
export interface HouseholdEditing {
  household: Household;
  /**
   * The version to send for a form that started from `start`: the worker's own changes on this
   * page since then are seen (the page shows them), so they do not make the form stale.
   */
  versionFrom: (start: number) => number;
  /**
   * A change was saved: `sent` is the version it was sent with, the answer the new household.
   * A `warning` (something the worker should act on) is shown with the confirmation.
   */
  saved: (sent: number, household: Household, message: string, warning?: string) => void;
}

export const isVersionConflict = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 409 && error.problem.code === 'version_conflict';

/** The error for the form's own messages: a version conflict is shown apart (VersionConflict). */
export const withoutVersionConflict = (error: unknown): unknown =>
  isVersionConflict(error) ? null : error;

/**
 * The version a form started from. After a conflict, `reload` reads the household again (the
 * page shows the new data) and the form continues from that version with what was typed:
 * `onReloaded` gets the household as read, so that the form can take the new values for the
 * fields the worker did not edit (rebaseValues).
 */
export function useStartVersion(
  editing: HouseholdEditing,
  onReloaded: (household: Household) => void,
) {
  const [start, setStart] = useState(editing.household.version);
  const [reloading, setReloading] = useState(false);
  const query = useHousehold(editing.household.id);
  const reload = async () => {
    setReloading(true);
    try {
      const result = await query.refetch();
      if (result.data) {
        setStart(result.data.version);
        onReloaded(result.data);
      }
    } finally {
      setReloading(false);
    }
  };
  return { version: editing.versionFrom(start), reload, reloading };
}

/** Someone else changed the household: nothing was saved, and the typed input stays. */
export function VersionConflict({
  onReload,
  reloading,
}: {
  onReload: () => Promise<void>;
  reloading: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Notice type="error">
      <Paragraph>{t('entry.householdChanges.conflict')}</Paragraph>
      <Paragraph>
        <Button appearance="primary" busy={reloading} onClick={() => void onReload()}>
          {t('entry.householdChanges.reload')}
        </Button>
      </Paragraph>
    </Notice>
  );
}

/** After reading the household again: the form continues with what was typed. */
export function Reloaded() {
  const { t } = useTranslation();
  return (
    <Notice type="info">
      <Paragraph>{t('entry.householdChanges.reloaded')}</Paragraph>
    </Notice>
  );
}

/** Moves the focus to the first field of a form that has just opened. */
export function useFocusOnOpen(fieldId: string) {
  useEffect(() => {
    document.getElementById(fieldId)?.focus();
  }, [fieldId]);
}
