import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { ReleaseInfo } from '../data/dataset';
import type { CodeRow } from '../data/encoding';
import type { Locality } from '../data/gpci';
import type { Level2Modifier } from '../data/hcpcs';

export interface Pin {
  id?: number;
  code: string;
  modifier: string;
  units: number;
  note: string;
  /** Position in the quick-list. */
  order: number;
  addedAt: number;
  /** The figures when pinned (or last re-resolved), to tell the user what a new release changed. */
  snapshot?: PinSnapshot;
  /** Set when a dataset update changed this pin's figures: "RVU26C: work RVU 1.30 → 1.50". */
  changed?: string[];
}

export interface PinSnapshot {
  release: string;
  status: string;
  workRvu: number;
  nonFacilityTotal: number;
  facilityTotal: number;
  descriptor: string;
}

export interface RecentLookup {
  code: string;
  at: number;
}

export interface InstalledRelease extends ReleaseInfo {
  /** sha256 of the bundle it was installed from. */
  sha256: string;
  installedAt: number;
  /** When a worker last checked this release against the bundle it ships (once per worker start). */
  checkedAt?: number;
  /** The release ids the stored rows' history indexes point into. */
  releaseIds: string[];
  /** How long decoding and installing this release took, in ms (reported by the benchmark). */
  seedMs?: number;
}

/**
 * The release's records, grouped by the first three characters of the code and kept in the bundle's compact
 * row form: a thousand rows of arrays install several times faster than 23,000 objects, and a lookup reads
 * one chunk of a few dozen rows.
 */
export interface CodeChunk {
  prefix: string;
  rows: CodeRow[];
}

/** Every code of the release, sorted: answers "is this a code?" for page scans without reading records. */
export interface CodeList {
  id: 'codes';
  codes: string[];
}

export interface MetaRow {
  key: 'release';
  value: InstalledRelease;
}

/**
 * The extension's database. The dataset tables (codeChunks, codeList, modifiers, localities, meta)
 * are replaced whole by each release; pins and recent lookups belong to the user and
 * are never touched by a re-seed. Settings live in extension storage (utils/settings.ts).
 */
export class LensDb extends Dexie {
  codeChunks!: EntityTable<CodeChunk, 'prefix'>;
  codeList!: EntityTable<CodeList, 'id'>;
  modifiers!: EntityTable<Level2Modifier, 'modifier'>;
  localities!: EntityTable<Locality, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  pins!: EntityTable<Pin, 'id'>;
  recent!: EntityTable<RecentLookup, 'code'>;

  constructor(name = 'cpt-lens', options?: DexieOptions) {
    super(name, options);
    this.version(1).stores({
      codes: '[code+modifier], code',
      modifiers: 'modifier',
      localities: 'id, state',
      meta: 'key',
      pins: '++id, [code+modifier], order',
      recent: 'code, at',
    });
    // Version 2 stores records in chunks. Dropping the release row makes the next start install the bundle
    // again in the new layout; pins and recent lookups are the user's and stay.
    this.version(2)
      .stores({ codes: null, codeChunks: 'prefix', codeList: 'id' })
      .upgrade((tx) => tx.table('meta').delete('release'));
  }
}
