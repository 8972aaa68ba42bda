// Shows a code's card on hover (after an intent delay), on focus of a form field holding a code, or on a
// keyboard command. Meets WCAG 1.4.13: hoverable, dismissible with Esc, persistent until the pointer leaves.
import { autoUpdate, computePosition, flip, inline, offset, shift, size, type VirtualElement } from '@floating-ui/dom';
import { h, render } from 'preact';
import { CodeCard } from '../../components/CodeCard';
import type { Locality } from '../../data/gpci';
import type { Setting } from '../../data/pricing';
import { buildCard } from '../card-model';
import { t, text } from '../i18n';
import type { CodeEntry } from '../dataset-store';
import type { ReleaseBrief } from '../messaging';
import { liveRange, markAtPoint, sameMark, type PageMark } from './mark-store';
import { createUiHost, type UiHost } from './ui-host';

export const OPEN_DELAY_MS = 300;
export const CLOSE_DELAY_MS = 300;

export interface CardTarget {
  code: string;
  modifiers: string[];
  token: string;
  /** What the card is placed against: a range of page text or a form field. */
  reference: VirtualElement | Element;
  mark?: PageMark;
}

export interface HoverCardOptions {
  /** The marks of a text node, worked out from its text as it is now. */
  marksAt: (node: Node) => PageMark[];
  shadowRoots: () => ShadowRoot[];
  entryOf: (code: string) => Promise<CodeEntry | null>;
  /** The entry if this frame already has it: lets the card render without waiting a turn. */
  cachedEntry?: (code: string) => CodeEntry | null | undefined;
  /** Starts fetching a code's entry as the pointer arrives, so the card has it when the intent delay ends. */
  prefetch?: (code: string) => void;
  context: () => { release: ReleaseBrief | null; locality: Locality | null; setting: Setting; theme?: 'auto' | 'light' | 'dark' };
  actions: {
    pin(target: CardTarget): Promise<string>;
    copy(target: CardTarget): Promise<string>;
    openPopup(target: CardTarget): Promise<string>;
    notACode(target: CardTarget): Promise<void>;
  };
  signal: AbortSignal;
}

function rangeReference(range: Range): VirtualElement {
  return { getBoundingClientRect: () => range.getBoundingClientRect(), getClientRects: () => range.getClientRects() };
}

export function targetOfMark(mark: PageMark): CardTarget {
  return { code: mark.match.code, modifiers: mark.match.modifiers, token: mark.token, reference: rangeReference(liveRange(mark)), mark };
}

export class HoverCard {
  private readonly o: HoverCardOptions;
  private ui: UiHost | null = null;
  private current: CardTarget | null = null;
  private openTimer = 0;
  private closeTimer = 0;
  private pointerOnCard = false;
  private stopAutoUpdate: (() => void) | null = null;
  private returnFocus: HTMLElement | null = null;
  private message = '';
  private pointer = { x: 0, y: 0 };
  /** When the pointer reached its current position (the event's time): the intent delay counts from here. */
  private pointerAt = 0;
  private lastHitTest = -Infinity;
  private trailing = 0;
  private pendingMark: PageMark | null = null;

  constructor(options: HoverCardOptions) {
    this.o = options;
    const { signal } = options;
    document.addEventListener('pointermove', (e) => this.onPointerMove(e), { passive: true, signal });
    document.addEventListener('keydown', (e) => this.onKeyDown(e), { capture: true, signal });
    signal.addEventListener('abort', () => this.dispose(), { once: true });
  }

  get openCode(): string | null {
    return this.current?.token ?? null;
  }

  private onPointerMove(e: PointerEvent): void {
    this.pointer = { x: e.clientX, y: e.clientY };
    this.pointerAt = e.timeStamp;
    // Hit-test at most every 16 ms, on the event itself (a frame callback would add up to a frame of delay);
    // a skipped event is tested a little later, so the last position is never lost.
    const since = e.timeStamp - this.lastHitTest;
    if (since < 16) {
      clearTimeout(this.trailing);
      this.trailing = window.setTimeout(() => this.hitTest(performance.now()), 16 - since);
      return;
    }
    this.hitTest(e.timeStamp);
  }

  private hitTest(at: number): void {
    clearTimeout(this.trailing);
    this.lastHitTest = at;
    if (this.pointerOnCard) return;
    const mark = markAtPoint(this.o.marksAt, this.pointer.x, this.pointer.y, this.o.shadowRoots());
    // A test that ran late (throttled) still counts the delay from when the pointer arrived.
    if (mark) this.hoverMark(mark, this.pointerAt);
    else if (this.current?.mark) this.leave();
    else {
      clearTimeout(this.openTimer);
      this.pendingMark = null;
    }
  }

