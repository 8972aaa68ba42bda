import { describe, expect, it } from 'vitest';
import { buildDatasetFromSources } from '../data/build';
import { cmsFolder } from '../tests/fixtures/cms';
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
const alabama = ds.localities.find((l) => l.id === '10112-00')!;

describe('the card model', () => {
  it('99213: status, RVUs, national and locality payment, global, MUE, change history, release and AMA notice', () => {
    const card = buildCard({ code: '99213', modifiers: ['25'], entry: entry('99213'), release, locality: alabama, setting: 'nonFacility' });
    expect(card).toMatchObject({
      title: '99213-25',
      category: 'CPT Category I',
      section: 'Evaluation and Management',
      descriptor: 'Fixture established visit',
      known: true,
    });
    expect(card.status).toEqual({ code: 'A', label: 'Active', billing: 'Paid separately under the physician fee schedule, if covered.' });
    expect(card.rvus).toMatchObject({
      work: 1.3,
      peNonFacility: 1.46,
      peFacility: 0.33,
      mp: 0.09,
      totalNonFacility: 2.85,
      totalFacility: 1.72,
    });
    expect(card.payment).toEqual({
      nationalNonFacility: 95.19,
      nationalFacility: 57.45,
      locality: { name: 'ALABAMA (AL)', nonFacility: 87.27, facility: 54.25 },
      usedForPayment: true,
    });
    // facility by hand: (1.30×0.988 + 0.33×0.875 + 0.09×0.566) × 33.4009 = 1.62409 × 33.4009 = 54.246 → $54.25
    expect(card.global!.days).toBe('XXX');
    expect(card.mue).toMatchObject({ units: 2 });
    expect(card.changes).toEqual(['PE non-facility 1.35 → 1.46 in RVU26B (April 2026)']);
    expect(card.release).toBe('RVU26C (July 2026), released 2026-06-30');
    expect(card.notice).toMatch(/American Medical Association/);
  });

  it('a 26 modifier selects the professional-component row', () => {
    const card = buildCard({ code: '71046', modifiers: ['26'], entry: entry('71046'), release, locality: null, setting: 'nonFacility' });
    expect(card.row).toBe('26 row');
    expect(card.rvus).toMatchObject({ work: 0.21, totalNonFacility: 0.3 });
    const global = buildCard({ code: '71046', modifiers: [], entry: entry('71046'), release, locality: null, setting: 'nonFacility' });
    expect(global.rvus!.totalNonFacility).toBe(0.99);
    expect(global.caveats.join(' ')).toMatch(/Components: 26 0\.30 RVUs/);
    expect(global.caveats.join(' ')).toMatch(/NA in the facility setting/);
  });

  it('indicator caveats: endoscopic family and the assistant-at-surgery restriction', () => {
    const card = buildCard({ code: '45380', modifiers: [], entry: entry('45380'), release, locality: null, setting: 'facility' });
    expect(card.caveats).toContain('Endoscopic family: base code 45378.');
    expect(card.caveats).toContain('Multiple endoscopy rules apply within the same endoscopic family (see the endoscopic base code).');
    expect(card.caveats).toContain('Assistant at surgery (80/82) may not be paid (statutory restriction).');
    expect(card.global!.meaning).toMatch(/Endoscopic or minor procedure/);
  });

  it('Level II: the full CMS descriptor, status E with its billing meaning and the coverage code', () => {
    const card = buildCard({ code: 'J1100', modifiers: [], entry: entry('J1100'), release, locality: null, setting: 'nonFacility' });
    expect(card.descriptor).toBe('Injection, dexamethasone sodium phosphate, 1 mg');
    expect(card.status!.label).toBe('Excluded by regulation');
    expect(card.payment!.usedForPayment).toBe(false);
    expect(card.mue!.units).toBe(120);
    expect(card.caveats).toContain('Coverage D: Special coverage instructions apply.');
  });

  it('an F/T/U shape the release does not know says so', () => {
    const card = buildCard({ code: '0999T', modifiers: [], entry: null, release, locality: null, setting: 'nonFacility' });
    expect(card.known).toBe(false);
    expect(card.category).toBe('CPT Category III');
    expect(card.descriptor).toMatch(/not in the installed release \(RVU26C\)/);
    expect(card.caveats[0]).toMatch(/5 years/);
  });
});
