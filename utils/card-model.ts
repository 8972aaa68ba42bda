// What a code's card says, computed from the dataset record. Pure, so the hover card and the popup share it.
import { selfEvidentCategory } from '../data/categories';
import type { CodeRecord, PfsValues } from '../data/dataset';
import type { Locality } from '../data/gpci';
import { meaningOf, statusMeaning, type Text } from '../data/meanings';
import { localityPayment, nationalPayment, type Setting } from '../data/pricing';
import { releaseLabel } from '../data/release';
import type { CodeEntry } from './dataset-store';
import type { ReleaseBrief } from './messaging';

export interface CardModel {
  title: string;
  code: string;
  modifiers: string[];
  category: string;
  section: string;
  known: boolean;
  descriptor: string;
  descriptorSource: string;
  status: { code: string; label: string; billing: string } | null;
  /** Which PPRRVU row the figures come from, when a modifier selects one (26, TC, 53). */
  row: string;
  rvus: {
    work: number;
    peNonFacility: number;
    peNonFacilityNa: boolean;
    peFacility: number;
    peFacilityNa: boolean;
    mp: number;
    totalNonFacility: number;
    totalFacility: number;
  } | null;
  payment: {
    nationalNonFacility: number;
    nationalFacility: number;
    locality: { name: string; nonFacility: number; facility: number } | null;
    usedForPayment: boolean;
  } | null;
  global: { days: string; meaning: string } | null;
  caveats: string[];
  mue: { units: number; meaning: string; rationale: string } | null;
  changes: string[];
  release: string;
  notice: string;
}

// The fields whose changes between releases a coder reads; each one's name is the message field<Name>.
const CHANGE_FIELDS = new Set<keyof PfsValues>([
  'status',
  'workRvu',
  'nonFacilityPeRvu',
  'facilityPeRvu',
  'mpRvu',
  'globalDays',
  'description',
  'pcTc',
  'multipleProcedure',
  'bilateralSurgery',
  'assistantSurgery',
  'coSurgeons',
  'teamSurgery',
]);

const show = (v: string | number, text: Text) => (typeof v === 'number' ? v.toFixed(2) : v || text('cardBlankValue'));

/** "PE non-facility 1.35 → 1.46 in RVU26A" lines, newest first, for the fields a coder reads. */
export function describeChanges(rec: CodeRecord, currentId: string, allReleases: string[], text: Text): string[] {
  if (!rec.pfs) return [];
  const order = [...allReleases, currentId];
  const nextAfter = (id: string) => order[order.indexOf(id) + 1] ?? currentId;
  const lines: string[] = [];
  const byField = new Map<keyof PfsValues, CodeRecord['history']>();
  for (const h of rec.history) byField.set(h.field, [...(byField.get(h.field) ?? []), h]);
  const events: { release: string; text: string }[] = [];
  for (const [field, entries] of byField) {
    if (!CHANGE_FIELDS.has(field)) continue;
    const label = text(`field${field[0]!.toUpperCase()}${field.slice(1)}`);
    // entries are newest first; each holds the older value, which changed in the next release.
    let newer: string | number = rec.pfs[field];
    for (const h of [...entries].sort((a, b) => order.indexOf(b.release) - order.indexOf(a.release))) {
      const when = nextAfter(h.release);
      events.push({
        release: when,
        text: text('cardChange', label, show(h.value, text), show(newer, text), when, releaseLabel(when, text)),
      });
      newer = h.value;
    }
  }
  events.sort((a, b) => order.indexOf(b.release) - order.indexOf(a.release));
  for (const e of events) lines.push(e.text);
  if (rec.firstSeen && rec.firstSeen !== order[0]) lines.push(text('cardNewIn', rec.firstSeen, releaseLabel(rec.firstSeen, text)));
  return lines;
}

export interface CardInput {
  code: string;
  modifiers: string[];
  entry: CodeEntry | null;
  release: ReleaseBrief;
  locality: Locality | null;
  setting: Setting;
  /** The message reader: browser.i18n in the extension. */
  text: Text;
}