  private hoverMark(mark: PageMark, at: number): void {
    if (sameMark(this.current?.mark, mark)) {
      clearTimeout(this.closeTimer);
      return;
    }
    if (sameMark(this.pendingMark, mark)) return;
    this.pendingMark = mark;
    this.o.prefetch?.(mark.match.code);
    // The intent delay counts from when the pointer arrived, not from when we noticed.
    this.openSoon(targetOfMark(mark), Math.max(0, OPEN_DELAY_MS - (performance.now() - at)));
  }

  /** Opens after an intent delay unless the pointer or focus moves on first. */
  openSoon(target: CardTarget, delay: number): void {
    clearTimeout(this.closeTimer);
    if (this.current && this.current.reference === target.reference) return;
    clearTimeout(this.openTimer);
    this.openTimer = window.setTimeout(() => void this.open(target, { focus: false }), delay);
  }

  /** Pointer or focus left the code: close after a grace period unless it reaches the card. */
  leave(): void {
    clearTimeout(this.openTimer);
    if (!this.current || this.pointerOnCard) return;
    clearTimeout(this.closeTimer);
    this.closeTimer = window.setTimeout(() => this.close(), CLOSE_DELAY_MS);
  }

  /** Opens the card for a target now (keyboard command, focused field). */
  async open(target: CardTarget, { focus }: { focus: boolean }): Promise<void> {
    clearTimeout(this.openTimer);
    clearTimeout(this.closeTimer);
    this.pendingMark = null;
    if (this.o.signal.aborted) return;
    const entry = this.o.cachedEntry?.(target.code) ?? (await this.o.entryOf(target.code));
    const { release, locality, setting, theme } = this.o.context();
    if (!release) return;
    if (!this.ui) this.ui = this.createUi();
    this.ui.mount.dataset.theme = theme ?? 'auto';
    if (focus && !this.current) this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.current = target;
    this.message = '';
    this.renderCard(entry, release, locality, setting);
    this.place(target);
    if (focus) (this.ui.root.querySelector('.actions button') as HTMLElement | null)?.focus();
  }

  private createUi(): UiHost {
    const ui = createUiHost();
    ui.mount.addEventListener('pointerenter', () => {
      this.pointerOnCard = true;
      clearTimeout(this.closeTimer);
    });
    ui.mount.addEventListener('pointerleave', () => {
      this.pointerOnCard = false;
      this.leave();
    });
    ui.root.addEventListener('keydown', (e) => this.onKeyDown(e as KeyboardEvent));
    return ui;
  }

  private renderCard(entry: CodeEntry | null, release: ReleaseBrief, locality: Locality | null, setting: Setting): void {
    const target = this.current;
    if (!target || !this.ui) return;
    const model = buildCard({ code: target.code, modifiers: target.modifiers, entry, release, locality, setting, text });
    const say = (p: Promise<string>) =>
      p.then(
        (msg) => {
          this.message = msg;
          this.renderCard(entry, release, locality, setting);
        },
        (e: unknown) => {
          this.message = t('actionFailed', (e as Error).message);
          this.renderCard(entry, release, locality, setting);
        },
      );
    render(
      h(CodeCard, {
        model,
        statusMessage: this.message,
        actions: {
          onPin: () => void say(this.o.actions.pin(target)),
          onCopy: () => void say(this.o.actions.copy(target)),
          onOpenPopup: () => void say(this.o.actions.openPopup(target)),
          onNotACode: () => void this.o.actions.notACode(target).then(() => this.close()),
          onClose: () => this.close(),
        },
      }),
      this.ui.mount,
    );
  }

  private place(target: CardTarget): void {
    const floating = this.ui?.mount;
    if (!floating) return;
    Object.assign(floating.style, { position: 'fixed', top: '0px', left: '0px' });
    this.stopAutoUpdate?.();
    const update = async () => {
      const { x, y } = await computePosition(target.reference, floating, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          offset(6),
          inline({ x: this.pointer.x, y: this.pointer.y }),
          flip({ fallbackPlacements: ['top-start', 'bottom-end', 'top-end'] }),
          shift({ padding: 8 }),
          // Never taller than the room on the chosen side, so it never covers the code.
          size({
            padding: 8,
            apply: ({ availableHeight }) => {
              const card = floating.querySelector<HTMLElement>('.card');
              if (card) card.style.maxHeight = `${Math.max(140, Math.min(560, availableHeight))}px`;
            },
          }),
        ],
      });
      Object.assign(floating.style, { left: `${x}px`, top: `${y}px` });
    };
    // autoUpdate runs the first placement at once, and again on scroll, resize and layout changes.
    this.stopAutoUpdate = autoUpdate(target.reference, floating, () => void update(), { animationFrame: false });
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.current) {
      e.stopPropagation();
      this.close();
    }
  }

  close(): void {
    clearTimeout(this.openTimer);
    clearTimeout(this.closeTimer);
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    this.current = null;
    this.pointerOnCard = false;
    if (this.ui) render(null, this.ui.mount);
    const back = this.returnFocus;
    this.returnFocus = null;
    back?.focus();
  }

  dispose(): void {
    this.close();
    this.ui?.dispose();
    this.ui = null;
  }
}
