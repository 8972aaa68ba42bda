// npm start: build CPT Lens, serve the demo EHR page on 127.0.0.1, and open Chromium with the extension loaded.
import { execSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extensionFlags, QUIET_FLAGS } from './chromium-flags.mjs';
import { startStaticServer } from './static-server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = resolve(import.meta.dirname ?? '.', '..');

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const root_ = process.getuid?.() === 0;
  console.log(`Chromium is not at ${CHROMIUM}; installing it from Debian (apt-get install -y chromium)...`);
  try {
    execSync(`${root_ ? '' : 'sudo '}apt-get update -qq && ${root_ ? '' : 'sudo '}apt-get install -y -qq chromium`, { stdio: 'inherit' });
  } catch {
    console.error(
      'Could not install Chromium. Install it with:  sudo apt-get install -y chromium  (or set CHROMIUM_PATH), then run npm start again.',
    );
    process.exit(1);
  }
}

ensureChromium();
execSync('npm run build', { stdio: 'inherit', cwd: root });
const { url } = await startStaticServer([['/demo/', join(root, 'demo')]], Number(process.env.PORT ?? 5178));
const ext = join(root, '.output/chrome-mv3');
const demo = `${url}/demo/ehr.html`;
const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
if (headless) {
  console.log('\nNo display here (DISPLAY is not set), so Chromium runs headless: the demo page is served, but no window can open.');
  console.log('On a desktop, run npm start there; or set DISPLAY (e.g. under Xvfb) to see the window.');
}
const args = [
  `--user-data-dir=${mkdtempSync(join(tmpdir(), 'cpt-lens-'))}`,
  ...extensionFlags(ext),
  ...QUIET_FLAGS,
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ...(headless ? ['--headless', '--disable-gpu', '--remote-debugging-port=0'] : []),
  demo,
];
console.log(`\nCPT Lens demo EHR page: ${demo}\nChromium: ${CHROMIUM} with ${ext}\nPress Ctrl+C to stop.`);
const child = spawn(CHROMIUM, args, { stdio: headless ? 'ignore' : 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
process.on('SIGINT', () => child.kill());
