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
