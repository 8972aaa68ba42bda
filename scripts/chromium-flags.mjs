// Flags for Debian's Chromium here: no background traffic (the network is closed) and the extension loaded.
export function extensionFlags(extensionPath) {
  return [`--disable-extensions-except=${extensionPath}`, `--load-extension=${extensionPath}`];
}

export const QUIET_FLAGS = [
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];
