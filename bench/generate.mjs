// Deterministic (seeded) benchmark pages: nothing downloaded. A 10,000-row claims table with codes among
// ZIPs, phones, money, NPIs and ICD-10 codes.
const CODES = [
  '99213',
  '99214',
  '99215',
  '99203',
  '93000',
  '71046',
  '80053',
  '85025',
  '36415',
  '20610',
  'J1100',
  'G0439',
  'J3301',
  'A4550',
  '3074F',
  '3078F',
  '0657T',
  '0001U',
  '27447',
  '45380',
];
const MODS = ['', '', '', '-25', '-26', '-TC', '-RT', '-59'];
const ICD = ['E11.9', 'I10', 'J45.909', 'M54.50', 'Z00.00', 'M17.11', 'R07.9', 'K21.9'];
const STATES = ['IL', 'AK', 'TX', 'CA', 'NY', 'FL'];

export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function claimsRows(count, seed = 1) {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const digits = (n) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
  const rows = [];
  for (let i = 0; i < count; i++) {
    const code = i % 2 === 0 ? pick(CODES) + pick(MODS) : '';
    rows.push([
      `${10000000 + i}`,
      `${digits(2)}/${digits(2)}/2026`,
      code,
      pick(ICD),
      `$${digits(3)}.${digits(2)}`,
      `${pick(STATES)} ${digits(5)}`,
      `(${digits(3)}) ${digits(3)}-${digits(4)}`,
      `NPI ${digits(10)}`,
    ]);
  }
  return rows;
}

const HEAD = ['Claim', 'DOS', 'CPT/HCPCS', 'ICD-10', 'Billed', 'Patient ZIP', 'Phone', 'Rendering'];

export function claimsTableHtml(count, seed = 1) {
  const body = claimsRows(count, seed)
    .map((row) => `<tr>${row.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Claims ${count}</title></head><body><h1>Claims worklist</h1><table id="claims"><thead><tr>${HEAD.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>\n${body}\n</tbody></table></body></html>`;
}
