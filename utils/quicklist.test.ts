import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { buildDatasetFromSources } from '../data/build';
import { cmsFolder } from '../tests/fixtures/cms';
import { english } from '../tests/english';
import { csvCell, quickListCsv, quickListText, quickListTotals, type QuickListItem } from './quicklist';

const files = cmsFolder();
const ds = buildDatasetFromSources((p) => files[p] ?? null);
const rec = (code: string, modifier = '') => ds.codes.find((c) => c.code === code && c.modifier === modifier) ?? null;
const item = (code: string, modifier = '', units = 1, note = ''): QuickListItem => ({
  code,
  modifier,
  units,
  note,
  record: rec(code, modifier) ?? rec(code),
  base: rec(code),
});
const north = ds.localities.find((l) => l.id === '90001-01')!;
const south = ds.localities.find((l) => l.id === '90002-02')!;

describe('quick-list totals', () => {
  it('adds RVUs and national payment by units (hand-worked)', () => {
    const t = quickListTotals([item('99213', '', 2), item('71046', '26')], 30, 'nonFacility', null, english);
    // 99213: 2 × 3.10 × 30 = 186.00; 71046-26: 0.35 × 30 = 10.50 → 196.50
    expect(t.lines.map((l) => l.payment)).toEqual([186, 10.5]);
    expect(t.payment).toBe(196.5);
    expect(t.workRvu).toBe(2.2); // 2 × 1.00 + 0.20
    expect(t.totalRvu).toBe(6.55); // 2 × 3.10 + 0.35
    expect(t.where).toBe('National, non-facility');
  });
  it('prices by locality GPCIs, facility or non-facility (hand-worked)', () => {
    // North non-facility: (1.00×1.100 + 2.00×0.900 + 0.10×0.500) × 30 = 2.95 × 30 = 88.50
    expect(quickListTotals([item('99213')], 30, 'nonFacility', north, english).payment).toBe(88.5);
    // North facility: (1.00×1.100 + 0.50×0.900 + 0.10×0.500) × 30 = 1.60 × 30 = 48.00
    expect(quickListTotals([item('99213')], 30, 'facility', north, english).payment).toBe(48);
    // South uses the work GPCI without the floor: (1.00×0.950 + 2.00×1.200 + 0.10×2.000) × 30 = 3.55 × 30 = 106.50
    expect(quickListTotals([item('99213')], 30, 'nonFacility', south, english).payment).toBe(106.5);
  });
  it('warns where units exceed the MUE and where Medicare does not pay', () => {
    const t = quickListTotals([item('99213', '', 3), item('J1100', '', 121), item('99999')], 30, 'nonFacility', null, english);
    expect(t.lines[0]!.warnings).toEqual(['3 units exceed the MUE of 2']);
    expect(t.lines[1]!.warnings).toEqual(['121 units exceed the MUE of 120', 'status E: excluded from the fee schedule']);
    expect(t.lines[1]!.payment).toBe(0);
    expect(t.lines[2]!.warnings).toEqual(['99999 is not in the installed release']);
  });
  it('flags NA in the chosen setting', () => {
    expect(quickListTotals([item('71046')], 30, 'facility', null, english).lines[0]!.warnings).toEqual(['NA in the facility setting']);
  });
});

describe('exports', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['plain', 'plain'],
  ])('csvCell(%j) = %s', (input, out) => expect(csvCell(input)).toBe(out));

  it('exports a CSV that reads back to the same rows', () => {
    const t = quickListTotals(
      [item('99213', '25', 1, '=cmd|calc'), item('J1100', '', 4, 'left deltoid, "lot 7"')],
      30,
      'nonFacility',
      null,
      english,
    );
    const csv = quickListCsv(t, english);
    expect(csv.startsWith('\ufeff')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]![0]).toBe('Code');
    expect(rows[1]).toEqual(['99213', '25', '1', 'Fixture established visit', '1.00', '3.10', '93.00', '', "'=cmd|calc"]);
    expect(rows[2]![8]).toBe('left deltoid, "lot 7"');
    expect(rows[3]!.slice(0, 1).concat(rows[3]!.slice(4, 7))).toEqual(['Total', '1.00', '3.10', '93.00']);
  });
  it('copies as text with the totals line', () => {
    const text = quickListText(quickListTotals([item('99213', '25')], 30, 'nonFacility', null, english), english);
    expect(text).toBe('99213-25 x1  work 1.00  total 3.10  $93.00\nTotal: work 1.00 RVU, total 3.10 RVU, $93.00 (National, non-facility)');
  });
});
