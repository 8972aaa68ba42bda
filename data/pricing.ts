// Medicare PFS payment formulas (RVU PDF, "Formula"): pure arithmetic, no rounding until the end.
import type { PfsValues } from './dataset';
import type { Locality } from './gpci';

export type Setting = 'nonFacility' | 'facility';

export interface Gpcis {
  workGpci: number;
  peGpci: number;
  mpGpci: number;
}

/** Rounds to cents the way a fee schedule amount is shown. */
export function cents(x: number): number {
  return Math.round((x + Number.EPSILON) * 100) / 100;
}

/** National amount: total RVUs of the setting × conversion factor. */
export function nationalPayment(pfs: PfsValues, setting: Setting, cf: number): number {
  return cents((setting === 'facility' ? pfs.facilityTotal : pfs.nonFacilityTotal) * cf);
}

/** Locality amount: [(work RVU × work GPCI) + (PE RVU × PE GPCI) + (MP RVU × MP GPCI)] × CF. */
export function localityPayment(pfs: PfsValues, gpci: Gpcis | Locality, setting: Setting, cf: number): number {
  const pe = setting === 'facility' ? pfs.facilityPeRvu : pfs.nonFacilityPeRvu;
  return cents((pfs.workRvu * gpci.workGpci + pe * gpci.peGpci + pfs.mpRvu * gpci.mpGpci) * cf);
}
