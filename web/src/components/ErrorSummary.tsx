import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from './Alert';
import { Heading, Paragraph } from './Typography';

export interface SummaryItem {
  /** id of the input to jump to */
  targetId: string;
  message: string;
}

/**
 * The error summary at the top of a form (NL Design System pattern): a heading, a list of links
 * to the fields, and focus moved here when it appears, so keyboard and screen reader users land
 * on it.
 */
export function ErrorSummary({ items, general }: { items: SummaryItem[]; general?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const signature = items.map((item) => item.message).join('|') + (general ?? '');

  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);

  if (items.length === 0 && !general) return null;
  return (
    <div ref={ref} tabIndex={-1} className="sk-error-summary">
      <Alert type="error">
        {items.length > 0 ? (
          <>
            <Heading level={2} className="sk-error-summary__title">
              {t('form.errorSummaryTitle')}
            </Heading>
            {general && <Paragraph>{general}</Paragraph>}
            <ul className="sk-error-summary__list">
              {items.map((item) => (
                <li key={item.targetId + item.message}>
                  <a
                    className="utrecht-link utrecht-link--html-a"
                    href={`#${item.targetId}`}
                    onClick={(event) => {
                      const target = document.getElementById(item.targetId);
                      if (target) {
                        event.preventDefault();
                        target.focus();
                        target.scrollIntoView({ block: 'center' });
                      }
                    }}
                  >
                    {item.message}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <Paragraph>{general}</Paragraph>
        )}
      </Alert>
    </div>
  );
}
