// What the werkbudget's forms show when someone else saved in between (a 409 version_conflict):
// nothing was saved, what was typed stays in the form, and a button reads the newer version, from
// which the form then continues (as the household forms do, entry-point/HouseholdEditing.tsx).
import { useState } from 'react';
import { Notice } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Paragraph } from '../../components/Typography';
import { isApiError } from '../../lib/api';

export const isVersionConflict = (error: unknown): boolean =>
  isApiError(error, 409) && error.problem.code === 'version_conflict';

/** The form's own messages leave a version conflict to VersionConflict. */
export const withoutVersionConflict = (error: unknown): unknown =>
  isVersionConflict(error) ? null : error;

/**
 * The version a form sends, starting from the one it was opened with. `reload` reads the record
 * again (`read` answers its version now, undefined when there is none) and the form continues
 * from that version, keeping what was typed; `reloaded` stays true until the next save.
 */
export function useBaseVersion<V extends number | undefined>(
  start: V,
  read: () => Promise<V>,
  onReloaded: () => void,
) {
  const [version, setVersion] = useState<V>(start);
  const [reloading, setReloading] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const reload = async () => {
    setReloading(true);
    try {
      setVersion(await read());
      setReloaded(true);
      onReloaded();
    } finally {
      setReloading(false);
    }
  };
  const saved = (next: V) => {
    setVersion(next);
    setReloaded(false);
  };
  return { version, reload, reloading, reloaded, saved };
}

/** Someone else saved in between: nothing was saved, and the typed input stays. */
export function VersionConflict({
  message,
  reloadLabel,
  onReload,
  reloading,
}: {
  message: string;
  reloadLabel: string;
  onReload: () => Promise<void>;
  reloading: boolean;
}) {
  return (
    <Notice type="error">
      <Paragraph>{message}</Paragraph>
      <Paragraph>
        <Button appearance="primary" busy={reloading} onClick={() => void onReload()}>
          {reloadLabel}
        </Button>
      </Paragraph>
    </Notice>
  );
}
