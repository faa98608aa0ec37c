// Types of scripts/pg-test-server.mjs for the tests that start a server through it.
export function findServerBinaries(): string | null;
export function startServer(): Promise<{ url: string; dir: string; port: number; socketDir: string }>;
export function stopServer(dir: string): void;
export function haltServer(dir: string): void;
export function resumeServer(dir: string): void;
