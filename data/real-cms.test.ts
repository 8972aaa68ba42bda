// The whole real dataset, built from the official CMS files and stored through the real database code.
import 'fake-indexeddb/auto';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCms } from '../tests/cms-dir';
import { english } from '../tests/english';
import { allRecords, ensureDataset, lookupCodes, sha256Hex } from '../utils/dataset-store';
import { LensDb } from '../utils/db';
import { buildDatasetFromSources } from './build';
import type { CodeRecord, Dataset } from './dataset';
import { encodeDataset } from './encoding';
import { localityPayment, nationalPayment } from './pricing';
import { parsePprrvuTxt } from './pprrvu';
import { decodeText } from './text';

// The RVU26C CSV's columns in file order, as CMS lays them out in 2026 (read independently of the parser's header logic).
const COLUMNS_2026 = [
  'hcpcs', 'modifier', 'description', 'status', 'notUsedForMedicare', 'workRvu', 'nonFacilityPeRvu', 'nonFacilityNa', 'facilityPeRvu', 'facilityNa',
  'mpRvu', 'nonFacilityTotal', 'facilityTotal', 'pcTc', 'globalDays', 'preOp', 'intraOp', 'postOp', 'multipleProcedure', 'bilateralSurgery',
  'assistantSurgery', 'coSurgeons', 'teamSurgery', 'pricingIndicator', 'endoscopicBase', 'conversionFactor', 'physicianSupervision', 'calculationFlag',
  'imagingFamily', 'oppsNonFacilityPe', 'oppsFacilityPe', 'oppsMp',
] as const; // prettier-ignore
const TEXT = new Set([
  'hcpcs',
  'modifier',
  'description',
  'status',
  'notUsedForMedicare',
  'nonFacilityNa',
  'facilityNa',
  'pcTc',
  'globalDays',
  'multipleProcedure',
  'bilateralSurgery',
  'assistantSurgery',
  'coSurgeons',
  'teamSurgery',
  'pricingIndicator',
  'endoscopicBase',
  'physicianSupervision',
  'calculationFlag',
  'imagingFamily',
]);

/** A Level II long descriptor straight from the HCPCS file's fixed-width records (an independent reading). */
function level2LongFromFile(code: string): string {
  const lines = new TextDecoder('windows-1252').decode(readCms('HCPCS2026_JAN/HCPC2026_JAN_ANWEB_01122026.txt')!).split('\r\n');
  return lines
    .filter((l) => l.startsWith(code) && (l[10] === '3' || l[10] === '4'))
    .map((l) => l.slice(11, 91).trim())
    .join(' ');
}

let dataset: Dataset;
let stored: Map<string, CodeRecord>;
let db: LensDb;

function csvRows(path: string): string[][] {
  const text = new TextDecoder('windows-1252').decode(readCms(path)!);
  const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  return rows.slice(rows.findIndex((r) => r[0] === 'HCPCS') + 1);
}

beforeAll(async () => {
  dataset = buildDatasetFromSources(readCms);
  const bytes = encodeDataset(dataset);
  const sha256 = await sha256Hex(bytes);
  db = new LensDb(`real-${Math.random()}`);
  await ensureDataset(
    db,
    {
      manifest: async () => ({
        release: dataset.release.id,
        releasedDate: dataset.release.releasedDate,
        recordCount: dataset.codes.length,
        sha256,
        bytes: bytes.length,
        file: 'dataset.bin',
      }),
      bytes: async () => bytes,
    },
    english,
  );
  const release = (await db.meta.get('release'))!.value;
  stored = new Map((await allRecords(db, release)).map((r) => [`${r.code}|${r.modifier}`, r]));
});

