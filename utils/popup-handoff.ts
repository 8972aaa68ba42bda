// The code a card asked the popup to open. Session storage: extension pages and the worker only
// (content scripts cannot reach it), and gone when the browser closes.
import { storage } from 'wxt/utils/storage';

export const popupCodeItem = storage.defineItem<string | null>('session:popupCode', { fallback: null });

/** Text selected on a page and sent to the popup's search by the context menu. */
export const popupQueryItem = storage.defineItem<string | null>('session:popupQuery', { fallback: null });
