import { categoryOf, cptSectionOf, type CodeCategory } from './categories';
import type { GpciFile, Locality } from './gpci';
import type { HcpcsFile, Level2Modifier, Level2Record } from './hcpcs';
import type { MueFile, MueRecord } from './mue';
import { PFS_FIELDS, type PfsField, type PfsFile, type PfsRecord } from './pprrvu';

export const DATASET_FORMAT = 1;

/** PPRRVU values of one code + modifier, without the key fields. */
export type PfsValues = Omit<PfsRecord, 'hcpcs' | 'modifier'>;
export const PFS_VALUE_FIELDS = PFS_FIELDS.filter((f) => f !== 'hcpcs' && f !== 'modifier') as (keyof PfsValues)[];

/** Fields whose changes between releases are kept (the conversion factor is per release). */
export const HISTORY_FIELDS = PFS_VALUE_FIELDS.filter((f) => f !== 'conversionFactor' && f !== 'nonFacilityTotal' && f !== 'facilityTotal');

export interface HistoryChange {
  /** The release in which the value changed to the one in the next release. */
  release: string;
  field: keyof PfsValues;
  value: string | number;
}

export interface CodeRecord {
  code: string;
  /** "", 26, TC or 53 (PPRRVU rows); Level II and MUE data sit on the "" row. */
  modifier: string;
  category: CodeCategory;
  section: string;
  subsection: string;
  /** CMS short descriptor from the PFS file (AMA content for CPT codes). */
  shortDescriptor: string;
  /** Full Level II descriptor (CMS, public domain), or "". */
  longDescriptor: string;
  pfs: PfsValues | null;
  level2: Omit<Level2Record, 'code' | 'longDescription' | 'shortDescription'> | null;
  mue: Omit<MueRecord, 'code'> | null;
  /** Earliest history release in which this code + modifier appears (first known), or "". */
  firstSeen: string;
  /** Values in earlier releases that differ from the release after them, newest first. */
  history: HistoryChange[];
}

export interface ReleaseSummary {
  id: string;
  releasedDate: string;
  conversionFactor: number;
  recordCount: number;
}

export interface ReleaseInfo extends ReleaseSummary {
  title: string;
  amaNotice: string;
  /** Earlier releases, oldest first. */
  history: ReleaseSummary[];
  sources: { pfs: string; hcpcs: string; gpci: string; mue: string };
  gpciFootnotes: string[];
  /** Records the CMS files themselves got wrong and the build passed over. */
  warnings: string[];
}

export interface Dataset {
  format: number;
  release: ReleaseInfo;
  codes: CodeRecord[];
  modifiers: Level2Modifier[];
  localities: Locality[];
}

export interface DatasetInputs {
  current: { id: string; file: PfsFile; source: string };
  history: { id: string; file: PfsFile }[];
  hcpcs: { file: HcpcsFile; source: string };
  gpci: { file: GpciFile; source: string };
  mue: { file: MueFile; source: string };
}

function keyOf(code: string, modifier: string): string {
  return `${code}|${modifier}`;
}

function values(r: PfsRecord): PfsValues {
  const { hcpcs: _h, modifier: _m, ...rest } = r;
  return rest;
}

function releaseCf(file: PfsFile): number {
  // Every row carries the release's conversion factor; take the most common one.
  const counts = new Map<number, number>();
  for (const r of file.records) counts.set(r.conversionFactor, (counts.get(r.conversionFactor) ?? 0) + 1);
  let best = 0;
  let bestCount = -1;
  for (const [cf, n] of counts) if (n > bestCount) [best, bestCount] = [cf, n];
  return best;
}

export function buildDataset(inputs: DatasetInputs): Dataset {
  const byKey = new Map<string, CodeRecord>();
  const blank = (code: string, modifier: string): CodeRecord | null => {
    const category = categoryOf(code);
    if (!category) return null;
    const section = cptSectionOf(code);
    return {
      code,
      modifier,
      category,
      section: section?.section ?? '',
      subsection: section?.subsection ?? '',
      shortDescriptor: '',
      longDescriptor: '',
      pfs: null,
      level2: null,
      mue: null,
      firstSeen: '',
      history: [],
    };
  };
  const warnings = [...inputs.hcpcs.file.warnings];

  for (const r of inputs.current.file.records) {
    const rec = blank(r.hcpcs, r.modifier);
    if (!rec) {
      warnings.push(`${inputs.current.source}: "${r.hcpcs}" has no known code shape; passed over`);
      continue;
    }
    rec.shortDescriptor = r.description;
    rec.pfs = values(r);
    byKey.set(keyOf(r.hcpcs, r.modifier), rec);
  }
  for (const l2 of inputs.hcpcs.file.codes) {
    const key = keyOf(l2.code, '');
    let rec = byKey.get(key);
    if (!rec) {
      rec = blank(l2.code, '')!;
      rec.shortDescriptor = l2.shortDescription;
      byKey.set(key, rec);
    }
    const { code: _c, longDescription, shortDescription: _s, ...rest } = l2;
    rec.longDescriptor = longDescription;
    rec.level2 = rest;
  }
  for (const m of inputs.mue.file.records) {
    const key = keyOf(m.code, '');
    let rec = byKey.get(key);
    if (!rec) {
      const fresh = blank(m.code, '');
      if (!fresh) continue;
      rec = fresh;
      byKey.set(key, rec);
    }
    const { code: _c, ...rest } = m;
    rec.mue = rest;
  }

  // History: walk releases newest to oldest, recording each value that differs from the release after it.
  const releases = [...inputs.history.map((h) => ({ id: h.id, file: h.file })), { id: inputs.current.id, file: inputs.current.file }];
  const maps = releases.map((r) => new Map(r.file.records.map((rec) => [keyOf(rec.hcpcs, rec.modifier), rec])));
  for (const [key, rec] of byKey) {
    if (!rec.pfs) continue;
    let newer: PfsRecord | undefined = maps[maps.length - 1]!.get(key);
    let first = inputs.current.id;
    for (let i = maps.length - 2; i >= 0 && newer; i--) {
      const older = maps[i]!.get(key);
      if (!older) break;
      first = releases[i]!.id;
      for (const f of HISTORY_FIELDS) {
        if (older[f as PfsField] !== newer[f as PfsField])
          rec.history.push({ release: releases[i]!.id, field: f, value: older[f as PfsField] });
      }
      newer = older;
    }
    rec.firstSeen = first;
  }

  const codes = [...byKey.values()].sort((a, b) =>
    a.code < b.code ? -1 : a.code > b.code ? 1 : a.modifier < b.modifier ? -1 : a.modifier > b.modifier ? 1 : 0,
  );
  const cur = inputs.current.file;
  return {
    format: DATASET_FORMAT,
    release: {
      id: inputs.current.id,
      title: cur.title,
      releasedDate: cur.releasedDate,
      conversionFactor: releaseCf(cur),
      recordCount: codes.length,
      amaNotice: cur.amaNotice,
      history: inputs.history.map((h) => ({
        id: h.id,
        releasedDate: h.file.releasedDate,
        conversionFactor: releaseCf(h.file),
        recordCount: h.file.records.length,
      })),
      sources: { pfs: inputs.current.source, hcpcs: inputs.hcpcs.source, gpci: inputs.gpci.source, mue: inputs.mue.source },
      gpciFootnotes: inputs.gpci.file.footnotes,
      warnings,
    },
    codes,
    modifiers: inputs.hcpcs.file.modifiers,
    localities: inputs.gpci.file.localities,
  };
}
