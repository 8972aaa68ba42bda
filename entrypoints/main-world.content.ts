import { serveScans } from '../utils/content/world-bridge';

// The page's own world, from before its scripts run: scans page text for the content script (see world-bridge.ts).
export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_start',
  world: 'MAIN',
  // No global variable: nothing of CPT Lens is left on the page's window.
  globalName: false,
  main() {
    serveScans(document);
  },
});
