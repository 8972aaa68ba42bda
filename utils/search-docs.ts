import type { CodeRecord } from '../data/dataset';
import type { SearchDoc } from './search-index';

/** The searchable part of each code (base rows only). */
export function searchDocsOf(records: CodeRecord[]): SearchDoc[] {
  return records
    .filter((r) => r.modifier === '')
    .map((r) => ({
      code: r.code,
      category: r.category,
      short: r.shortDescriptor,
      long: r.longDescriptor,
      status: r.pfs?.status ?? '',
      workRvu: r.pfs?.workRvu ?? null,
    }));
}
