import { describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import fc from 'fast-check';
import { GPCI_CSV, hcpcsFile, hcpcsRecord, MUE_CSV, pprrvuCsv, pprrvuTxt, ROWS } from '../tests/fixtures/cms';
import { categoryOf, cptSectionOf } from './categories';
import { DataFileError } from './errors';
import { parseGpciCsv } from './gpci';
import { parseHcpcsLevel2 } from './hcpcs';
import { parseMueCsv } from './mue';
import { parsePprrvuCsv, parsePprrvuTxt } from './pprrvu';
import { decodeText } from './text';

function errorOf(fn: () => unknown): DataFileError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DataFileError) return e;
    throw e;
  }
  throw new Error('expected a DataFileError');
}

describe('PPRRVU parsers', () => {
  it('parse a CSV and a TXT written from the same rows to identical records', () => {
    const csv = parsePprrvuCsv(pprrvuCsv(), 'fixture.csv');
    const txt = parsePprrvuTxt(pprrvuTxt(), 'fixture.txt');
    expect(csv.records).toHaveLength(ROWS.length);
    expect(txt.records).toEqual(csv.records);
  });

  it('reads every field of a row by its header name', () => {
    const { records, title, releasedDate, amaNotice } = parsePprrvuCsv(pprrvuCsv(), 'fixture.csv');
    expect(title).toBe('2026 Fixture Relative Value File July Release');
    expect(releasedDate).toBe('2026-06-30');
    expect(amaNotice).toBe('Fixture notice: CPT content in this test file belongs to the American Medical Association.');
    const colo = records.find((r) => r.hcpcs === '45380')!;
    expect(colo).toMatchObject({
      workRvu: 3,
      nonFacilityPeRvu: 6,
      facilityPeRvu: 2,
      mpRvu: 0.3,
      nonFacilityTotal: 9.3,
      facilityTotal: 5.3,
    });
    expect(colo).toMatchObject({
      pcTc: '2',
      globalDays: '000',
      preOp: 0.1,
      intraOp: 0.8,
      postOp: 0.1,
      multipleProcedure: '3',
      assistantSurgery: '1',
      endoscopicBase: '45378',
    });
    const pc = records.find((r) => r.hcpcs === '71046' && r.modifier === '26')!;
    expect(pc).toMatchObject({ modifier: '26', workRvu: 0.2, nonFacilityTotal: 0.35 });
    expect(records.find((r) => r.hcpcs === '71046' && r.modifier === '')!.facilityNa).toBe('NA');
  });

  it('names the file and line of a truncated CSV', () => {
    const text = pprrvuCsv();
    const cut = text.slice(0, text.lastIndexOf('J1100') + 30);
    const e = errorOf(() => parsePprrvuCsv(cut, 'cut.csv'));
    expect(e.file).toBe('cut.csv');
    expect(e.line).toBe(13);
    expect(e.message).toMatch(/cut\.csv, line 13: .*truncated/);
  });

  it('refuses a file that is not a PPRRVU file, saying so', () => {
    const e = errorOf(() => parsePprrvuCsv(GPCI_CSV, 'GPCI2026.csv'));
    expect(e.message).toMatch(/GPCI2026\.csv: .*not a PPRRVU CSV file/);
    expect(() => parsePprrvuTxt(GPCI_CSV, 'GPCI2026.csv')).toThrow(/GPCI2026\.csv, line 1: .*not a PPRRVU TXT file/);
  });

  it('names a missing column and the header line', () => {
    const text = pprrvuCsv().replace(',GLOB,', ',XXXX,');
    const e = errorOf(() => parsePprrvuCsv(text, 'moved.csv'));
    expect(e.line).toBe(8);
    expect(e.detail).toBe('missing column "GLOB DAYS" in the PPRRVU header');
  });

  it('names a value that is not a number, with its column', () => {
    const text = pprrvuCsv().replace('Fixture established visit,A,,1.00', 'Fixture established visit,A,,1.0O');
    expect(() => parsePprrvuCsv(text, 'x.csv')).toThrow('x.csv, line 9: column "WORK RVU" should be a number but is "1.0O"');
  });

  it('names the line of a truncated TXT record', () => {
    const text = pprrvuTxt();
    expect(() => parsePprrvuTxt(text.slice(0, text.length - 40), 'cut.txt')).toThrow(
      /cut\.txt, line 8: .*171 characters .*has 132; the file may be truncated/,
    );
  });
});

describe('decodeText', () => {
  it('finds garbage bytes and names their line', () => {
    const bytes = strToU8(pprrvuCsv());
    const at = bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1) + 5; // in line 3
    bytes[at] = 0x00;
    expect(() => decodeText(bytes, 'bin.csv', 'windows-1252')).toThrow(/bin\.csv, line 3: garbage in the file: a control byte 0x00/);
  });
  it('reads Windows-1252 and tolerates a DOS end-of-file mark', () => {
    const bytes = new Uint8Array([0x41, 0xae, 0x0d, 0x0a, 0x1a, 0x2c, 0x2c, 0x0d, 0x0a]);
    expect(decodeText(bytes, 'a.csv', 'windows-1252')).toBe('A®\r\n');
  });
  it('refuses an empty file', () => {
    expect(() => decodeText(new Uint8Array(), 'empty.csv', 'windows-1252')).toThrow('empty.csv: the file is empty');
  });
});

