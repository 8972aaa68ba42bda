// web-ext lint on the Firefox build: fails on any error, and on any warning except the one AMO raises for
// Preact's dangerouslySetInnerHTML support (an innerHTML assignment in Preact's own diff, never used by CPT Lens).
import { execFileSync } from 'node:child_process';

const out = execFileSync('npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv3', '--output', 'json', '--no-config-discovery'], {
  encoding: 'utf8',
});
const report = JSON.parse(out.slice(out.indexOf('{')));
const preactInnerHtml = (w) => w.code === 'UNSAFE_VAR_ASSIGNMENT' && /innerHTML/.test(w.message);
const unexpected = report.warnings.filter((w) => !preactInnerHtml(w));
console.log(
  `web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings (${report.warnings.length - unexpected.length} from Preact's innerHTML path)`,
);
for (const e of [...report.errors, ...unexpected]) console.error(`${e.code}: ${e.message} (${e.file ?? ''})`);
if (report.errors.length > 0 || unexpected.length > 0) process.exit(1);
