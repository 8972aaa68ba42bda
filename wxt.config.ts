import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  manifestVersion: 3,
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'contextMenus'],
    action: { default_title: 'CPT Lens' },
    commands: {
      'next-code': { suggested_key: { default: 'Alt+Shift+N' }, description: 'Jump to the next code on the page and open its card' },
      'previous-code': {
        suggested_key: { default: 'Alt+Shift+P' },
        description: 'Jump to the previous code on the page and open its card',
      },
      _execute_action: { suggested_key: { default: 'Alt+Shift+L' }, description: 'Open the CPT Lens popup' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'cpt-lens@cptlens.example', strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    // The sources zip for Firefox review must not carry the generated CMS bundle.
    excludeSources: ['public/data/**'],
  },
});
