#!/usr/bin/env node
// Entry point for `npx claimdesk`: runs the compiled CLI (built by `npm ci` through the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write(
    'ClaimDesk 尚未编译，请先运行 npm run build:node (dist/cli.mjs missing; run npm run build:node)\n',
  );
  process.exit(2);
}
await import(cli);
