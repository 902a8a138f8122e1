import { SkipLink as UtrechtSkipLink } from '@utrecht/component-library-react';

/** "Naar de inhoud": hidden until it gets keyboard focus, then the first thing on the page. */
export function SkipLink({ targetId, children }: { targetId: string; children: string }) {
  return (
    <div className="sk-skip">
      <UtrechtSkipLink href={`#${targetId}`} className="sk-skip-link">
        {children}
      </UtrechtSkipLink>
    </div>
  );
}
