// What a code's card says, computed from the dataset record. Pure, so the hover card and the popup share it.
import { CATEGORY_LABELS } from '../data/categories';
import type { CodeRecord, PfsValues } from '../data/dataset';
import type { Locality } from '../data/gpci';
import * as M from '../data/meanings';
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

const FIELD_LABELS: Partial<Record<keyof PfsValues, string>> = {
  status: 'Status',
  workRvu: 'Work RVU',
  nonFacilityPeRvu: 'PE non-facility',
  facilityPeRvu: 'PE facility',
  mpRvu: 'MP RVU',
  globalDays: 'Global',
  description: 'Descriptor',
  pcTc: 'PC/TC',
  multipleProcedure: 'Multiple procedure',
  bilateralSurgery: 'Bilateral',
  assistantSurgery: 'Assistant',
  coSurgeons: 'Co-surgeons',
  teamSurgery: 'Team',
};

const show = (v: string | number) => (typeof v === 'number' ? v.toFixed(2) : v || '(blank)');

/** "PE non-facility 1.35 → 1.46 in RVU26A" lines, newest first, for the fields a coder reads. */
export function describeChanges(rec: CodeRecord, currentId: string, allReleases: string[]): string[] {
  if (!rec.pfs) return [];
  const order = [...allReleases, currentId];
  const nextAfter = (id: string) => order[order.indexOf(id) + 1] ?? currentId;
  const lines: string[] = [];
  const byField = new Map<keyof PfsValues, CodeRecord['history']>();
  for (const h of rec.history) byField.set(h.field, [...(byField.get(h.field) ?? []), h]);
  const events: { release: string; text: string }[] = [];
  for (const [field, entries] of byField) {
    const label = FIELD_LABELS[field];
    if (!label) continue;
    // entries are newest first; each holds the older value, which changed in the next release.
    let newer: string | number = rec.pfs[field];
    for (const h of [...entries].sort((a, b) => order.indexOf(b.release) - order.indexOf(a.release))) {
      const when = nextAfter(h.release);
      events.push({ release: when, text: `${label} ${show(h.value)} → ${show(newer)} in ${when} (${releaseLabel(when)})` });
      newer = h.value;
    }
  }
  events.sort((a, b) => order.indexOf(b.release) - order.indexOf(a.release));
  for (const e of events) lines.push(e.text);
  if (rec.firstSeen && rec.firstSeen !== order[0]) lines.push(`New in ${rec.firstSeen} (${releaseLabel(rec.firstSeen)})`);
  return lines;
}

export interface CardInput {
  code: string;
  modifiers: string[];
  entry: CodeEntry | null;
  release: ReleaseBrief;
  locality: Locality | null;
  setting: Setting;
}

