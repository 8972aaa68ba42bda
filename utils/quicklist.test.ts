import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { buildDatasetFromSources } from '../data/build';
import { cmsFolder } from '../tests/fixtures/cms';
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
const alabama = ds.localities.find((l) => l.id === '10112-00')!;
const manhattan = ds.localities.find((l) => l.id === '13202-01')!;

describe('quick-list totals', () => {
  it('adds RVUs and national payment by units (hand-worked)', () => {
    const t = quickListTotals([item('99213', '', 2), item('71046', '26')], 33.4009, 'nonFacility', null);
    // 99213: 2 × 2.85 × 33.4009 = 2 × 95.19 = 190.38; 71046-26: 0.30 × 33.4009 = 10.02 → 200.40
    expect(t.lines.map((l) => l.payment)).toEqual([190.38, 10.02]);
    expect(t.payment).toBe(200.4);
    expect(t.workRvu).toBe(2.81); // 2 × 1.30 + 0.21
    expect(t.totalRvu).toBe(6); // 2 × 2.85 + 0.30
    expect(t.where).toBe('National, non-facility');
  });
  it('prices by locality GPCIs, facility or non-facility (hand-worked)', () => {
    // Alabama non-facility 99213: $87.27 (see the card test); facility: $54.25.
    expect(quickListTotals([item('99213')], 33.4009, 'nonFacility', alabama).payment).toBe(87.27);
    expect(quickListTotals([item('99213')], 33.4009, 'facility', alabama).payment).toBe(54.25);
    // Manhattan non-facility: (1.30×1.076 + 1.46×1.285 + 0.09×1.583) × 33.4009 = (1.3988 + 1.8761 + 0.14247) × 33.4009 = 3.41737 × 33.4009 = 114.14
    expect(quickListTotals([item('99213')], 33.4009, 'nonFacility', manhattan).payment).toBe(114.14);
  });
  it('warns where units exceed the MUE and where Medicare does not pay', () => {
    const t = quickListTotals([item('99213', '', 3), item('J1100', '', 121), item('99999')], 33.4009, 'nonFacility', null);
    expect(t.lines[0]!.warnings).toEqual(['3 units exceed the MUE of 2']);
    expect(t.lines[1]!.warnings).toEqual(['121 units exceed the MUE of 120', 'status E: excluded from the fee schedule']);
    expect(t.lines[1]!.payment).toBe(0);
    expect(t.lines[2]!.warnings).toEqual(['99999 is not in the installed release']);
  });
  it('flags NA in the chosen setting', () => {
    expect(quickListTotals([item('71046')], 33.4009, 'facility', null).lines[0]!.warnings).toEqual(['NA in the facility setting']);
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
      33.4009,
      'nonFacility',
      null,
    );
    const csv = quickListCsv(t);
    expect(csv.startsWith('\ufeff')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]![0]).toBe('Code');
    expect(rows[1]).toEqual(['99213', '25', '1', 'Fixture established visit', '1.30', '2.85', '95.19', '', "'=cmd|calc"]);
    expect(rows[2]![8]).toBe('left deltoid, "lot 7"');
    expect(rows[3]!.slice(0, 1).concat(rows[3]!.slice(4, 7))).toEqual(['Total', '1.30', '2.85', '95.19']);
  });
  it('copies as text with the totals line', () => {
    const text = quickListText(quickListTotals([item('99213', '25')], 33.4009, 'nonFacility', null));
    expect(text).toBe('99213-25 x1  work 1.30  total 2.85  $95.19\nTotal: work 1.30 RVU, total 2.85 RVU, $95.19 (National, non-facility)');
  });
});
