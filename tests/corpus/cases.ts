// A corpus of real-looking billing text, written for CPT Lens. Each case lists exactly the spans that
// must be marked when the dataset knows every code-shaped token (the worst case for false marks).
export interface CorpusCase {
  name: string;
  text: string;
  columnHeader?: string;
  marks: string[];
}

export const CORPUS: CorpusCase[] = [
  {
    name: 'superbill lines',
    text: 'Office visit 99214-25 with EKG 93000; chest x-ray 71046-26; injection J1100 x4 units; arthrocentesis 20610-RT; BP 3074F; AWV G0439.',
    marks: ['99214-25', '93000', '71046-26', 'J1100', '20610-RT', '3074F', 'G0439'],
  },
  { name: 'CPT label and list', text: 'CPT: 99213, 99214 and 99215 were billed.', marks: ['99213', '99214', '99215'] },
  { name: 'range with hyphen', text: 'New patient visits 99202-99205 are covered.', marks: ['99202', '99205'] },
  { name: 'range with en dash and spaces', text: 'E/M codes 99202 – 99205', marks: ['99202', '99205'] },
  { name: 'range with through', text: 'Report codes 99202 through 99205 once per day.', marks: ['99202', '99205'] },
  { name: 'Category II range', text: 'Systolic BP codes 3074F-3075F; diastolic 3078F-3080F', marks: ['3074F', '3075F', '3078F', '3080F'] },
  { name: 'range is not a modifier', text: 'Knee arthroplasty range 27437-27447', marks: ['27437', '27447'] },
  { name: 'several modifiers', text: 'Billed 27447-RT-59 and 71046-TC', marks: ['27447-RT-59', '71046-TC'] },
  { name: 'spaced modifier', text: 'Procedure 99213 25 documented; 71046 TC only', marks: ['99213 25', '71046 TC'] },
  { name: 'X12 composite', text: 'SV1*HC:99213:25*125*UN*1***1~SVC*HC:93000*45*12.04**1~', marks: ['99213:25', '93000'] },
  { name: 'Category III and PLA', text: 'Temporary code 0657T; lab 0001U; measure 1036F', marks: ['0657T', '0001U', '1036F'] },
  {
    name: 'address with ZIPs that are valid CPT numbers',
    text: 'Mail to 3401 Spenard Rd, Anchorage, AK 99503 or PO Box 2210, Fairbanks AK 99701-2210. ZIP code 99213.',
    marks: [],
  },
  { name: 'phone and fax', text: 'Phone (907) 555-0142 · Fax 907-555-0199 · Tel. 1-800-99213 ext 99214', marks: [] },
  { name: 'money and decimals', text: 'Charge $99213 · allowed 99213.00 · 99,213 paid · balance $ 71046', marks: [] },
  {
    name: 'identifiers',
    text: 'NPI 1234567893 · Member ID 99214 · Claim # 99215 · Acct 27447 · MRN: 71046 · Policy no. 93000 · Group 99213 · Contractor 06302 · Locality 99201',
    marks: [],
  },
  { name: 'ICD-10 and ICD-9 codes', text: 'Dx J45.909, E11.9, M54.50, M17.11, I10, Z00.00; ICD-9 715.96, 250.00', marks: [] },
  { name: 'inside longer tokens', text: 'Part A57221, model L35000X, lot 993021, serial 0657TX2, ref 99213A', marks: [] },
  { name: 'dates and times', text: 'DOS 11/18/2026, 2026-11-18, at 10:45, 12-31-99213', marks: [] },
  { name: 'ZIP column', text: '62704', columnHeader: 'ZIP', marks: [] },
  { name: 'Amount column', text: '99213', columnHeader: 'Billed Amount', marks: [] },
  { name: 'ICD column', text: 'M5450', columnHeader: 'ICD-10', marks: [] },
  { name: 'CPT column', text: '99213', columnHeader: 'CPT/HCPCS', marks: ['99213'] },
  {
    name: 'payer policy prose',
    text: 'Medicare covers HCPCS G0105 and G0121 for screening; CPT codes 45378 and 45380-PT apply. Modifier 33 applies to 45378.',
    marks: ['G0105', 'G0121', '45378', '45380-PT', '45378'],
  },
  { name: '835 identifiers', text: 'CLP*99214770021*1*185*102.86*82.37*12*2226330214560~N1*PR*MEDICARE*XV*06302~REF*TJ*99213~', marks: [] },
];
