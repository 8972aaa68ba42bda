import { DataFileError } from './errors';

export type TextEncoding = 'utf-8' | 'windows-1252';

/** 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

// Control characters other than tab, CR and LF never occur in CMS text files;
// finding one means a binary or corrupted file.
const GARBAGE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/;

/**
 * Decodes a whole file. Uses only TextDecoder (a web standard present in Node,
 * workers and pages), so it runs at build time and in the extension.
 */
export function decodeText(bytes: Uint8Array, file: string, encoding: TextEncoding): string {
  if (bytes.length === 0) throw new DataFileError(file, null, 'the file is empty');
  let text = new TextDecoder(encoding, { fatal: false }).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Older CMS files end with a DOS end-of-file mark (Ctrl-Z): the end, not garbage.
  text = text.replace(/\u001a[,\s]*$/, '');
  const bad = GARBAGE.exec(text);
  if (bad) {
    const code = bad[0].charCodeAt(0);
    const what = code === 0xfffd ? `bytes that are not valid ${encoding}` : `a control byte 0x${code.toString(16).padStart(2, '0')}`;
    throw new DataFileError(
      file,
      lineAt(text, bad.index),
      `garbage in the file: ${what} (is this the right file, and was it downloaded whole?)`,
    );
  }
  return text;
}

export function normalizeSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
