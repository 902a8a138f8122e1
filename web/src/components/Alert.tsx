import { Alert as UtrechtAlert } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';

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
