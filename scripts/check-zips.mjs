// Fails when an extension zip exceeds the size budget (the bundle must stay compact).
import { readdirSync, statSync } from 'node:fs';
const LIMIT = 3 * 1024 * 1024;
const zips = readdirSync('.output').filter((f) => /-(chrome|firefox)\.zip$/.test(f));
if (zips.length < 2) throw new Error(`expected the chrome and firefox zips in .output, found: ${zips.join(', ') || 'none'}`);
let over = false;
for (const z of zips) {
  const size = statSync(`.output/${z}`).size;
  console.log(`${z}: ${(size / 1024 / 1024).toFixed(2)} MB (limit 3 MB)`);
  if (size > LIMIT) over = true;
}
if (over) process.exit(1);
