// Benchmark pages, generated (seeded) into a temp folder: nothing is downloaded.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { claimsTableHtml } from './generate.mjs';

export function churnHtml(): string {
  // Plain DOM (no framework) so the page's own cost stays small next to ours: 500 rows replaced every 100 ms.
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Churn</title></head><body><h1>Live worklist</h1>
<table><thead><tr><th>Claim</th><th>CPT</th><th>ZIP</th><th>Billed</th></tr></thead><tbody id="rows"></tbody></table>
<script>
const CODES = ['99213','99214','93000','J1100','G0439','71046','3074F','0657T'];
let tick = 0;
function render() {
  const tb = document.getElementById('rows');
  const rows = [];
  for (let i = 0; i < 500; i++) rows.push('<tr><td>' + (100000 + tick * 500 + i) + '</td><td>' + CODES[(tick + i) % CODES.length] + '</td><td>IL 6' + String(2000 + i).padStart(4, '0') + '</td><td>$' + (i % 300) + '.00</td></tr>');
  tb.innerHTML = rows.join('');
  tick++;
}
render();
window.__churn = { start() { this.t = setInterval(render, 100); }, stop() { clearInterval(this.t); }, get ticks() { return tick; } };
</script></body></html>`;
}

export function hoverHtml(): string {
  const rows = Array.from(
    { length: 120 },
    (_, i) => `<tr><td>${['99213', '93000', 'J1100', '71046', 'G0439', '27447'][i % 6]}</td><td>line ${i}</td></tr>`,
  ).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hover</title><style>td{padding:6px 10px;font:16px system-ui}</style></head><body><table><thead><tr><th>CPT</th><th>Note</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
}

export function writeBenchPages(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'claims.html'), claimsTableHtml(10_000, 7));
  writeFileSync(join(dir, 'churn.html'), churnHtml());
  writeFileSync(join(dir, 'hover.html'), hoverHtml());
}
