// Plain-language meanings of the PFS indicators, from the CMS RVU file documentation (RVU26B.pdf, Attachment A
// and the record layout) and the NCCI MUE documentation. Written for coders: what it is, and what it means for billing.

export interface Meaning {
  label: string;
  billing: string;
}

export const STATUS: Record<string, Meaning> = {
  A: { label: 'Active', billing: 'Paid separately under the physician fee schedule, if covered.' },
  B: { label: 'Bundled', billing: 'Always bundled into payment for other services; not paid separately, and any RVUs shown are not used.' },
  C: {
    label: 'Carrier (contractor) priced',
    billing: 'The MAC sets the payment, usually case by case from documentation such as the operative report.',
  },
  D: { label: 'Deleted', billing: 'Deleted effective the start of the year; do not report.' },
  E: {
    label: 'Excluded by regulation',
    billing: 'Excluded from the fee schedule by regulation; when covered, paid under other (reasonable charge) rules.',
  },
  F: { label: 'Deleted (no grace period)', billing: 'Deleted or discontinued with no 90-day grace period; do not report.' },
  G: {
    label: 'Not valid for Medicare (grace period)',
    billing: 'Medicare uses another code for this service; this one is subject to a 90-day grace period.',
  },
  H: { label: 'Deleted modifier', billing: 'The 26 or TC component shown was deleted this year.' },
  I: {
    label: 'Not valid for Medicare',
    billing: 'Medicare uses another code for reporting and payment; no grace period. Other payers may accept it.',
  },
  J: { label: 'Anesthesia service', billing: 'No RVUs or fee schedule amount; paid by anesthesia base and time units.' },
  M: { label: 'Measurement code', billing: 'Reported for quality measurement only; no payment.' },
  N: { label: 'Non-covered', billing: 'Not covered by Medicare; the patient may be liable (consider an ABN where required).' },
  P: {
    label: 'Bundled or excluded',
    billing: 'No RVUs or payment; bundled when incident to a physician service, otherwise paid under other provisions.',
  },
  R: { label: 'Restricted coverage', billing: 'Special coverage instructions apply; if covered, the service is contractor priced.' },
  T: {
    label: 'Paid only when billed alone',
    billing: 'Paid only if no other fee-schedule service is billed the same day by the same provider; otherwise bundled.',
  },
  X: {
    label: 'Statutory exclusion',
    billing: 'Not a "physician service" under the statute; no fee-schedule payment (e.g. ambulance, clinical lab).',
  },
};

export const GLOBAL_DAYS: Record<string, string> = {
  '000':
    'Endoscopic or minor procedure: pre- and post-operative work on the day of the procedure only is included; E/M that day generally not payable.',
  '010': 'Minor procedure: the day of the procedure and 10 post-operative days are included; E/M in that period generally not payable.',
  '090': 'Major surgery: 1 pre-operative day and 90 post-operative days are included in the payment.',
  MMM: 'Maternity code: the usual global period does not apply.',
  XXX: 'The global surgery concept does not apply.',
  YYY: 'The MAC decides whether a global period applies and sets it when pricing.',
  ZZZ: 'Add-on code: always included in the global period of the primary service.',
};

export const PC_TC: Record<string, string> = {
  '0': 'Physician service: modifiers 26 and TC cannot be used.',
  '1': 'Diagnostic test with professional and technical components: bill globally, or with 26 (interpretation) or TC (technical).',
  '2': 'Professional-component-only code: modifiers 26 and TC cannot be used.',
  '3': 'Technical-component-only code: modifiers 26 and TC cannot be used.',
  '4': 'Global-test-only code: separate codes exist for the professional and technical components; modifiers 26 and TC cannot be used.',
  '5': 'Incident-to service: not payable for hospital inpatients or outpatients; modifiers 26 and TC cannot be used.',
  '6': 'Laboratory physician interpretation: modifier TC cannot be used.',
  '7': 'Physical therapy service not payable when furnished in a hospital setting by an independent therapist.',
  '8': 'Physician interpretation of an abnormal smear for a hospital inpatient only.',
  '9': 'The PC/TC concept does not apply.',
};

