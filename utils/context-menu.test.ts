import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LOOKUP_MENU_ID, onLookupMenuClick } from './context-menu';
import { popupQueryItem } from './popup-handoff';

describe('the "Look up in CPT Lens" menu', () => {
  const openPopup = vi.fn(() => Promise.resolve());
  beforeEach(() => {
    fakeBrowser.reset();
    openPopup.mockClear();
    (fakeBrowser.action as unknown as { openPopup: typeof openPopup }).openPopup = openPopup;
  });
  it('hands the trimmed selection to the popup and opens it', async () => {
    await onLookupMenuClick({ menuItemId: LOOKUP_MENU_ID, selectionText: '  total knee arthroplasty \n' });
    expect(await popupQueryItem.getValue()).toBe('total knee arthroplasty');
    expect(openPopup).toHaveBeenCalledTimes(1);
  });
  it('caps the text at the 200 characters search accepts, and still hands it over when the popup is refused', async () => {
    openPopup.mockImplementationOnce(() => Promise.reject(new Error('no focused window')));
    await onLookupMenuClick({ menuItemId: LOOKUP_MENU_ID, selectionText: 'x'.repeat(500) });
    expect(await popupQueryItem.getValue()).toBe('x'.repeat(200));
  });
  it('ignores other menu items and empty selections', async () => {
    await onLookupMenuClick({ menuItemId: 'another', selectionText: '99213' });
    await onLookupMenuClick({ menuItemId: LOOKUP_MENU_ID, selectionText: '   ' });
    expect(await popupQueryItem.getValue()).toBeNull();
    expect(openPopup).not.toHaveBeenCalled();
  });
});