export function buildCard(input: CardInput): CardModel {
  const { code, modifiers, entry, release } = input;
  const title = [code, ...modifiers].join('-');
  const releaseLine = `${release.id} (${releaseLabel(release.id)})${release.releasedDate ? `, released ${release.releasedDate}` : ''}`;
  const amaNotice = release.amaNotice || 'CPT codes and descriptions only are copyright American Medical Association. All Rights Reserved.';
  if (!entry) {
    const shape = /^\d{4}F$/.test(code) ? 'cpt2' : /^\d{4}T$/.test(code) ? 'cpt3' : /^\d{4}U$/.test(code) ? 'pla' : null;
    return {
      title,
      code,
      modifiers,
      category: shape ? CATEGORY_LABELS[shape] : 'Unknown code',
      section: '',
      known: false,
      descriptor: `${code} is not in the installed release (${release.id}). It may be new, deleted, or a PLA or Category III code CMS does not list.`,
      descriptorSource: '',
      status: null,
      row: '',
      rvus: null,
      payment: null,
      global: null,
      caveats: [shape === 'cpt3' ? M.CATEGORY_III_NOTE : shape === 'pla' ? M.PLA_NOTE : shape === 'cpt2' ? M.CATEGORY_II_NOTE : ''].filter(
        Boolean,
      ),
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
  if (base.category === 'cpt3') caveats.push(M.CATEGORY_III_NOTE);
  if (base.category === 'pla') caveats.push(M.PLA_NOTE);
  if (base.category === 'cpt2') caveats.push(M.CATEGORY_II_NOTE);
  if (pfs) {
    const pctc = M.PC_TC[pfs.pcTc];
    if (pctc && pfs.pcTc !== '9' && pfs.pcTc !== '0') caveats.push(`PC/TC ${pfs.pcTc}: ${pctc}`);
    if (pfs.pcTc === '1' && entry.components.length > 0 && !componentMod) {
      caveats.push(
        `Components: ${entry.components.map((c) => `${c.modifier} ${c.pfs ? c.pfs.nonFacilityTotal.toFixed(2) : '?'} RVUs`).join(', ')}.`,
      );
    }
    for (const [value, table] of [
      [pfs.multipleProcedure, M.MULTIPLE_PROCEDURE],
      [pfs.bilateralSurgery, M.BILATERAL],
      [pfs.assistantSurgery, M.ASSISTANT],
      [pfs.coSurgeons, M.CO_SURGEONS],
      [pfs.teamSurgery, M.TEAM],
    ] as const) {
      if (value !== '9' && value !== '0' && table[value]) caveats.push(table[value]!);
    }
    if (pfs.endoscopicBase) caveats.push(`Endoscopic family: base code ${pfs.endoscopicBase}.`);
    if (pfs.physicianSupervision && pfs.physicianSupervision !== '09' && M.SUPERVISION[pfs.physicianSupervision]) {
      caveats.push(`Supervision ${pfs.physicianSupervision}: ${M.SUPERVISION[pfs.physicianSupervision]}`);
    }
    if (pfs.nonFacilityNa === 'NA') caveats.push('NA in the non-facility setting: rarely or never performed in an office.');
    if (pfs.facilityNa === 'NA') caveats.push('NA in the facility setting: rarely or never performed in a facility.');
    if (pfs.notUsedForMedicare === '+') caveats.push('RVUs are shown but not used for Medicare payment.');
  }
  if (base.level2?.coverageCode && M.LEVEL2_COVERAGE[base.level2.coverageCode])
    caveats.push(`Coverage ${base.level2.coverageCode}: ${M.LEVEL2_COVERAGE[base.level2.coverageCode]}`);
  if (base.level2?.terminationDate) caveats.push(`Terminated ${base.level2.terminationDate}.`);

  const usedForPayment = pfs ? ['A', 'R', 'T'].includes(pfs.status) && pfs.notUsedForMedicare !== '+' : false;
  const cf = pfs?.conversionFactor || release.conversionFactor;
  const st = pfs ? M.STATUS[pfs.status] : undefined;
  return {
    title,
    code,
    modifiers,
    category: CATEGORY_LABELS[base.category],
    section: [base.section, base.subsection].filter(Boolean).join(' · '),
    known: true,
    descriptor:
      isLevel2 && base.longDescriptor ? base.longDescriptor : rowRec.shortDescriptor || base.shortDescriptor || base.longDescriptor,
    descriptorSource: isLevel2 ? 'HCPCS Level II descriptor (CMS, public domain)' : 'CMS short descriptor',
    status: pfs ? { code: pfs.status, label: st?.label ?? pfs.status, billing: st?.billing ?? '' } : null,
    row: componentMod ? `${componentMod} row` : '',
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
    global: pfs ? { days: pfs.globalDays, meaning: M.GLOBAL_DAYS[pfs.globalDays] ?? '' } : null,
    caveats,
    mue: base.mue
      ? {
          units: base.mue.units,
          meaning: M.MUE_ADJUDICATION[base.mue.adjudicationIndicator] ?? base.mue.adjudicationText,
          rationale: base.mue.rationale,
        }
      : null,
    changes: describeChanges(rowRec, release.id, release.historyIds),
    release: releaseLine,
    // The AMA notice shows on every card (the dataset carries CPT content); D codes add the ADA's.
    notice:
      base.code.startsWith('D') && isLevel2
        ? `${amaNotice} Dental codes (D codes) are copyright American Dental Association. All Rights Reserved.`
        : amaNotice,
  };
}
