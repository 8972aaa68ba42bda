/** Code categories, derived from the shape of the code. */
export type CodeCategory = 'cpt1' | 'cpt2' | 'cpt3' | 'pla' | 'level2';

/** Every category; their names are the browser.i18n messages category_<id> and categoryShort_<id>. */
export const CODE_CATEGORIES: readonly CodeCategory[] = ['cpt1', 'cpt2', 'cpt3', 'pla', 'level2'];

export function categoryOf(code: string): CodeCategory | null {
  return code.length === 5 ? categoryAt(code, 0) : null;
}

/**
 * The category of the five characters of text at start, read as a code's shape: the one rule for what a code
 * looks like, shared by the scanner's tokenizer (which calls it for every five-character run on a page, so it
 * reads char codes rather than running six regexes) and categoryOf.
 */
export function categoryAt(text: string, start: number): CodeCategory | null {
  for (let i = start + 1; i < start + 4; i++) if (!isDigit(text.charCodeAt(i))) return null;
  const first = text.charCodeAt(start);
  const last = text.charCodeAt(start + 4);
  if (isDigit(first)) {
    if (isDigit(last)) return 'cpt1';
    if (last === 70) return 'cpt2'; // F
    if (last === 84) return 'cpt3'; // T
    if (last === 85) return 'pla'; // U
    // Administrative MAAA codes (0002M…) are listed in CPT Category I, Appendix O.
    if (last === 77) return 'cpt1'; // M
    return null;
  }
  return first >= 65 && first <= 86 && isDigit(last) ? 'level2' : null; // A–V + four digits
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The category a code's shape alone proves: Category II (1234F), III (1234T) and PLA (1234U) codes are marked and
 * described whether or not the dataset lists them. Null for shapes that need the dataset (five digits, Level II).
 */
export function selfEvidentCategory(code: string): CodeCategory | null {
  const category = categoryOf(code);
  return category === 'cpt2' || category === 'cpt3' || category === 'pla' ? category : null;
}

interface SectionRange {
  from: number;
  to: number;
  section: string;
  subsection?: string;
}

// CPT Category I sections by code range (AMA CPT code set structure).
// 99100-99140 (anesthesia qualifying circumstances) sit in the Medicine range
// numerically but belong to the Anesthesia section; listed first so they win.
const SECTIONS: SectionRange[] = [
  { from: 99100, to: 99140, section: 'Anesthesia', subsection: 'Qualifying circumstances' },
  { from: 100, to: 1999, section: 'Anesthesia' },
  { from: 10004, to: 19499, section: 'Surgery', subsection: 'Integumentary System' },
  { from: 20100, to: 29999, section: 'Surgery', subsection: 'Musculoskeletal System' },
  { from: 30000, to: 32999, section: 'Surgery', subsection: 'Respiratory System' },
  { from: 33016, to: 37799, section: 'Surgery', subsection: 'Cardiovascular System' },
  { from: 38100, to: 38999, section: 'Surgery', subsection: 'Hemic and Lymphatic Systems' },
  { from: 39000, to: 39599, section: 'Surgery', subsection: 'Mediastinum and Diaphragm' },
  { from: 40490, to: 49999, section: 'Surgery', subsection: 'Digestive System' },
  { from: 50010, to: 53899, section: 'Surgery', subsection: 'Urinary System' },
  { from: 54000, to: 55899, section: 'Surgery', subsection: 'Male Genital System' },
  { from: 55920, to: 55920, section: 'Surgery', subsection: 'Reproductive System Procedures' },
  { from: 55970, to: 55980, section: 'Surgery', subsection: 'Intersex Surgery' },
  { from: 56405, to: 58999, section: 'Surgery', subsection: 'Female Genital System' },
  { from: 59000, to: 59899, section: 'Surgery', subsection: 'Maternity Care and Delivery' },
  { from: 60000, to: 60699, section: 'Surgery', subsection: 'Endocrine System' },
  { from: 61000, to: 64999, section: 'Surgery', subsection: 'Nervous System' },
  { from: 65091, to: 68899, section: 'Surgery', subsection: 'Eye and Ocular Adnexa' },
  { from: 69000, to: 69979, section: 'Surgery', subsection: 'Auditory System' },
  { from: 69990, to: 69990, section: 'Surgery', subsection: 'Operating Microscope' },
  { from: 70010, to: 79999, section: 'Radiology' },
  { from: 80047, to: 89398, section: 'Pathology and Laboratory' },
  { from: 90281, to: 99199, section: 'Medicine' },
  { from: 99202, to: 99499, section: 'Evaluation and Management' },
  { from: 99500, to: 99607, section: 'Medicine' },
];

/** CPT section (and surgery body system) of a Category I code, or null. */
export function cptSectionOf(code: string): { section: string; subsection?: string } | null {
  if (/^\d{4}M$/.test(code)) return { section: 'Pathology and Laboratory', subsection: 'Multianalyte Assays (MAAA)' };
  if (!/^\d{5}$/.test(code)) return null;
  const n = Number(code);
  for (const r of SECTIONS) {
    if (n >= r.from && n <= r.to) return r.subsection ? { section: r.section, subsection: r.subsection } : { section: r.section };
  }
  // Gaps in the ranges: assign by the nearest section below so every code has one.
  let best: SectionRange | null = null;
  for (const r of SECTIONS) if (r.to < n && r.from >= 100 && (!best || r.to > best.to)) best = r;
  return best ? (best.subsection ? { section: best.section, subsection: best.subsection } : { section: best.section }) : null;
}
