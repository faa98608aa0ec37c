// The ordered list of schema migrations. Versions go in steps of 10 (room for a hotfix in between) and the
// highest one applied is stored in PRAGMA user_version. Never edit a shipped entry: append a new one.
import m0010 from './0010-create-core';
import m0020 from './0020-create-claim-invoices';
import m0030 from './0030-document-confirmations';
import m0040 from './0040-page-facts';
import m0050 from './0050-page-field-corrections';
import m0060 from './0060-fiscal-invoices';
import m0070 from './0070-pledge-signatures';
import m0080 from './0080-status-facts-and-trash';
import m0090 from './0090-row-versions-and-desks';
import m0100 from './0100-board-indexes';
import m0110 from './0110-claim-verdicts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: 'create-core', sql: m0010 },
  { version: 20, name: 'create-claim-invoices', sql: m0020 },
  { version: 30, name: 'document-confirmations', sql: m0030 },
  { version: 40, name: 'page-facts', sql: m0040 },
  { version: 50, name: 'page-field-corrections', sql: m0050 },
  { version: 60, name: 'fiscal-invoices', sql: m0060 },
  { version: 70, name: 'pledge-signatures', sql: m0070 },
  { version: 80, name: 'status-facts-and-trash', sql: m0080 },
  { version: 90, name: 'row-versions-and-desks', sql: m0090 },
  { version: 100, name: 'board-indexes', sql: m0100 },
  { version: 110, name: 'claim-verdicts', sql: m0110 },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
