import {
  DataList as UtrechtDataList,
  DataListItem,
  DataListKey,
  DataListValue,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';

/** A list of label/value pairs (a <dl>), e.g. the details of a team. */
export function DataList({ items }: { items: { key: string; label: string; value: ReactNode }[] }) {
  return (
    <UtrechtDataList className="sk-data-list">
      {items.map((item) => (
        <DataListItem key={item.key} className="sk-data-list__item">
          <DataListKey className="sk-data-list__key">{item.label}</DataListKey>
          <DataListValue className="sk-data-list__value">{item.value}</DataListValue>
        </DataListItem>
      ))}
    </UtrechtDataList>
  );
}
