export function extensionFlags(extensionPath: string): string[];
export const QUIET_FLAGS: string[];
