// The English messages as browser.i18n.getMessage gives them ($1… replaced; "" for an unknown key), for unit
// tests of the pure modules that take a message reader.
import type { Text } from '../data/meanings';
import messages from '../public/_locales/en/messages.json';

const table = messages as Record<string, { message: string }>;

export const english: Text = (key, ...substitutions) =>
  (table[key]?.message ?? '').replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '');
