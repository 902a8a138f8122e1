// Thin wrappers around the NL Design System table, with the accessibility defaults we always want
// (a caption, scope on header cells, a container that scrolls on narrow screens).
import {
  Table as UtrechtTable,
  TableBody,
  TableCaption,
  TableCell as UtrechtTableCell,
  TableContainer,
  TableFooter,
  TableHeader,
  TableHeaderCell as UtrechtTableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';

export function Table({
  caption,
  captionHidden,
  compact,
  children,
}: {
  caption: string;
  captionHidden?: boolean;
  /** for tables with few columns: do not stretch over the whole page */
  compact?: boolean;
  children: ReactNode;
}) {
  return (
    <TableContainer
      overflowInline
      className={compact ? 'sk-table-container sk-table-container--compact' : 'sk-table-container'}
    >
      <UtrechtTable className="sk-table">
        <TableCaption className={captionHidden ? 'sk-visually-hidden' : 'sk-table-caption'}>
          {caption}
        </TableCaption>
        {children}
      </UtrechtTable>
    </TableContainer>
  );
}

export function HeaderCell({
  children,
  numeric,
  scope = 'col',
}: {
  children: ReactNode;
  numeric?: boolean;
  scope?: 'col' | 'row';
}) {
  return (
    <UtrechtTableHeaderCell scope={scope} numericColumn={numeric}>
      {children}
    </UtrechtTableHeaderCell>
  );
}

export function Cell({ children, numeric }: { children?: ReactNode; numeric?: boolean }) {
  return <UtrechtTableCell numericColumn={numeric}>{children}</UtrechtTableCell>;
}

export { TableBody, TableFooter, TableHeader, TableRow };
