import {
  Heading as UtrechtHeading,
  Paragraph as UtrechtParagraph,
} from '@utrecht/component-library-react';
import type { HTMLAttributes, ReactNode, Ref } from 'react';

/** The one h1 of a page. Focusable from script, so that route changes can move focus here. */
export function PageTitle({ children }: { children: ReactNode }) {
  return (
    <UtrechtHeading level={1} tabIndex={-1} className="sk-page-title">
      {children}
    </UtrechtHeading>
  );
}

export function Heading({
  level,
  children,
  ...props
}: {
  level: 2 | 3 | 4;
  children: ReactNode;
  ref?: Ref<HTMLHeadingElement>;
} & HTMLAttributes<HTMLHeadingElement>) {
  return (
    <UtrechtHeading level={level} {...props}>
      {children}
    </UtrechtHeading>
  );
}

export function Paragraph({
  lead,
  children,
  ...props
}: { lead?: boolean; children: ReactNode } & HTMLAttributes<HTMLParagraphElement>) {
  return (
    <UtrechtParagraph appearance={lead ? 'lead' : undefined} {...props}>
      {children}
    </UtrechtParagraph>
  );
}
