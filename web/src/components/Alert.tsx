import { Alert as UtrechtAlert } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';

/**
 * A message block. Errors are announced at once (role="alert"); confirmations politely
 * (role="status").
 */
export function Alert({
  type,
  children,
  id,
}: {
  type: 'error' | 'warning' | 'info' | 'ok';
  children: ReactNode;
  id?: string;
}) {
  return (
    <UtrechtAlert
      id={id}
      type={type}
      role={type === 'error' ? 'alert' : 'status'}
      className="sk-alert"
    >
      {children}
    </UtrechtAlert>
  );
}

/**
 * A message that appears after an action (saved, imported) and takes the focus, so that keyboard
 * and screen reader users hear it and continue from there.
 */
export function Notice({
  type,
  children,
}: {
  type: 'error' | 'warning' | 'info' | 'ok';
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} tabIndex={-1} className="sk-notice">
      <Alert type={type}>{children}</Alert>
    </div>
  );
}