describe('the dataset built from the official CMS files', () => {
  it('stores every row of RVU26C/PPRRVU2026_Jul_nonQPP.csv, field by field', () => {
    const rows = csvRows('RVU26C/PPRRVU2026_Jul_nonQPP.csv');
    expect(rows).toHaveLength(19356);
    let compared = 0;
    for (const row of rows) {
      const rec = stored.get(`${row[0]}|${row[1]}`);
      if (row[0] === 'GXXX1') continue; // a CMS placeholder row, reported as a build warning
      expect(rec, `${row[0]} ${row[1]}`).toBeDefined();
      COLUMNS_2026.forEach((field, i) => {
        const cell = row[i]!.replace(/\u00a0/g, ' ').trim();
        const value =
          field === 'hcpcs'
            ? rec!.code
            : field === 'modifier'
              ? rec!.modifier
              : field === 'description'
                ? rec!.shortDescriptor
                : rec!.pfs![field];
        if (TEXT.has(field)) expect(value, `${row[0]} ${row[1]} ${field}`).toBe(cell);
        else expect(value, `${row[0]} ${row[1]} ${field}`).toBe(Number(cell));
        compared++;
      });
    }
    expect(compared).toBe((19356 - 1) * 32);
    expect(dataset.release.warnings).toContain('RVU26C/PPRRVU2026_Jul_nonQPP.csv: "GXXX1" has no known code shape; passed over');
  });

  it('parses RVU26B/PPRRVU2026_Apr_nonQPP.txt to its 19,277 records', () => {
    const txt = parsePprrvuTxt(decodeText(readCms('RVU26B/PPRRVU2026_Apr_nonQPP.txt')!, 'txt', 'windows-1252'), 'txt');
    expect(txt.records).toHaveLength(19277);
    // The HDR lines' AMA statement, without the dental (ADA) statement that follows it.
    expect(txt.amaNotice).toMatch(/American Medical Association/i);
    expect(txt.amaNotice).not.toMatch(/dental/i);
    expect(txt.records.find((r) => r.hcpcs === '99213')).toMatchObject({
      workRvu: 1.3,
      nonFacilityTotal: 2.85,
      facilityTotal: 1.72,
      conversionFactor: 33.4009,
    });
  });

  it('has release metadata and the AMA notice from the file', () => {
    expect(dataset.release).toMatchObject({ id: 'RVU26C', releasedDate: '2026-06-30', conversionFactor: 33.4009 });
    // The notice is the file's own line, read here at test time rather than copied into the repository.
    const text = new TextDecoder('windows-1252').decode(readCms('RVU26C/PPRRVU2026_Jul_nonQPP.csv')!);
    const noticeCell = Papa.parse<string[]>(text, { preview: 5 })
      .data.map((r) => r[2] ?? '')
      .find((c) => /American Medical Association/.test(c))!;
    expect(dataset.release.amaNotice).toBe(noticeCell.trim());
    expect(dataset.release.history.map((h) => h.id)).toEqual(['RVU22A', 'RVU23A', 'RVU24A', 'RVU25A', 'RVU25D', 'RVU26B']);
    expect(dataset.localities).toHaveLength(109);
  });

  it('99213: status A, RVUs, totals, CF and global period', () => {
    const r = stored.get('99213|')!;
    // The descriptor is read from the CMS file at test time (CPT descriptors are AMA content, never copied into the repo).
    const row = csvRows('RVU26C/PPRRVU2026_Jul_nonQPP.csv').find((c) => c[0] === '99213' && c[1] === '')!;
    expect(r).toMatchObject({ category: 'cpt1', section: 'Evaluation and Management', shortDescriptor: row[2] });
    expect(r.pfs).toMatchObject({
      status: 'A',
      workRvu: 1.3,
      nonFacilityPeRvu: 1.46,
      facilityPeRvu: 0.33,
      mpRvu: 0.09,
      nonFacilityTotal: 2.85,
      facilityTotal: 1.72,
      conversionFactor: 33.4009,
      globalDays: 'XXX',
    });
    expect(r.mue).toMatchObject({ units: 2, adjudicationIndicator: 3 });
  });

  it('0657T: carrier priced Category III with global YYY', () => {
    const r = stored.get('0657T|')!;
    expect(r.category).toBe('cpt3');
    expect(r.pfs).toMatchObject({ status: 'C', globalDays: 'YYY' });
  });

  it('G0439 and J1100: Level II with their full CMS descriptors; J1100 MUE 120', () => {
    const g = stored.get('G0439|')!;
    expect(g.category).toBe('level2');
    expect(g.longDescriptor).toBe(level2LongFromFile('G0439'));
    expect(g.longDescriptor.length).toBeGreaterThan(80); // it spans a continuation record
    expect(g.pfs).toMatchObject({ status: 'A', workRvu: 1.92 });
    const j = stored.get('J1100|')!;
    expect(j.longDescriptor).toBe('Injection, dexamethasone sodium phosphate, 1 mg');
    expect(j.mue).toMatchObject({ units: 120 });
    expect(j.level2).toMatchObject({ betos: 'O1E', coverageCode: 'D' });
  });

  it('93000 is a global-only test (PC/TC 4): CMS gives it no 26/TC rows; its components are 93005 and 93010; 71046 has its 26 and TC rows', async () => {
    const found = await lookupCodes(db, (await db.meta.get('release'))!.value, ['93000', '93005', '93010', '71046']);
    expect(found['93000']!.base.pfs).toMatchObject({ pcTc: '4', workRvu: 0.17, nonFacilityTotal: 0.46 });
    expect(found['93000']!.components).toEqual([]);
    expect(found['93005']!.base.pfs!.pcTc).toBe('3');
    expect(found['93010']!.base.pfs!.pcTc).toBe('2');
    // Global = PC + TC, as the PDF says for indicator 4.
    expect(found['93005']!.base.pfs!.nonFacilityTotal + found['93010']!.base.pfs!.nonFacilityTotal).toBeCloseTo(0.46, 2);
    const x = found['71046']!;
    expect(x.components.map((c) => c.modifier)).toEqual(['26', 'TC']);
    expect(x.components[0]!.pfs).toMatchObject({ workRvu: 0.21, nonFacilityTotal: 0.3 });
    expect(x.components[1]!.pfs).toMatchObject({ workRvu: 0, nonFacilityTotal: 0.69 });
  });

  it('prices 99213 nationally and in a locality by the CMS formula (hand-worked)', async () => {
    const pfs = stored.get('99213|')!.pfs!;
    // National: 2.85 × 33.4009 = 95.1926 → $95.19; facility 1.72 × 33.4009 = 57.4495 → $57.45.
    expect(nationalPayment(pfs, 'nonFacility', 33.4009)).toBe(95.19);
    expect(nationalPayment(pfs, 'facility', 33.4009)).toBe(57.45);
    // Alabama (10112-00): (1.30×0.988 + 1.46×0.875 + 0.09×0.566) × 33.4009 = (1.2844 + 1.2775 + 0.05094) × 33.4009 = 2.61284 × 33.4009 = 87.2712 → $87.27.
    const al = (await db.localities.get('10112-00'))!;
    expect(al).toMatchObject({ workGpci: 0.988, peGpci: 0.875, mpGpci: 0.566 });
    expect(localityPayment(pfs, al, 'nonFacility', 33.4009)).toBe(87.27);
  });

  it('keeps what changed between releases: values of earlier releases read from those files', () => {
    const rows25d = csvRows('RVU25D/PPRRVU2025_Oct.csv');
    const old = rows25d.find((r) => r[0] === '99213' && r[1] === '')!;
    const rec = stored.get('99213|')!;
    const pe25d = Number(old[6]);
    const change = rec.history.find((h) => h.release === 'RVU25D' && h.field === 'nonFacilityPeRvu');
    if (pe25d === rec.pfs!.nonFacilityPeRvu) expect(change).toBeUndefined();
    else expect(change?.value).toBe(pe25d);
    expect(rec.firstSeen).toBe('RVU22A');
    // A code with a history entry has the older value, release by release.
    const changed = [...stored.values()].filter((r) => r.history.length > 0);
    expect(changed.length).toBeGreaterThan(5000);
  });

  it('includes Level II codes the PFS file lacks (DME, C codes) with their descriptors', () => {
    const e0607 = stored.get('E0607|')!;
    expect(e0607.pfs).toBeNull();
    expect(e0607.longDescriptor).toMatch(/blood glucose monitor/i);
    const cCodes = [...stored.values()].filter((r) => r.code.startsWith('C') && r.pfs === null);
    expect(cCodes.length).toBeGreaterThan(100);
  });
});
