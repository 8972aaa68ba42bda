// The one element CPT Lens adds to a page: a host outside the app's root, holding its UI in a shadow root.
import cardCss from '../../components/card.css?inline';

export interface UiHost {
  host: HTMLElement;
  root: ShadowRoot;
  mount: HTMLElement;
  dispose(): void;
}

export function createUiHost(doc: Document = document): UiHost {
  const host = doc.createElement('cpt-lens-ui');
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = cardCss;
  const mount = doc.createElement('div');
  mount.className = 'mount';
  root.append(style, mount);
  // On <html>, not <body>: single-page apps own their root element and may replace body's children.
  doc.documentElement.append(host);
  return { host, root, mount, dispose: () => host.remove() };
}
