// Gives the page the main thread between two slices of CPT Lens work.

// One channel for every yield: each message sent resolves the oldest waiting yield. (One onmessage handler per
// yield would let a second, concurrent yield replace the first one's, and the first would never resolve.)
const channel = typeof MessageChannel === 'function' ? new MessageChannel() : null;
const waiting: (() => void)[] = [];
if (channel) channel.port1.onmessage = () => waiting.shift()?.();

/**
 * scheduler.yield() where the browser has it; otherwise a message-channel hop, which (unlike setTimeout) is not
 * clamped to 4 ms when nested. The scanner's walk and its marking yield concurrently.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  if (!channel) return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}
