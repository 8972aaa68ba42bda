/** The CMS files the bundle is built from, relative to the CMS data folder. */
export interface SourceFile {
  path: string;
  /** For a zip: the member to read. */
  member?: string;
  what: string;
}

export const CURRENT_RELEASE = {
  id: 'RVU26C',
  pfs: { path: 'RVU26C/PPRRVU2026_Jul_nonQPP.csv', what: 'PPRRVU file of RVU26C (July 2026)' },
};

export const HISTORY_RELEASES: { id: string; pfs: SourceFile }[] = [
  { id: 'RVU22A', pfs: { path: 'history/PPRRVU22_JAN.csv', what: 'PPRRVU file of RVU22A (January 2022)' } },
  { id: 'RVU23A', pfs: { path: 'history/PPRRVU23_JAN.csv', what: 'PPRRVU file of RVU23A (January 2023)' } },
  { id: 'RVU24A', pfs: { path: 'history/PPRRVU24_JAN.csv', what: 'PPRRVU file of RVU24A (January 2024)' } },
  { id: 'RVU25A', pfs: { path: 'RVU25A/RVU25A.zip', member: 'PPRRVU25_JAN.csv', what: 'RVU25A zip (January 2025)' } },
  { id: 'RVU25D', pfs: { path: 'RVU25D/PPRRVU2025_Oct.csv', what: 'PPRRVU file of RVU25D (October 2025)' } },
  { id: 'RVU26B', pfs: { path: 'RVU26B/PPRRVU2026_Apr_nonQPP.txt', what: 'PPRRVU TXT file of RVU26B (April 2026)' } },
];

export const GPCI_SOURCE: SourceFile = { path: 'RVU26B/GPCI2026.csv', what: 'GPCI file of CY2026' };
export const HCPCS_SOURCE: SourceFile = {
  path: 'HCPCS2026_JAN/HCPC2026_JAN_ANWEB_01122026.txt',
  what: 'HCPCS Level II quarterly file, January 2026',
};
export const MUE_SOURCE: SourceFile = {
  path: 'MUE_2026Q2/MCR_MUE_PractitionerServices_Eff_04-01-2026.csv',
  what: 'NCCI practitioner MUE table effective 2026-04-01',
};

export const ALL_SOURCES: SourceFile[] = [
  CURRENT_RELEASE.pfs,
  ...HISTORY_RELEASES.map((h) => h.pfs),
  GPCI_SOURCE,
  HCPCS_SOURCE,
  MUE_SOURCE,
];
