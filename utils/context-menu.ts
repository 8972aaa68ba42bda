// "Look up in CPT Lens" on a text selection: the popup opens searching for the selected text.
import { popupQueryItem } from './popup-handoff';

export const LOOKUP_MENU_ID = 'cpt-lens-lookup';

/** Creates the menu item; called on install (menu items persist across worker restarts). */
export function createLookupMenu(): void {
  browser.contextMenus.create({ id: LOOKUP_MENU_ID, title: browser.i18n.getMessage('lookUp'), contexts: ['selection'] });
}

/** The menu's click: hands the selection (trimmed, at most 200 characters, as search takes) to the popup. */
export async function onLookupMenuClick(info: { menuItemId: string | number; selectionText?: string }): Promise<void> {
  if (info.menuItemId !== LOOKUP_MENU_ID || !info.selectionText?.trim()) return;
  await popupQueryItem.setValue(info.selectionText.trim().slice(0, 200));
  // Without a focused window the browser refuses; the text then waits for the next popup opened.
  await browser.action.openPopup().catch(() => undefined);
}