export const MULTIPLE_PROCEDURE: Record<string, string> = {
  '0': 'No multiple-procedure reduction applies (modifier 51).',
  '1': 'Pre-1995 multiple-procedure rules apply.',
  '2': 'Standard multiple-procedure rule (modifier 51): 100% for the highest-priced, 50% for each further procedure.',
  '3': 'Multiple endoscopy rules apply within the same endoscopic family (see the endoscopic base code).',
  '4': 'Multiple-procedure reduction for diagnostic imaging in the same family: 50% on the technical component, 5% on the professional component of subsequent procedures.',
  '5': 'Multiple-procedure reduction of 50% of the practice expense for certain therapy services.',
  '6': 'Diagnostic cardiovascular: 25% reduction of the technical component of the second and later procedures.',
  '7': 'Diagnostic ophthalmology: 20% reduction of the technical component of the second and later procedures.',
  '9': 'The multiple-procedure concept does not apply.',
};

export const BILATERAL: Record<string, string> = {
  '0': 'Bilateral adjustment does not apply: with modifier 50 (or RT and LT), payment is 100% of one side.',
  '1': 'Bilateral (modifier 50) pays 150% of the fee schedule amount.',
  '2': 'RVUs already assume a bilateral procedure: modifier 50 pays 100%.',
  '3': 'Each side is paid at 100% (usually radiology and diagnostic tests).',
  '9': 'The bilateral concept does not apply.',
};

export const ASSISTANT: Record<string, string> = {
  '0': 'Assistant at surgery (80/82) paid only with documentation of medical necessity.',
  '1': 'Assistant at surgery (80/82) may not be paid (statutory restriction).',
  '2': 'Assistant at surgery (80/82) may be paid.',
  '9': 'The assistant-at-surgery concept does not apply.',
};

export const CO_SURGEONS: Record<string, string> = {
  '0': 'Co-surgeons (modifier 62) not permitted.',
  '1': 'Co-surgeons (modifier 62) paid with documentation of medical necessity.',
  '2': 'Co-surgeons (modifier 62) permitted when the two-specialty requirement is met.',
  '9': 'The co-surgeon concept does not apply.',
};

export const TEAM: Record<string, string> = {
  '0': 'Team surgery (modifier 66) not permitted.',
  '1': 'Team surgery (modifier 66) paid by report with documentation of medical necessity.',
  '2': 'Team surgery (modifier 66) permitted; paid by report.',
  '9': 'The team-surgery concept does not apply.',
};

export const SUPERVISION: Record<string, string> = {
  '01': 'General supervision by a physician.',
  '02': 'Direct supervision by a physician.',
  '03': 'Personal supervision by a physician.',
  '04': 'No supervision needed when furnished by a qualified or clinical psychologist; otherwise general supervision.',
  '05': 'No supervision needed when furnished by a qualified audiologist; otherwise general supervision.',
  '06': 'Physician or an ABPTS-certified physical therapist (electrophysiology).',
  '21': 'A certified technician under general supervision; otherwise direct supervision.',
  '22': 'A technician with on-line real-time contact with a physician.',
  '66': 'A physician or an ABPTS-certified physical therapist certified in this procedure.',
  '6A': 'As level 66; the certified PT may supervise another PT, but only the certified PT may bill.',
  '77': 'A certified PT, an uncertified PT under direct supervision, or a certified technician under general supervision.',
  '7A': 'As level 77; the certified PT may supervise another PT, but only the certified PT may bill.',
};

export const MUE_ADJUDICATION: Record<number, string> = {
  1: 'Line edit: units above the MUE on one claim line are denied; the edit applies per line, so medically necessary extra units may go on separate lines with an appropriate modifier.',
  2: 'Date-of-service edit (policy): an absolute limit per day; units above it are denied and are not payable on appeal.',
  3: 'Date-of-service edit (clinical): a per-day limit; units above it are denied but may be paid on appeal with documentation of medical necessity.',
};

export const LEVEL2_COVERAGE: Record<string, string> = {
  C: 'Carrier judgment: coverage is decided by the contractor.',
  D: 'Special coverage instructions apply.',
  I: 'Not payable by Medicare.',
  M: 'Non-covered by Medicare.',
  S: 'Non-covered by Medicare statute.',
};

export const CATEGORY_III_NOTE =
  'Category III: a temporary code for emerging technology, tracked for 5 years before it sunsets or moves to Category I. Usually carrier priced with no national RVUs; other payers negotiate or decide coverage.';
export const PLA_NOTE =
  'PLA: a proprietary laboratory analysis code for one laboratory or manufacturer; paid under the clinical laboratory fee schedule, not the PFS.';
export const CATEGORY_II_NOTE = 'Category II: a performance-measure tracking code; reported for quality programs and never paid.';
