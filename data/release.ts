import type { Text } from './meanings';
const MONTH_LETTER: Record<string, string> = { january: 'A', april: 'B', july: 'C', october: 'D' };

/** "RVU26C" → "July 2026". */
export function releaseLabel(id: string, text: Text): string {
  const m = /^RVU(\d{2})([A-D])/.exec(id);
  return m ? `${text(`releaseQuarter_${m[2]!}`)} 20${m[1]}` : id;
}

/** Release id from a PPRRVU title: the year, then "Relative Value File", then the month of the release. */
export function releaseIdFromTitle(title: string): string | null {
  const m = /\b(\d{4})\b.*\bRelative Value File (January|April|July|October) Release/i.exec(title);
  return m ? `RVU${m[1]!.slice(2)}${MONTH_LETTER[m[2]!.toLowerCase()]}` : null;
}