describe('GPCI parser', () => {
  it('reads every locality with its footnote', () => {
    const { localities } = parseGpciCsv(GPCI_CSV, 'GPCI2026.csv');
    expect(localities.map((l) => l.id)).toEqual(['90001-01', '90002-02', '90003-03']);
    expect(localities[0]).toMatchObject({
      state: 'ZA',
      name: 'FIXTURE NORTH',
      workGpci: 1.1,
      workGpciFloored: 1.1,
      peGpci: 0.9,
      mpGpci: 0.5,
    });
    expect(localities[1]!.name).toBe('FIXTURE SOUTH');
    expect(localities[1]).toMatchObject({ workGpci: 0.95, workGpciFloored: 1, notes: ['Fixture footnote: this locality has a floor.'] });
  });
  it('names a missing column', () => {
    expect(() => parseGpciCsv(GPCI_CSV.replace(',PE GPCI,', ',XX,'), 'g.csv')).toThrow(
      'g.csv, line 3: missing column "PE GPCI" in the GPCI header',
    );
  });
});

describe('MUE parser', () => {
  it('reads the header with its line break and every row', () => {
    const { records, notice } = parseMueCsv(MUE_CSV, 'mue.csv');
    expect(notice).toMatch(/^Fixture notice: .*American Medical Association\.$/);
    expect(records.find((r) => r.code === 'J1100')).toEqual({
      code: 'J1100',
      units: 120,
      adjudicationIndicator: 3,
      adjudicationText: 'Date of Service Edit: Clinical',
      rationale: 'Clinical: Data',
    });
    expect(records).toHaveLength(4);
  });
  it('names the line of a bad units value', () => {
    expect(() => parseMueCsv(MUE_CSV.replace('J1100,120', 'J1100,12x'), 'mue.csv')).toThrow(
      'mue.csv, line 8: MUE units should be a whole number but are "12x"',
    );
  });
});

describe('HCPCS Level II parser', () => {
  it('joins continuation records and reads the detail fields', () => {
    const { codes, modifiers, warnings } = parseHcpcsLevel2(hcpcsFile(), 'hcpcs.txt');
    expect(warnings).toEqual([]);
    expect(codes.map((c) => c.code)).toEqual(['E0607', 'J1100', 'G0439']);
    expect(codes[2]!.longDescription).toBe('Fixture wellness visit whose descriptor runs past one record (continued), subsequent visit');
    expect(codes[1]).toMatchObject({
      shortDescription: 'Fixture drug inj',
      pricingIndicators: ['51'],
      coverageCode: 'D',
      betos: 'O1E',
      addDate: '1982-01-01',
      actionEffectiveDate: '2001-01-01',
      actionCode: 'N',
    });
    expect(modifiers).toEqual([
      {
        modifier: 'TC',
        shortDescription: 'Technical component',
        longDescription: 'Technical component; fixture text for the first line and its continuation',
      },
    ]);
  });
  it('passes over an over-long record with a warning that names its line', () => {
    const text = [
      hcpcsRecord({ code: 'G9999', seq: 1, rid: '3', long: 'Broken' }) + ' '.repeat(30),
      hcpcsRecord({ code: 'J1100', seq: 1, rid: '3', long: 'Injection' }),
    ].join('\r\n');
    const { codes, warnings } = parseHcpcsLevel2(text, 'h.txt');
    expect(codes.map((c) => c.code)).toEqual(['J1100']);
    expect(warnings).toEqual(['h.txt, line 1: record for "G9999" is 350 characters where the layout has 320; passed over']);
  });
  it('refuses a truncated record and a wrong file', () => {
    const rec = hcpcsRecord({ code: 'J1100', seq: 1, rid: '3', long: 'Injection, fixture drug, 1 mg' });
    expect(() => parseHcpcsLevel2(`${rec}\r\n${rec.slice(0, 40)}`, 'h.txt')).toThrow(/h\.txt, line 2: .*the file may be truncated/);
    expect(() => parseHcpcsLevel2(pprrvuTxt(), 'h.txt')).toThrow(/h\.txt, line 1: .*not a HCPCS Level II file/);
  });
});

describe('categories and CPT sections', () => {
  it.each([
    ['99213', 'cpt1'],
    ['3074F', 'cpt2'],
    ['0657T', 'cpt3'],
    ['0001U', 'pla'],
    ['J1100', 'level2'],
    ['G0439', 'level2'],
    ['E0607', 'level2'],
    ['W1234', null],
    ['9921', null],
  ])('%s is %s', (code, cat) => expect(categoryOf(code)).toBe(cat));

  it('categoryOf reads a shape exactly as the reference patterns do', () => {
    const reference = (c: string) =>
      /^\d{5}$/.test(c) || /^\d{4}M$/.test(c)
        ? 'cpt1'
        : /^\d{4}F$/.test(c)
          ? 'cpt2'
          : /^\d{4}T$/.test(c)
            ? 'cpt3'
            : /^\d{4}U$/.test(c)
              ? 'pla'
              : /^[A-V]\d{4}$/.test(c)
                ? 'level2'
                : null;
    const shape = fc.array(fc.constantFrom('0', '5', '9', 'A', 'J', 'V', 'W', 'F', 'T', 'U', 'M', 'f', '-', ' ', '٣'), { maxLength: 7 });
    fc.assert(
      fc.property(shape, (chars) => {
        const code = chars.join('');
        expect(categoryOf(code)).toBe(reference(code));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['00100', 'Anesthesia', undefined],
    ['99140', 'Anesthesia', 'Qualifying circumstances'],
    ['27447', 'Surgery', 'Musculoskeletal System'],
    ['45380', 'Surgery', 'Digestive System'],
    ['71046', 'Radiology', undefined],
    ['85025', 'Pathology and Laboratory', undefined],
    ['93000', 'Medicine', undefined],
    ['99213', 'Evaluation and Management', undefined],
    ['99605', 'Medicine', undefined],
  ])('%s is in %s / %s', (code, section, sub) => expect(cptSectionOf(code)).toEqual(sub ? { section, subsection: sub } : { section }));
});
