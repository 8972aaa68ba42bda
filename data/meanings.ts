// Plain-language meanings of the PFS indicators, from the CMS RVU file documentation (RVU26B.pdf, Attachment A
// and the record layout) and the NCCI MUE documentation, written for coders: what it is, and what it means for
// billing. The words are browser.i18n messages (public/_locales/en/messages.json) so CPT Lens can be
// translated; this module names them. Pure: the caller passes the message reader.

/** Reads a message with its substitutions; "" when there is no such message (as browser.i18n.getMessage does). */
export type Text = (key: string, ...substitutions: string[]) => string;

export type IndicatorTable =
  'Global' | 'PcTc' | 'Multiple' | 'Bilateral' | 'Assistant' | 'CoSurgeons' | 'Team' | 'Supervision' | 'Mue' | 'Coverage';

const messageKey = (key: string): string | null => (/^[A-Za-z0-9_]+$/.test(key) ? key : null);

/** What an indicator's value means, or "" when it is not one we describe. */
export function meaningOf(text: Text, table: IndicatorTable, value: string | number): string {
  const key = messageKey(`meaning${table}_${value}`);
  return key ? text(key) : '';
}

/** A PFS status indicator's name and what it means for billing, or null for a value we do not describe. */
export function statusMeaning(text: Text, status: string): { label: string; billing: string } | null {
  const label = messageKey(`meaningStatus_${status}_label`);
  const billing = messageKey(`meaningStatus_${status}_billing`);
  if (!label || !billing || !text(label)) return null;
  return { label: text(label), billing: text(billing) };
}
