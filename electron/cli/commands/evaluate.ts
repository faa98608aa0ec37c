// `claimdesk evaluate`: see ../shared/ARCHITECTURE.md for its contract. Registered by main.ts.
import type { Command } from 'commander';

export function register(_program: Command): void {
  // Not built yet: the issue that owns this command fills it in.
}
