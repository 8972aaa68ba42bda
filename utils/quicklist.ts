// The quick-list's arithmetic and exports. Pure, so totals are unit-tested against hand-worked figures.
import type { CodeRecord } from '../data/dataset';
import type { Locality } from '../data/gpci';
import type { Text } from '../data/meanings';
import { cents, localityPayment, nationalPayment, type Setting } from '../data/pricing';

export interface QuickListItem {
  code: string;
  modifier: string;
  units: number;
  note: string;
  /** The record the figures come from: the modifier's PPRRVU row (26, TC, 53) when CMS gives one, else the base row. */
  record: CodeRecord | null;
  /** Base row, for MUE (which is per code). */
  base: CodeRecord | null;
}

export interface QuickListLine {
  item: QuickListItem;
  workRvu: number;
  totalRvu: number;
  payment: number;
  warnings: string[];
}

export interface QuickListTotals {
  lines: QuickListLine[];
  workRvu: number;
  totalRvu: number;
  payment: number;
  where: string;
}

// Statuses that are not paid; each one's warning is the message qlNotPayable_<status>.
const NOT_PAYABLE = new Set(['B', 'D', 'F', 'H', 'I', 'N', 'E', 'X', 'P', 'M', 'J', 'C']);

export function quickListTotals(
  items: QuickListItem[],
  cf: number,
  setting: Setting,
  locality: Locality | null,
  text: Text,
): QuickListTotals {
  const lines = items.map((item) => {
    const pfs = item.record?.pfs ?? null;
    const warnings: string[] = [];
    if (!item.record) warnings.push(text('qlNotInRelease', item.code));
    const mue = item.base?.mue;
    if (mue && item.units > mue.units) warnings.push(text('qlMueExceeded', String(item.units), String(mue.units)));
    if (pfs && NOT_PAYABLE.has(pfs.status)) warnings.push(text('qlStatus', pfs.status, text(`qlNotPayable_${pfs.status}`)));
    if (pfs && ((setting === 'facility' && pfs.facilityNa === 'NA') || (setting === 'nonFacility' && pfs.nonFacilityNa === 'NA')))
      warnings.push(text(setting === 'facility' ? 'qlNaFacility' : 'qlNaNonFacility'));
    const paid = !!pfs && ['A', 'R', 'T'].includes(pfs.status);
    const unitPayment = pfs ? (locality ? localityPayment(pfs, locality, setting, cf) : nationalPayment(pfs, setting, cf)) : 0;
    const total = pfs ? (setting === 'facility' ? pfs.facilityTotal : pfs.nonFacilityTotal) : 0;
    return {
      item,
      workRvu: (pfs?.workRvu ?? 0) * item.units,
      totalRvu: total * item.units,
      payment: paid ? cents(unitPayment * item.units) : 0,
      warnings,
    };
  });
  return {
    lines,
    workRvu: round2(lines.reduce((s, l) => s + l.workRvu, 0)),
    totalRvu: round2(lines.reduce((s, l) => s + l.totalRvu, 0)),
    payment: cents(lines.reduce((s, l) => s + l.payment, 0)),
    where: text(
      'qlWhere',
      locality ? `${locality.name} (${locality.state})` : text('qlNational'),
      text(setting === 'facility' ? 'qlFacility' : 'qlNonFacility'),
    ),
  };
}

function round2(x: number): number {
  return Math.round((x + Number.EPSILON) * 100) / 100;
}

/** One CSV cell, Excel-safe: quoted when needed, and never read as a formula (=, +, -, @, tab, CR start). */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function quickListCsv(t: QuickListTotals, text: Text): string {
  const rows: (string | number)[][] = [
    [
      text('csvCode'),
      text('csvModifier'),
      text('csvUnits'),
      text('csvDescriptor'),
      text('csvWorkRvu'),
      text('csvTotalRvu'),
      text('csvPayment', t.where),
      text('csvWarnings'),
      text('csvNote'),
    ],
  ];
  for (const l of t.lines) {
    rows.push([
      l.item.code,
      l.item.modifier,
      l.item.units,
      l.item.record?.shortDescriptor || l.item.record?.longDescriptor || '',
      l.workRvu.toFixed(2),
      l.totalRvu.toFixed(2),
      l.payment.toFixed(2),
      l.warnings.join('; '),
      l.item.note,
    ]);
  }
  rows.push([text('csvTotal'), '', '', '', t.workRvu.toFixed(2), t.totalRvu.toFixed(2), t.payment.toFixed(2), '', '']);
  // A BOM so Excel reads UTF-8; CRLF as Excel writes.
  return `\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function quickListText(t: QuickListTotals, text: Text): string {
  const lines = t.lines.map(
    (l) =>
      text(
        'qlTextLine',
        [l.item.code, l.item.modifier].filter(Boolean).join('-'),
        String(l.item.units),
        l.workRvu.toFixed(2),
        l.totalRvu.toFixed(2),
        `$${l.payment.toFixed(2)}`,
      ) + (l.warnings.length ? text('qlTextWarnings', l.warnings.join('; ')) : ''),
  );
  return [...lines, text('qlTextTotal', t.workRvu.toFixed(2), t.totalRvu.toFixed(2), `$${t.payment.toFixed(2)}`, t.where)].join('\n');
}
