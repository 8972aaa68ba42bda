export function claimsTableHtml(count: number, seed?: number): string;
export function claimsRows(count: number, seed?: number): string[][];
export function rng(seed: number): () => number;
