// All extension-page text goes through browser.i18n (English in public/_locales/en), so CPT Lens can be translated.
import type { Text } from '../data/meanings';
import type messages from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof messages;

export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  return browser.i18n.getMessage(key, substitutions.map(String)) || key;
}

/** The message reader the pure modules take: any key, "" when there is none (card-model, meanings). */
export const text: Text = (key, ...substitutions) => browser.i18n.getMessage(key as MessageKey, substitutions);
