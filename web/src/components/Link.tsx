import { Link as UtrechtLink } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import type { LinkProps as RouterLinkProps } from 'react-router';
import { Link as RouterLink } from 'react-router';

const linkClass = 'utrecht-link utrecht-link--html-a';

/** An in-app link: react-router navigation with the NL Design System link style. */
export function Link({ className, ...props }: RouterLinkProps) {
  return <RouterLink {...props} className={className ? `${linkClass} ${className}` : linkClass} />;
}

/** A link that leaves the app (mailto:, tel:, another site). */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return <UtrechtLink href={href}>{children}</UtrechtLink>;
}

/** An in-app link that looks like a button: for the main action of a page ("Nieuwe aanmelding"). */
export function ButtonLink({
  appearance = 'secondary',
  className,
  ...props
}: RouterLinkProps & { appearance?: 'primary' | 'secondary' }) {
  const classes = [
    'utrecht-button-link',
    'utrecht-button-link--html-a',
    `utrecht-button-link--${appearance}-action`,
    'sk-button-link',
    className,
  ]
    .filter(Boolean)
    .join(' ');
  return <RouterLink {...props} className={classes} />;
}
