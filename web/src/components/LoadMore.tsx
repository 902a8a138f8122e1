import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonGroup } from './Button';

/**
 * How many rows of a paged list are on screen, and the button for the next page. The count is a
 * polite live region: a screen reader hears the new total once a page arrives. When the last page
 * comes in the button goes, so the focus moves to the count instead of falling back to the top
 * of the page. `textKey` names the list's texts: `loadMore`, `loadedSome` and `loadedAll` (with
 * `count`) under it.
 */
export function LoadMore({
  id,
  textKey,
  loaded,
  hasMore,
  busy,
  onMore,
  className = 'sk-load-more',
  hintClassName = 'sk-hint',
}: {
  id: string;
  textKey: string;
  loaded: number;
  hasMore: boolean;
  busy: boolean;
  onMore: () => Promise<{ hasNextPage: boolean }>;
  className?: string;
  hintClassName?: string;
}) {
  const { t } = useTranslation();
  const countRef = useRef<HTMLParagraphElement>(null);
  const more = async () => {
    const result = await onMore();
    if (!result.hasNextPage) countRef.current?.focus();
  };
  return (
    <div className={className}>
      <p className={hintClassName} role="status" tabIndex={-1} ref={countRef} id={id}>
        {t(`${textKey}.${hasMore ? 'loadedSome' : 'loadedAll'}`, { count: loaded })}
      </p>
      {hasMore && (
        <ButtonGroup>
          <Button
            appearance="secondary"
            busy={busy}
            aria-describedby={id}
            onClick={() => void more()}
          >
            {t(`${textKey}.loadMore`)}
          </Button>
        </ButtonGroup>
      )}
    </div>
  );
}
