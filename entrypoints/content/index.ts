import { startCptLens } from '../../utils/content/app';
import './highlights.css';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  main(ctx) {
    startCptLens(ctx.signal).catch((e: unknown) => {
      if (!ctx.isInvalid) console.warn('CPT Lens could not start on this page:', e);
    });
  },
});