export function buildCard(input: CardInput): CardModel {
  const { code, modifiers, entry, release, text } = input;
  const title = [code, ...modifiers].join('-');
  const releaseLine = release.releasedDate
    ? text('cardReleaseLine', release.id, releaseLabel(release.id, text), release.releasedDate)
    : text('cardReleaseLineUndated', release.id, releaseLabel(release.id, text));
  const amaNotice = release.amaNotice || text('cardAmaFallback');
  const categoryNote = (c: string) =>
    c === 'cpt3' ? text('noteCategory3') : c === 'pla' ? text('notePla') : c === 'cpt2' ? text('noteCategory2') : '';
  if (!entry) {
    const shape = selfEvidentCategory(code);
    return {
      title,
      code,
      modifiers,
      category: shape ? text(`category_${shape}`) : text('cardUnknownCategory'),
      section: '',
      known: false,
      descriptor: text('cardNotInRelease', code, release.id),
      descriptorSource: '',
      status: null,
      row: '',
      rvus: null,
      payment: null,
      global: null,
      caveats: [categoryNote(shape ?? '')].filter(Boolean),
      mue: null,
      changes: [],
      release: releaseLine,
      notice: amaNotice,
    };
  }
  const base = entry.base;
  // A 26/TC/53 modifier selects that PPRRVU row when CMS gives one.
  const componentMod = modifiers.find((m) => entry.components.some((c) => c.modifier === m));
  const rowRec = componentMod ? entry.components.find((c) => c.modifier === componentMod)! : base;
  const pfs = rowRec.pfs;
  const isLevel2 = base.category === 'level2';
  const caveats: string[] = [];
  const note = categoryNote(base.category);
  if (note) caveats.push(note);
  if (pfs) {
    const pctc = meaningOf(text, 'PcTc', pfs.pcTc);
    if (pctc && pfs.pcTc !== '9' && pfs.pcTc !== '0') caveats.push(text('cardIndicatorCaveat', text('indicatorPcTc'), pfs.pcTc, pctc));
    if (pfs.pcTc === '1' && entry.components.length > 0 && !componentMod) {
      const parts = entry.components.map((c) => text('cardComponentRvus', c.modifier, c.pfs ? c.pfs.nonFacilityTotal.toFixed(2) : '?'));
      caveats.push(text('cardComponents', parts.join(', ')));
    }
    for (const [value, table] of [
      [pfs.multipleProcedure, 'Multiple'],
      [pfs.bilateralSurgery, 'Bilateral'],
      [pfs.assistantSurgery, 'Assistant'],
      [pfs.coSurgeons, 'CoSurgeons'],
      [pfs.teamSurgery, 'Team'],
    ] as const) {
      const meaning = value !== '9' && value !== '0' ? meaningOf(text, table, value) : '';
      if (meaning) caveats.push(meaning);
    }
    if (pfs.endoscopicBase) caveats.push(text('cardEndoscopicFamily', pfs.endoscopicBase));
    const supervision =
      pfs.physicianSupervision && pfs.physicianSupervision !== '09' ? meaningOf(text, 'Supervision', pfs.physicianSupervision) : '';
    if (supervision) caveats.push(text('cardIndicatorCaveat', text('indicatorSupervision'), pfs.physicianSupervision, supervision));
    if (pfs.nonFacilityNa === 'NA') caveats.push(text('cardNaNonFacility'));
    if (pfs.facilityNa === 'NA') caveats.push(text('cardNaFacility'));
    if (pfs.notUsedForMedicare === '+') caveats.push(text('cardNotUsedForMedicare'));
  }
  const coverage = base.level2?.coverageCode ? meaningOf(text, 'Coverage', base.level2.coverageCode) : '';
  if (coverage) caveats.push(text('cardIndicatorCaveat', text('indicatorCoverage'), base.level2!.coverageCode, coverage));
  if (base.level2?.terminationDate) caveats.push(text('cardTerminated', base.level2.terminationDate));

  const usedForPayment = pfs ? ['A', 'R', 'T'].includes(pfs.status) && pfs.notUsedForMedicare !== '+' : false;
  const cf = pfs?.conversionFactor || release.conversionFactor;
  const st = pfs ? statusMeaning(text, pfs.status) : null;
  return {
    title,
    code,
    modifiers,
    category: text(`category_${base.category}`),
    section: [base.section, base.subsection].filter(Boolean).join(' · '),
    known: true,
    descriptor:
      isLevel2 && base.longDescriptor ? base.longDescriptor : rowRec.shortDescriptor || base.shortDescriptor || base.longDescriptor,
    descriptorSource: isLevel2 ? text('cardSourceLevel2') : text('cardSourceShort'),
    status: pfs ? { code: pfs.status, label: st?.label ?? pfs.status, billing: st?.billing ?? '' } : null,
    row: componentMod ? text('cardRow', componentMod) : '',
    rvus: pfs
      ? {
          work: pfs.workRvu,
          peNonFacility: pfs.nonFacilityPeRvu,
          peNonFacilityNa: pfs.nonFacilityNa === 'NA',
          peFacility: pfs.facilityPeRvu,
          peFacilityNa: pfs.facilityNa === 'NA',
          mp: pfs.mpRvu,
          totalNonFacility: pfs.nonFacilityTotal,
          totalFacility: pfs.facilityTotal,
        }
      : null,
    payment: pfs
      ? {
          nationalNonFacility: nationalPayment(pfs, 'nonFacility', cf),
          nationalFacility: nationalPayment(pfs, 'facility', cf),
          locality: input.locality
            ? {
                name: `${input.locality.name} (${input.locality.state})`,
                nonFacility: localityPayment(pfs, input.locality, 'nonFacility', cf),
                facility: localityPayment(pfs, input.locality, 'facility', cf),
              }
            : null,
          usedForPayment,
        }
      : null,
    global: pfs ? { days: pfs.globalDays, meaning: meaningOf(text, 'Global', pfs.globalDays) } : null,
    caveats,
    mue: base.mue
      ? {
          units: base.mue.units,
          meaning: meaningOf(text, 'Mue', base.mue.adjudicationIndicator) || base.mue.adjudicationText,
          rationale: base.mue.rationale,
        }
      : null,
    changes: describeChanges(rowRec, release.id, release.historyIds, text),
    release: releaseLine,
    // The AMA notice shows on every card (the dataset carries CPT content); D codes add the ADA's.
    notice: base.code.startsWith('D') && isLevel2 ? text('cardDentalNotice', amaNotice) : amaNotice,
  };
}
