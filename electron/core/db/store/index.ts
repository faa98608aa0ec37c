// The SQLite engine of the storage contract (db/contract.ts), assembled: the compiler checks every concern
// against the contract. Code outside electron/core/db/ reaches storage only through `store`.
import type { SyncStorage } from '../sync-contract';
import { sqliteClaimFacts } from './claim-facts';
import { sqliteClaims } from './claims';
import { sqliteDocuments } from './documents';
import { sqliteEngine } from './engine';
import { sqliteInvoices } from './invoices';
import { sqlitePeople } from './people';
import { sqliteSearch } from './search';
import { sqliteSettings } from './settings';
import { sqliteVerdicts } from './verdicts';

export const store: SyncStorage = {
  engine: sqliteEngine,
  people: sqlitePeople,
  claims: sqliteClaims,
  claimFacts: sqliteClaimFacts,
  documents: sqliteDocuments,
  invoices: sqliteInvoices,
  search: sqliteSearch,
  settings: sqliteSettings,
  verdicts: sqliteVerdicts,
};
