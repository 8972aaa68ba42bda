import Dexie, { type DexieOptions, type EntityTable, type Table } from 'dexie';
import type { CodeRecord, ReleaseInfo } from '../data/dataset';
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
  /** How long decoding and installing this release took, in ms (reported by the benchmark). */
  seedMs?: number;
}

export interface MetaRow {
  key: 'release';
  value: InstalledRelease;
}

/**
 * The extension's database. The dataset tables (codes, modifiers, localities, meta)
 * are replaced whole by each release; pins and recent lookups belong to the user and
 * are never touched by a re-seed. Settings live in extension storage (utils/settings.ts).
 */
export class LensDb extends Dexie {
  codes!: Table<CodeRecord, [string, string]>;
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
  }
}
