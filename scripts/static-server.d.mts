import type { Server } from 'node:http';
export function startStaticServer(mounts: [string, string][], port?: number): Promise<{ server: Server; url: string }>;
