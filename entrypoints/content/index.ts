import { markPage } from '../../utils/page-marks';
import { messaging } from '../../utils/messaging';
import './highlights.css';

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    markPage(document.body ?? document.documentElement, (codes) => messaging.sendMessage('lookup', { codes }), ctx.signal).catch(
      (e: unknown) => {
        if (!ctx.isInvalid) console.warn('CPT Lens could not mark this page:', e);
      },
    );
  },
});
