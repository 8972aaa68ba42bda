import { bundledDatasetSource } from '../utils/bundled-source';
import { LensDb } from '../utils/db';
import { text } from '../utils/i18n';
import { createLensService } from '../utils/lens-service';
import {
  checkSender,
  messaging,
  validateLocality,
  validateCode,
  validateLookup,
  validateOpenPopup,
  validatePinAdd,
  validatePinRemove,
  validatePinUpdate,
  validateIds,
  validatePins,
  validateCount,
  validateSearch,
} from '../utils/messaging';
import { createLookupMenu, onLookupMenuClick } from '../utils/context-menu';
import { popupCodeItem } from '../utils/popup-handoff';

export default defineBackground(() => {
  const service = createLensService(new LensDb(), bundledDatasetSource(), text);
  const own = browser.runtime.id;

  // MV3: every listener is registered synchronously here, at the worker's top level,
  // so a message that wakes the worker finds its handler.
  browser.runtime.onInstalled.addListener(() => {
    createLookupMenu();
    // Seed (or re-seed after an update that ships a new release) right away.
    service.whenReady().catch((e: unknown) => console.error('CPT Lens: dataset install failed', e));
  });
  messaging.onMessage('pinUpdate', ({ sender, data }) => {
    checkSender(sender, own);
    const { id, ...changes } = validatePinUpdate(data);
    return service.pinUpdate(id, changes);
  });
  messaging.onMessage('pinsReorder', ({ sender, data }) => {
    checkSender(sender, own);
    return service.pinsReorder(validateIds(data).ids);
  });
  messaging.onMessage('pinsClear', ({ sender }) => {
    checkSender(sender, own);
    return service.pinsClear();
  });
  messaging.onMessage('pinsRestore', ({ sender, data }) => {
    checkSender(sender, own);
    return service.pinsRestore(validatePins(data).pins);
  });
  messaging.onMessage('pageCount', async ({ sender, data }) => {
    checkSender(sender, own);
    const { count } = validateCount(data);
    // Only the top frame's count is shown; frames report their own codes to their own popup list.
    if (sender.tab?.id === undefined || sender.frameId !== 0) return;
    await browser.action.setBadgeText({ tabId: sender.tab.id, text: count > 0 ? String(count > 999 ? '999+' : count) : '' });
    await browser.action.setBadgeBackgroundColor({ tabId: sender.tab.id, color: '#1d4ed8' });
  });
  messaging.onMessage('locality', ({ sender, data }) => {
    checkSender(sender, own);
    return service.locality(validateLocality(data).id);
  });
  messaging.onMessage('localities', ({ sender }) => {
    checkSender(sender, own);
    return service.localities();
  });
  messaging.onMessage('openPopup', async ({ sender, data }) => {
    checkSender(sender, own);
    await popupCodeItem.setValue(validateOpenPopup(data).code);
    try {
      await browser.action.openPopup();
      return true;
    } catch {
      return false; // no focused window, or the browser refuses: the card tells the user to click the button
    }
  });
  browser.contextMenus.onClicked.addListener((info) => void onLookupMenuClick(info));
  browser.commands.onCommand.addListener((command) => {
    if (command !== 'next-code' && command !== 'previous-code') return;
    void (async () => {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (tab?.id === undefined) return;
      await messaging
        .sendMessage('navigateCode', { direction: command === 'next-code' ? 1 : -1 }, { tabId: tab.id, frameId: 0 })
        .catch(() => false);
    })();
  });
  messaging.onMessage('lookup', ({ sender, data }) => {
    checkSender(sender, own);
    return service.lookup(validateLookup(data).codes);
  });
  messaging.onMessage('codeList', ({ sender }) => {
    checkSender(sender, own);
    return service.codeList();
  });
  messaging.onMessage('search', ({ sender, data }) => {
    checkSender(sender, own);
    const { query, limit, category } = validateSearch(data);
    return service.search(query, limit, category);
  });
  messaging.onMessage('recentList', ({ sender }) => {
    checkSender(sender, own);
    return service.recentList();
  });
  messaging.onMessage('recentAdd', ({ sender, data }) => {
    checkSender(sender, own);
    return service.recentAdd(validateCode(data, 'recentAdd').code);
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
