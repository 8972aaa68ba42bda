import { describe, expect, it } from 'vitest';
import { buildDatasetFromSources } from '../data/build';
import { cmsFolder } from '../tests/fixtures/cms';
import messages from '../public/_locales/en/messages.json';
import { english } from '../tests/english';
import { buildCard } from './card-model';
import type { CodeEntry } from './dataset-store';
import type { ReleaseBrief } from './messaging';

const files = cmsFolder();
const ds = buildDatasetFromSources((p) => files[p] ?? null);
const release: ReleaseBrief = { ...ds.release, historyIds: ds.release.history.map((h) => h.id) };
const entry = (code: string): CodeEntry => {
  const rows = ds.codes.filter((c) => c.code === code);
  return { base: rows.find((r) => r.modifier === '')!, components: rows.filter((r) => r.modifier !== '') };
};
const north = ds.localities.find((l) => l.id === '90001-01')!;

describe('the card model', () => {
  it('99213: status, RVUs, national and locality payment, global, MUE, change history, release and AMA notice', () => {
    const card = buildCard({
      code: '99213',
      modifiers: ['25'],
      entry: entry('99213'),
      release,
      locality: north,
      setting: 'nonFacility',
      text: english,
    });
    expect(card).toMatchObject({
      title: '99213-25',
      category: 'CPT Category I',
      section: 'Evaluation and Management',
      descriptor: 'Fixture established visit',
      known: true,
    });
    expect(card.status).toEqual({ code: 'A', label: 'Active', billing: 'Paid separately under the physician fee schedule, if covered.' });
    expect(card.rvus).toMatchObject({
      work: 1,
      peNonFacility: 2,
      peFacility: 0.5,
      mp: 0.1,
      totalNonFacility: 3.1,
      totalFacility: 1.6,
    });
    // national: 3.10 × 30 = 93.00, 1.60 × 30 = 48.00; North: 2.95 × 30 = 88.50 and 1.60 × 30 = 48.00 (see the quick-list test)
    expect(card.payment).toEqual({
      nationalNonFacility: 93,
      nationalFacility: 48,
      locality: { name: 'FIXTURE NORTH (ZA)', nonFacility: 88.5, facility: 48 },
      usedForPayment: true,
    });
    expect(card.global!.days).toBe('XXX');
    expect(card.mue).toMatchObject({ units: 2 });
    expect(card.changes).toEqual(['PE non-facility 1.80 → 2.00 in RVU26B (April 2026)']);
    expect(card.release).toBe('RVU26C (July 2026), released 2026-06-30');
    expect(card.notice).toBe('Fixture notice: CPT content in this test file belongs to the American Medical Association.');
  });

  it('a 26 modifier selects the professional-component row', () => {
    const card = buildCard({
      code: '71046',
      modifiers: ['26'],
      entry: entry('71046'),
      release,
      locality: null,
      setting: 'nonFacility',
      text: english,
    });
    expect(card.row).toBe('26 row');
    expect(card.rvus).toMatchObject({ work: 0.2, totalNonFacility: 0.35 });
    const global = buildCard({
      code: '71046',
      modifiers: [],
      entry: entry('71046'),
      release,
      locality: null,
      setting: 'nonFacility',
      text: english,
    });
    expect(global.rvus!.totalNonFacility).toBe(1);
    expect(global.caveats.join(' ')).toMatch(/Components: 26 0\.35 RVUs/);
    expect(global.caveats.join(' ')).toMatch(/NA in the facility setting/);
  });

  it('indicator caveats: endoscopic family and the assistant-at-surgery restriction', () => {
    const card = buildCard({
      code: '45380',
      modifiers: [],
      entry: entry('45380'),
      release,
      locality: null,
      setting: 'facility',
      text: english,
    });
    expect(card.caveats).toContain('Endoscopic family: base code 45378.');
    expect(card.caveats).toContain('Multiple endoscopy rules apply within the same endoscopic family (see the endoscopic base code).');
    expect(card.caveats).toContain('Assistant at surgery (80/82) may not be paid (statutory restriction).');
    expect(card.global!.meaning).toMatch(/Endoscopic or minor procedure/);
  });

  it('Level II: the full CMS descriptor, status E with its billing meaning and the coverage code', () => {
    const card = buildCard({
      code: 'J1100',
      modifiers: [],
      entry: entry('J1100'),
      release,
      locality: null,
      setting: 'nonFacility',
      text: english,
    });
    expect(card.descriptor).toBe('Injection, fixture drug, 1 mg');
    expect(card.status!.label).toBe('Excluded by regulation');
    expect(card.payment!.usedForPayment).toBe(false);
    expect(card.mue!.units).toBe(120);
    expect(card.caveats).toContain('Coverage D: Special coverage instructions apply.');
  });

  it('an F/T/U shape the release does not know says so', () => {
    const card = buildCard({ code: '0999T', modifiers: [], entry: null, release, locality: null, setting: 'nonFacility', text: english });
    expect(card.known).toBe(false);
    expect(card.category).toBe('CPT Category III');
    expect(card.descriptor).toMatch(/not in the installed release \(RVU26C\)/);
    expect(card.caveats[0]).toMatch(/5 years/);
  });
});

describe('the card model and browser.i18n', () => {
  // Every word the card adds comes through the message reader: with one that returns «key|substitutions»,
  // no English may be left in the card's own text (descriptors, notices and figures are data).
  const marker = (key: string, ...subs: string[]) => `«${key}${subs.length ? `|${subs.join('|')}` : ''}»`;
  const own = (c: ReturnType<typeof buildCard>) =>
    [
      c.category,
      c.descriptorSource,
      c.status?.label,
      c.status?.billing,
      c.row,
      c.global?.meaning,
      c.mue?.meaning,
      c.release,
      ...c.caveats,
      ...c.changes,
    ].filter((s): s is string => !!s);
  it.each([
    ['99213', ['25']],
    ['71046', []],
    ['71046', ['26']],
    ['45380', []],
    ['J1100', []],
  ] as const)('%s %j: every label and sentence is a message', (code, modifiers) => {
    const card = buildCard({
      code,
      modifiers: [...modifiers],
      entry: entry(code),
      release,
      locality: north,
      setting: 'facility',
      text: marker,
    });
    const strings = own(card);
    expect(strings.length).toBeGreaterThan(3);
    for (const s of strings) expect(s, s).toMatch(/^«[A-Za-z0-9_]+(\|.*)?»$/s);
  });
  it('an unknown code: category, descriptor and caveat are messages too', () => {
    const card = buildCard({ code: '0999T', modifiers: [], entry: null, release, locality: null, setting: 'facility', text: marker });
    expect(card.category).toBe('«category_cpt3»');
    expect(card.descriptor).toBe(`«cardNotInRelease|0999T|${release.id}»`);
    expect(card.caveats).toEqual(['«noteCategory3»']);
  });
  it('every message that takes substitutions declares them', () => {
    for (const [key, m] of Object.entries(messages as Record<string, { message: string; placeholders?: Record<string, unknown> }>)) {
      const used = new Set(m.message.match(/\$\d/g) ?? []);
      expect(Object.keys(m.placeholders ?? {}).length, key).toBeGreaterThanOrEqual(used.size);
    }
  });
});
