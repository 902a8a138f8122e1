import type { Neighbourhood } from '../../lib/api-types';
import { compareText } from '../../lib/format';
import type { Language } from '../../lib/i18n';

export interface District {
  code: string;
  name: string;
  items: Neighbourhood[];
}

/** Buurten grouped per wijk: wijken in CBS-code order, buurten alphabetically. */
export function groupByDistrict(neighbourhoods: Neighbourhood[], language: Language): District[] {
  const districts = new Map<string, District>();
  for (const item of neighbourhoods) {
    let district = districts.get(item.districtCode);
    if (!district) {
      district = { code: item.districtCode, name: item.districtName, items: [] };
      districts.set(item.districtCode, district);
    }
    district.items.push(item);
  }
  return [...districts.values()]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((district) => ({
      ...district,
      items: [...district.items].sort((a, b) => compareText(a.name, b.name, language)),
    }));
}
