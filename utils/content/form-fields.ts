// Read-only help for form fields: hovering or focusing an input whose whole value is a code shows its card.
// The field's value is only read, never written.
import { findCodes } from '../detect';
import type { CardTarget, HoverCard } from './hover-card';

export function codeInFieldValue(value: string): { code: string; modifiers: string[]; token: string } | null {
  const v = value.trim();
  if (v.length < 5 || v.length > 20) return null;
  const [m] = findCodes(v);
  if (!m || m.start !== 0 || m.spanEnd !== v.length) return null;
  return { code: m.code, modifiers: m.modifiers, token: v };
}

function fieldTarget(el: EventTarget | null): CardTarget | null {
  if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return null;
  if (el instanceof HTMLInputElement && !['text', 'search', ''].includes(el.type)) return null;
  const found = codeInFieldValue(el.value);
  return found ? { ...found, reference: el } : null;
}

export function watchFormFields(card: HoverCard, isKnown: (code: string) => Promise<boolean>, signal: AbortSignal): void {
  const show = async (e: Event, delay: number) => {
    const target = fieldTarget(e.target);
    if (!target || !(await isKnown(target.code))) return;
    card.openSoon(target, delay);
  };
  document.addEventListener('focusin', (e) => void show(e, 0), { signal });
  document.addEventListener('pointerover', (e) => void show(e, 300), { signal });
  document.addEventListener('focusout', (e) => fieldTarget(e.target) && card.leave(), { signal });
  document.addEventListener('pointerout', (e) => fieldTarget(e.target) && card.leave(), { signal });
}
