// Test-only bootstrap: lets a worker thread run a TypeScript entry (process.argv[2]) through tsx, so the
// export worker is exercised from source without a build.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';

register();
await import(pathToFileURL(process.argv[2]).href);
