import type { BundleManifest, DatasetSource } from './dataset-store';

/** The dataset bundled inside the extension package (public/data, built by `npm run data`). */
export function bundledDatasetSource(): DatasetSource {
  const url = (file: string) => browser.runtime.getURL(`/data/${file}` as '/data/manifest.json');
  return {
    async manifest() {
      const res = await fetch(url('manifest.json'));
      if (!res.ok) throw new Error(`CPT Lens: the bundled dataset manifest is missing (${res.status}); rebuild with npm run data`);
      return (await res.json()) as BundleManifest;
    },
    async bytes(manifest) {
      const res = await fetch(url(manifest.file));
      if (!res.ok) throw new Error(`CPT Lens: the bundled dataset is missing (${res.status}); rebuild with npm run data`);
      return new Uint8Array(await res.arrayBuffer());
    },
  };
}
