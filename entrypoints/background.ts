import { bundledDatasetSource } from '../utils/bundled-source';
import { LensDb } from '../utils/db';
import { createLensService } from '../utils/lens-service';
import { checkSender, messaging, validateLookup, validatePinAdd, validatePinRemove, validateSearch } from '../utils/messaging';

export default defineBackground(() => {
  const service = createLensService(new LensDb(), bundledDatasetSource());
  const own = browser.runtime.id;

  // MV3: every listener is registered synchronously here, at the worker's top level,
  // so a message that wakes the worker finds its handler.
  browser.runtime.onInstalled.addListener(() => {
    // Seed (or re-seed after an update that ships a new release) right away.
    service.whenReady().catch((e: unknown) => console.error('CPT Lens: dataset install failed', e));
  });
  messaging.onMessage('lookup', ({ sender, data }) => {
    checkSender(sender, own);
    return service.lookup(validateLookup(data).codes);
  });
  messaging.onMessage('search', ({ sender, data }) => {
    checkSender(sender, own);
    const { query, limit } = validateSearch(data);
    return service.search(query, limit);
  });
  messaging.onMessage('status', ({ sender }) => {
    checkSender(sender, own);
    return service.status();
  });
  messaging.onMessage('pinsList', ({ sender }) => {
    checkSender(sender, own);
    return service.pinsList();
  });
  messaging.onMessage('pinAdd', ({ sender, data }) => {
    checkSender(sender, own);
    return service.pinAdd(validatePinAdd(data));
  });
  messaging.onMessage('pinRemove', ({ sender, data }) => {
    checkSender(sender, own);
    return service.pinRemove(validatePinRemove(data).id);
  });
});
