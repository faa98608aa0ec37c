// The IPC channel catalogue: every call the renderer can make, with its zod request and response schemas.
// Channel names, payload types and the window.claimdesk API type are all derived from this one map, so the
// preload, the main-side handlers, the test transport and the renderer can never disagree.
import { z } from 'zod';
import { CAPTURE_TYPES, LiveFrameRequest, LiveVerdict, MAX_CAPTURE_BYTES } from './capture';
import { ApplicantRelation, CareSetting, DocumentKind, FilingType } from './domain';
import { ChecklistTally, EvaluationReport } from './evaluation';
import { TypedFields } from './field-corrections';
import { Fields } from './fields';
import { ClaimStatus } from './lifecycle';
import { Finding, QualityReport } from './quality';
import { Claim, ClaimDocument, DocumentPage, Household, IsoDate, Person, StatusChange } from './schemas';
import { StackPlacement } from './stack';
import { CORE_ERROR_CODES } from './error-codes';

export { CORE_ERROR_CODES };

/** Every error code an answer may carry: the core's ClaimDeskError codes plus the IPC layer's own. */
export const IPC_ERROR_CODES = [
  ...CORE_ERROR_CODES,
  // IPC layer
  'bad_request',
  'forbidden',
  'canceled',
  'unavailable',
  'internal',
] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

export interface IpcError {
  code: IpcErrorCode;
  /** zh-CN, shown to the user as is. */
  message: string;
  messageEn: string;
  field?: string | undefined;
}
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** A file the user handed to the app (open dialog or drop), known to main by an opaque token only. */
export const FileGrant = z.object({ token: z.string(), name: z.string(), size: z.number().int() });
export type FileGrant = z.infer<typeof FileGrant>;

const Token = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '文件凭据无效');
const Id = z.number().int().positive();
const Empty = z.object({}).strict();

export const LANGUAGES = ['zh-CN', 'en'] as const;
export const TEXT_SIZES = ['normal', 'large', 'x-large'] as const;
export const AppSettings = z.object({
  language: z.enum(LANGUAGES),
  textSize: z.enum(TEXT_SIZES),
  /** Mask ID and bank numbers in lists (shared PCs). */
  maskNumbers: z.boolean(),
});
export type AppSettings = z.infer<typeof AppSettings>;
export const DEFAULT_SETTINGS: AppSettings = { language: 'zh-CN', textSize: 'normal', maskNumbers: true };

export const Deadline = z.object({
  date: z.string(),
  daysLeft: z.number().int(),
  /** Inside the rule pack's warning window (deadline_near). */
  dueSoon: z.boolean(),
  source: z.string(),
});
export type Deadline = z.infer<typeof Deadline>;

export const ClaimSummary = Claim.extend({
  /** Submission deadline, or null when the care end date is unknown or the claim is already handed in. */
  deadline: Deadline.nullable(),
  documentCount: z.number().int(),
  /** The day the claim entered its current status (YYYY-MM-DD). */
  statusSince: z.string().nullable(),
  /** The last 4 characters of the claimant's ID number (the full number never reaches the board). */
  claimantIdTail: z.string().max(4),
  /**
   * What is left to do, the same tally the editor's pill, the .xlsx list and the bundle's cover give
   * (rules/tally.ts). null for a paid or rejected claim (nothing left to bring).
   */
  checklist: ChecklistTally.nullable(),
});
export type ClaimSummary = z.infer<typeof ClaimSummary>;

export const ClaimListRequest = z.object({
  search: z.string().max(200).optional(),
  status: ClaimStatus.optional(),
  /** true: the archived claims only (the board's 已归档 filter); otherwise archived claims are left out. */
  archived: z.boolean().optional(),
  sort: z.enum(['updated', 'created', 'care_end']).optional(),
  page: z.number().int().min(1).max(1_000_000).optional(),
  pageSize: z.number().int().min(1).max(200).optional(),
});
export type ClaimListRequest = z.infer<typeof ClaimListRequest>;

/** Checks a person may settle by looking at the paper, when a photo can't prove them (OCR may fail). */
export const CONFIRMABLE_CHECKS = ['emergency_mark'] as const;
export const ConfirmableCheck = z.enum(CONFIRMABLE_CHECKS);
export type ConfirmableCheck = z.infer<typeof ConfirmableCheck>;

export const DocumentConfirmation = z.object({ documentId: Id, check: ConfirmableCheck });
export type DocumentConfirmation = z.infer<typeof DocumentConfirmation>;

/** A status change with the day it happened (as the person gave it; the recorded day for older ones). */
export const StatusChangeWithFacts = StatusChange.extend({ happenedOn: z.string() });
export type StatusChangeWithFacts = z.infer<typeof StatusChangeWithFacts>;

/** One thing the office asked for when it wanted more papers (补充材料); open until ticked done. */
export const RequestedItem = z.object({
  id: Id,
  claimId: Id,
  text: z.string(),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
});
export type RequestedItem = z.infer<typeof RequestedItem>;

/** What a status change carries besides the new status. */
export const StatusFactsRequest = z.object({
  note: z.string().max(500).optional(),
  /** YYYY-MM-DD, not in the future nor before the claim was created; today when absent. */
  date: z.string().max(10).optional(),
  /** 补充材料: what the office asked for, one line each. */
  requested: z.array(z.string().max(200)).max(20).optional(),
});

/** A row's version and its last change: who (desk = machine name, person signed in) and when. */
export const EditStamp = z.object({
  version: z.number().int(),
  at: z.string(),
  desk: z.string().nullable(),
  person: z.string().nullable(),
});
export type EditStamp = z.infer<typeof EditStamp>;

/** The shared database's details as 设置 asks for them (the password travels only in these requests). */
export const SharedDatabaseForm = z.object({
  host: z.string().max(255),
  port: z.number().int().min(1).max(65535),
  database: z.string().max(63),
  user: z.string().max(63),
  password: z.string().max(200),
});
export type SharedDatabaseForm = z.infer<typeof SharedDatabaseForm>;

export const SharedDatabaseState = z.object({
  /** The kept database's details (never its password), or null: this desk uses its data folder. */
  kept: SharedDatabaseForm.omit({ password: true }).nullable(),
  /** This desk is working on the shared database now. */
  active: z.boolean(),
  /** The system can encrypt a password here (else it is asked for each time). */
  canKeepPassword: z.boolean(),
  /** The kept database's password is not kept (or cannot be opened here): 设置 asks for it. */
  passwordNeeded: z.boolean(),
  /** This shell can switch databases (the desktop app and the test transport). */
  canSwitch: z.boolean(),
});
export type SharedDatabaseState = z.infer<typeof SharedDatabaseState>;

export const ClaimDetail = z.object({
  claim: Claim,
  /** The claim's version as read: the editor's save names it, and is refused if another desk saved since. */
  stamp: EditStamp.optional(),
  documents: z.array(ClaimDocument),
  history: z.array(StatusChangeWithFacts),
  /** What the office asked for (补充材料), done or not. */
  requestedItems: z.array(RequestedItem),
  claimant: Person,
  /** What the person confirmed on each document (the 急诊 mark). */
  confirmations: z.array(DocumentConfirmation),
  /** The printed 诚信承诺书 is marked signed. */
  pledgeSigned: z.boolean(),
  /**
   * In 已提交/审核中/打款中: the usual working days of the step (003), how many have passed, and whether it is
   * late (then: call 12393). shared/processing.ts; null otherwise.
   */
  processing: z
    .object({
      stage: z.enum(['review', 'payout', 'overall']),
      since: z.string(),
      workingDays: z.number().int(),
      min: z.number().int(),
      max: z.number().int(),
      overdue: z.boolean(),
      helpLine: z.string(),
      zh: z.string(),
      en: z.string(),
      source: z.string(),
    })
    .nullable()
    .optional(),
});
export type ClaimDetail = z.infer<typeof ClaimDetail>;

/**
 * A requirement whose check a person may settle by confirming on the document (the editor shows a checkbox
 * on each of its documents), with the wording of the checkbox.
 */
export const ConfirmableRequirement = z.object({
  requirementId: z.string(),
  check: ConfirmableCheck,
  label: z.string(),
  labelEn: z.string(),
});
export type ConfirmableRequirement = z.infer<typeof ConfirmableRequirement>;

/** The engine's report plus what the editor may offer to confirm. */
export const ClaimEvaluationView = EvaluationReport.extend({
  confirmable: z.array(ConfirmableRequirement),
  /** What is left to do, counted as the board, the .xlsx list and the bundle's cover count it. */
  tally: ChecklistTally,
});
export type ClaimEvaluationView = z.infer<typeof ClaimEvaluationView>;

export const Thumbnail = z.object({
  /** data:image/jpeg;base64,… (CSP allows data: images only; a PDF shows its first page), or null when the file cannot be drawn. */
  dataUrl: z.string().nullable(),
  width: z.number().int(),
  height: z.number().int(),
  /** For a PDF file: how many pages it has (the viewer's 第 n / N 页); absent for photos. */
  pdfPages: z.number().int().min(1).optional(),
});
export type Thumbnail = z.infer<typeof Thumbnail>;

export const ExportResult = z.object({
  path: z.string(),
  bytes: z.number().int(),
  pages: z.number().int().nullable(),
  imagesDir: z.string().nullable(),
  images: z.array(z.string()),
});
export type ExportResult = z.infer<typeof ExportResult>;

export const BackupInfo = z.object({
  name: z.string(),
  path: z.string(),
  bytes: z.number().int(),
  createdAt: z.string(),
  kind: z.enum(['auto', 'manual', 'pre-restore']),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

/** Automatic backups (the core checks the ranges and names the bad field). */
export const BackupScheduleSettings = z.object({
  enabled: z.boolean(),
  everyHours: z.number(),
  keep: z.number(),
});
export type BackupScheduleSettings = z.infer<typeof BackupScheduleSettings>;

export const AppInfo = z.object({
  version: z.string(),
  dataDir: z.string(),
  /** 'electron' in the desktop app, 'test' in the browser test transport. */
  shell: z.enum(['electron', 'test']),
  /** Today's date (YYYY-MM-DD) as main counts it: the default and latest day of a status change. */
  today: z.string(),
  features: z.object({ quality: z.boolean(), rules: z.boolean(), export: z.boolean() }),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** Progress of long work (import checks, export), pushed from main while the call is pending. */
export const ProgressEvent = z.object({
  /** batch: the board's bulk export, counted in claims (label: the current claim's reference and name). */
  task: z.enum(['import', 'export', 'replace', 'backup', 'restore', 'batch']),
  done: z.number().int(),
  total: z.number().int(),
  label: z.string(),
});
export type ProgressEvent = z.infer<typeof ProgressEvent>;

/** One claim of a bulk export: exported (perhaps marked 尚不能提交) or failed with why. */
export const BulkExportItem = z.object({
  claimId: Id,
  reference: z.string(),
  name: z.string(),
  outcome: z.enum(['done', 'failed']),
  incomplete: z.boolean(),
  path: z.string().nullable(),
  reason: z.string().nullable(),
  reasonEn: z.string().nullable(),
});
export type BulkExportItem = z.infer<typeof BulkExportItem>;

/** The most claims one batch action takes (shared/ipc and core agree). */
export const MAX_BATCH = 2000;

/** A dropped file that was not added, named by the person's own file name, with why (zh-CN, en). */
export const ImportRejection = z.object({ name: z.string(), reason: z.string(), reasonEn: z.string() });
export type ImportRejection = z.infer<typeof ImportRejection>;

/** Where each page of a dropped stack went (by what is printed on it), and the files left out. */
export const StackImportResult = z.object({
  placed: z.array(StackPlacement),
  rejected: z.array(ImportRejection),
});
export type StackImportResult = z.infer<typeof StackImportResult>;

/** A file of a stack read on the new-claim screen (not stored): its token, kind found and fields. */
export const StackReading = z.object({
  token: Token,
  name: z.string(),
  /** null when the print does not say clearly (the page will wait under 其他材料 for the person). */
  kind: DocumentKind.nullable(),
  fields: Fields,
  /** Why the photo should be taken again: the checks' errors (the camera marks it 重拍); empty when it passed. */
  retake: z.array(Finding).optional(),
});
export type StackReading = z.infer<typeof StackReading>;

/** A new claim's answers so far and the papers dropped for it, looked at before it is created. */
export const ClaimDraftRequest = z.object({
  claimantId: Id.nullable(),
  hospital: z.string().max(200),
  treatmentRegion: z.string().max(200),
  papers: z
    .array(z.object({ name: z.string().max(260), kind: DocumentKind.nullable(), fields: Fields }))
    .max(100),
});
export const ClaimDraftCheck = z.object({
  /** The 就医地 the hospital's name gives (上海市第一人民医院 → 上海市), null when it gives none. */
  region: z.string().nullable(),
  /** The place of care is outside the patient's 参保地 (异地); null when it cannot be told. */
  crossRegion: z.boolean().nullable(),
  /** A paper that disagrees with the others or with the chosen patient, named, with what to do. */
  notes: z.array(z.object({ zh: z.string(), en: z.string(), papers: z.array(z.string()) })),
});
export type ClaimDraftCheck = z.infer<typeof ClaimDraftCheck>;

export const StackReadResult = z.object({
  read: z.array(StackReading),
  rejected: z.array(ImportRejection),
});
export type StackReadResult = z.infer<typeof StackReadResult>;

/** The document made of the good files of a drop, and the files left out. */
export const ImportResult = ClaimDocument.extend({ rejected: z.array(ImportRejection) });
export type ImportResult = z.infer<typeof ImportResult>;

/**
 * The answers that pick a checklist, before there is a claim (the new-claim form once the scenario is
 * answered): the rest of the form (hospital, amount…) may still be empty.
 */
export const BringListDraft = z.object({
  claimantId: Id,
  careSetting: CareSetting,
  crossRegion: z.object({ filingType: FilingType, offline: z.boolean().optional() }).nullable(),
  applicantRelation: ApplicantRelation,
  specialDrugs: z.boolean(),
  /** Discharge or outpatient visit date, when known: the deadline is counted from it. */
  careEndDate: IsoDate.nullable(),
});
export type BringListDraft = z.infer<typeof BringListDraft>;

/** One paper of the printable "what to bring" list, in the rule pack's own words (zh and en). */
export const BringItem = z.object({
  id: z.string(),
  title: z.string(),
  titleEn: z.string(),
  reason: z.string(),
  reasonEn: z.string(),
  /** What to have at the window ("去窗口时带上原件"), when the pack says. */
  bring: z.string().nullable(),
  bringEn: z.string().nullable(),
  /** Where the paper comes from (医院, 经办机构窗口…), only when the pack says so with a source. */
  from: z.string().nullable(),
  fromEn: z.string().nullable(),
  /** The app prints this paper itself (诚信承诺书): only a signature is needed. */
  providedByApp: z.boolean(),
  /** Already settled without a paper (the bank account number filled in): what the pack says then. */
  settled: z.string().nullable(),
  settledEn: z.string().nullable(),
});
export type BringItem = z.infer<typeof BringItem>;

export const BringList = z.object({
  claimant: z.string(),
  /** The claim's reference (BX…), when the list is for a stored claim. */
  reference: z.string().nullable(),
  careSetting: CareSetting,
  items: z.array(BringItem),
  /** What to do or know that is not a paper (binding a relative's 亲情账户, the pledge ticked online). */
  reminders: z
    .array(
      z.object({
        id: z.string(),
        title: z.string(),
        titleEn: z.string(),
        text: z.string(),
        textEn: z.string(),
        steps: z.array(z.object({ text: z.string(), textEn: z.string() })),
      }),
    )
    .optional(),
  /** The submission deadline in words ("出院或门诊结束后 6 个月内") and, when the care end date is known, the date. */
  deadline: z.object({
    rule: z.string(),
    ruleEn: z.string(),
    date: IsoDate.nullable(),
    daysLeft: z.number().int().nullable(),
  }),
  pack: z.string(),
});
export type BringList = z.infer<typeof BringList>;

function channel<Req extends z.ZodType, Res extends z.ZodType>(name: string, request: Req, response: Res) {
  return { channel: name, request, response };
}

/** method name (on window.claimdesk) → channel + schemas. */
export const IPC = {
  getAppInfo: channel('app:info', Empty, AppInfo),
  getSettings: channel('settings:get', Empty, AppSettings),
  saveSettings: channel('settings:save', AppSettings, AppSettings),

  listHouseholds: channel(
    'households:list',
    Empty,
    z.array(Household.extend({ memberCount: z.number().int() })),
  ),
  createHousehold: channel(
    'households:create',
    z.object({ name: z.string().max(100), notes: z.string().max(2000).optional() }),
    Household,
  ),
  renameHousehold: channel('households:rename', z.object({ id: Id, name: z.string().max(100) }), Household),
  listPeople: channel('people:list', z.object({ householdId: Id.optional() }), z.array(Person)),
  // Person fields are validated by the repository's own schema so the messages name the bad field.
  createPerson: channel('people:create', z.record(z.string(), z.unknown()), Person),
  updatePerson: channel(
    'people:update',
    z.object({ id: Id, person: z.record(z.string(), z.unknown()) }),
    Person,
  ),
  /** Removes a person who is on no claim; refused, with the reason, otherwise. */
  deletePerson: channel('people:delete', z.object({ id: Id }), z.object({ deleted: z.literal(true) })),

  listClaims: channel(
    'claims:list',
    ClaimListRequest,
    z.object({
      items: z.array(ClaimSummary),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    }),
  ),
  /** "Select all N matching": the ids the board's search and filter match, in its order (at most MAX_BATCH). */
  listClaimIds: channel(
    'claims:ids',
    ClaimListRequest.omit({ page: true, pageSize: true }),
    z.object({ ids: z.array(Id), total: z.number().int() }),
  ),
  /** The board rows of these claims as they are now (another desk changed them; claims gone are left out). */
  claimRows: channel(
    'claims:rows',
    z.object({ ids: z.array(Id).max(200) }),
    z.object({ items: z.array(ClaimSummary) }),
  ),
  getClaim: channel('claims:get', z.object({ id: Id }), ClaimDetail),
  createClaim: channel('claims:create', z.record(z.string(), z.unknown()), Claim),
  /**
   * Creates a claim and stores the stack dropped on the new-claim screen under its requirements, in one
   * step: when it fails nothing is created and the files are still the person's to try again.
   */
  createClaimWithStack: channel(
    'claims:createWithStack',
    z.object({ claim: z.record(z.string(), z.unknown()), files: z.array(Token).max(100) }),
    z.object({ claim: Claim, placed: z.array(StackPlacement) }),
  ),
  updateClaim: channel(
    'claims:update',
    z.object({
      id: Id,
      claim: z.record(z.string(), z.unknown()),
      /** The version the editor loaded; absent: saved whatever changed since (the CLI's old callers). */
      expectedVersion: z.number().int().nonnegative().optional(),
    }),
    Claim,
  ),
  transitionClaim: channel(
    'claims:transition',
    StatusFactsRequest.extend({ id: Id, to: ClaimStatus }),
    Claim,
  ),
  /** The same move for many claims, each on its own: a claim that may not move is reported, not fatal. */
  /** The statuses the chosen claims may move to next, with how many of them may (the bulk status choice). */
  claimMoves: channel(
    'claims:moves',
    z.object({ ids: z.array(Id).min(1).max(MAX_BATCH) }),
    z.object({ moves: z.array(z.object({ to: ClaimStatus, count: z.number().int().min(1) })) }),
  ),
  transitionClaims: channel(
    'claims:transitionmany',
    StatusFactsRequest.extend({ ids: z.array(Id).min(1).max(MAX_BATCH), to: ClaimStatus }),
    z.object({
      items: z.array(
        z.object({
          claimId: Id,
          reference: z.string(),
          /** The patient, so a summary names the claim as people know it. */
          name: z.string(),
          moved: z.boolean(),
          reason: z.string().nullable(),
          reasonEn: z.string().nullable(),
        }),
      ),
    }),
  ),
  /** Archives the claims (off the board, kept) or brings them back; answers how many changed. */
  archiveClaims: channel(
    'claims:archive',
    z.object({ ids: z.array(Id).min(1).max(MAX_BATCH), archived: z.boolean() }),
    z.object({ changed: z.number().int() }),
  ),
  /** Deletes the claims; they can be brought back with undeleteClaims for undoMs, then they are purged. */
  deleteClaims: channel(
    'claims:delete',
    z.object({ ids: z.array(Id).min(1).max(MAX_BATCH) }),
    z.object({ deleted: z.number().int(), undoMs: z.number().int() }),
  ),
  undeleteClaims: channel(
    'claims:undelete',
    z.object({ ids: z.array(Id).min(1).max(MAX_BATCH) }),
    z.object({ restored: z.number().int() }),
  ),
  /** Ticks or unticks one thing the office asked for. */
  setRequestedItemDone: channel('requests:tick', z.object({ itemId: Id, done: z.boolean() }), RequestedItem),
  evaluateClaim: channel('claims:evaluate', z.object({ id: Id }), ClaimEvaluationView),
  /** The printable "what to bring" list for a stored claim or for the new-claim form's answers. */
  getBringList: channel(
    'rules:bringList',
    z.union([z.object({ claimId: Id }), z.object({ draft: BringListDraft })]),
    BringList,
  ),
  /** Sets or clears what the person confirmed on a document; answers with the document's confirmations. */
  confirmDocument: channel(
    'documents:confirm',
    z.object({ documentId: Id, check: ConfirmableCheck, confirmed: z.boolean() }),
    z.object({ documentId: Id, confirmed: z.array(ConfirmableCheck) }),
  ),
  /**
   * Sets what the person typed for one printed field of one page (shared/fields.ts names for the document's
   * kind), or clears it with value null so the reading counts again; answers with the page's corrections.
   */
  setDocumentField: channel(
    'documents:setField',
    z.object({
      pageId: Id,
      field: z.string().min(1).max(50),
      value: z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]),
    }),
    z.object({ pageId: Id, fields: TypedFields }),
  ),

  /**
   * Reads a stack dropped on the new-claim screen without storing anything (in the check worker, with
   * import progress): each file's kind and fields, so the form is pre-filled from the invoices and the
   * person sees what was found; main keeps the readings for createClaimWithStack.
   */
  readStack: channel(
    'documents:readStack',
    z.object({ files: z.array(Token).min(1).max(100) }),
    StackReadResult,
  ),
  /** The new-claim form's answers and dropped papers looked at before creating (rules/draft-check.ts). */
  checkClaimDraft: channel('claims:checkdraft', ClaimDraftRequest, ClaimDraftCheck),
  /** What the person typed for a page's printed fields (the field panel shows them over the readings). */
  getPageCorrections: channel(
    'pages:corrections',
    z.object({ pageId: Id }),
    z.object({ pageId: Id, fields: TypedFields }),
  ),

  /** Marks or unmarks the claim's printed 诚信承诺书 as signed; answers the new state. */
  markPledgeSigned: channel(
    'claims:signpledge',
    z.object({ id: Id, signed: z.boolean() }),
    z.object({ id: Id, signed: z.boolean() }),
  ),

  pickFiles: channel('files:pick', z.object({ multiple: z.boolean().optional() }), z.array(FileGrant)),
  importDocument: channel(
    'documents:import',
    z.object({ claimId: Id, kind: DocumentKind, files: z.array(Token).min(1).max(100) }),
    ImportResult,
  ),
  /** A whole stack dropped at once (整叠放入): each file is read and placed under the kind printed on it. */
  importStack: channel(
    'documents:importStack',
    z.object({ claimId: Id, files: z.array(Token).min(1).max(100) }),
    StackImportResult,
  ),
  /** Moves a page to another kind of paper (a misplaced or unrecognised one); answers with its document. */
  reassignPage: channel('pages:reassign', z.object({ pageId: Id, kind: DocumentKind }), ClaimDocument),
  removeDocument: channel(
    'documents:remove',
    z.object({ documentId: Id }),
    z.object({ removed: z.literal(true) }),
  ),
  removePage: channel('pages:remove', z.object({ pageId: Id }), z.object({ removed: z.literal(true) })),
  replacePage: channel('pages:replace', z.object({ pageId: Id, file: Token }), DocumentPage),
  movePage: channel('pages:move', z.object({ pageId: Id, direction: z.enum(['up', 'down']) }), ClaimDocument),
  getThumbnail: channel(
    'pages:thumbnail',
    z.object({
      pageId: Id,
      maxSize: z.number().int().min(32).max(1600).optional(),
      /** Zero-based page of a PDF file (the viewer steps through them); 0 when absent; ignored for photos. */
      pdfPage: z.number().int().min(0).max(9999).optional(),
    }),
    Thumbnail,
  ),
  getPageQuality: channel('pages:quality', z.object({ pageId: Id }), QualityReport.nullable()),

  /**
   * The photo checks on one camera preview frame (in main's live worker): the one instruction to show, the
   * paper's outline, whether it is still and whether it is the paper last taken (shared/capture.ts).
   */
  analyseLiveFrame: channel('camera:frame', LiveFrameRequest, LiveVerdict),
  /**
   * Keeps a photo the camera took in the data folder (captures/) and grants it like a dropped file: it then
   * takes the normal path (importStack on a claim, readStack on 新建报销). Kept until its bytes are stored.
   */
  saveCapture: channel(
    'camera:capture',
    z.object({
      type: z.enum(CAPTURE_TYPES),
      /** base64 of the photo's bytes as the camera gave them. */
      photo: z
        .string()
        .min(1)
        .max(Math.ceil(MAX_CAPTURE_BYTES / 3) * 4),
    }),
    FileGrant,
  ),

  exportBundle: channel(
    'bundle:export',
    z.object({ claimId: Id, withImages: z.boolean(), allowIncomplete: z.boolean().optional() }),
    ExportResult.nullable(),
  ),
  /**
   * One bundle per chosen claim into a folder chosen in one dialog (null when cancelled); incomplete claims
   * are exported marked 尚不能提交, a claim that fails is reported and the others carry on.
   */
  exportBundles: channel(
    'bundle:exportmany',
    z.object({ ids: z.array(Id).min(1).max(MAX_BATCH) }),
    z.object({ folder: z.string(), items: z.array(BulkExportItem) }).nullable(),
  ),
  /** Prints bundles this app just exported as ONE print job (one merged PDF, one print dialog). */
  printBundles: channel(
    'bundle:printmany',
    z.object({ paths: z.array(z.string().max(4096)).min(1).max(MAX_BATCH) }),
    z.object({ printed: z.boolean(), pages: z.number().int() }),
  ),
  /** The chosen claims as a spreadsheet (.xlsx or CSV), saved where the person chose; null when cancelled. */
  exportClaimList: channel(
    'claims:exportlist',
    z.object({ ids: z.array(Id).min(1).max(MAX_BATCH), format: z.enum(['xlsx', 'csv']) }),
    z.object({ path: z.string(), rows: z.number().int(), bytes: z.number().int() }).nullable(),
  ),
  openExported: channel(
    'bundle:open',
    z.object({ path: z.string().max(4096) }),
    z.object({ opened: z.literal(true) }),
  ),
  showExportedInFolder: channel(
    'bundle:show',
    z.object({ path: z.string().max(4096) }),
    z.object({ shown: z.literal(true) }),
  ),
  printExported: channel(
    'bundle:print',
    z.object({ path: z.string().max(4096) }),
    z.object({ printed: z.boolean() }),
  ),

  listBackups: channel('backup:list', Empty, z.array(BackupInfo)),
  createBackup: channel('backup:create', Empty, BackupInfo),
  restoreBackup: channel(
    'backup:restore',
    z.object({ name: z.string().max(255).optional(), file: Token.optional() }),
    z.object({ claims: z.number().int(), safetyCopy: z.string().nullable(), missingFiles: z.number().int() }),
  ),
  /** Moves to another data folder (chosen in a dialog): the app restarts on it; the old folder is kept. */
  changeDataDir: channel(
    'settings:relocate',
    Empty,
    z.object({ dataDir: z.string(), restarting: z.boolean() }).nullable(),
  ),
  /** 设置 → 共享数据库: the database this desk uses (none: its data folder), and whether a password can be kept. */
  getSharedDatabase: channel('database:get', Empty, SharedDatabaseState),
  /** Connects once with these details and answers in plain words whether it works (nothing is kept). */
  testSharedDatabase: channel(
    'database:test',
    SharedDatabaseForm,
    z.object({ ok: z.boolean(), message: z.string() }),
  ),
  /**
   * Switches this desk to the shared database (the workspace reopens on it; the window stays, with whatever
   * is typed in it); `moveData` first moves this PC's data folder in (as claimdesk migrate --to).
   */
  switchSharedDatabase: channel(
    'database:switch',
    SharedDatabaseForm.extend({ moveData: z.boolean() }),
    z.object({ message: z.string(), passwordKept: z.boolean() }),
  ),
  /** Back to this PC's data folder (the shared database is forgotten on this desk, nothing in it changes). */
  leaveSharedDatabase: channel('database:leave', Empty, z.object({ message: z.string() })),
  getBackupSchedule: channel('backup:schedule', Empty, BackupScheduleSettings),
  saveBackupSchedule: channel('backup:reschedule', BackupScheduleSettings.partial(), BackupScheduleSettings),
} as const;

export type IpcCatalogue = typeof IPC;
export type IpcMethod = keyof IpcCatalogue;
export type IpcRequest<M extends IpcMethod> = z.input<IpcCatalogue[M]['request']>;
export type IpcParsedRequest<M extends IpcMethod> = z.output<IpcCatalogue[M]['request']>;
export type IpcResponse<M extends IpcMethod> = z.output<IpcCatalogue[M]['response']>;

export const IPC_METHODS = Object.keys(IPC) as IpcMethod[];
export const PROGRESS_CHANNEL = 'progress';

/** Main → window: rows other desks (or the CLI beside the app) changed, batched; the board refreshes those. */
export const STORE_CHANGES_CHANNEL = 'store-changes';
export interface StoreChangeEvent {
  table: 'claims' | 'people' | 'households';
  /** null: something in the table changed, which rows is not known (reload the list). */
  id: number | null;
  op: 'insert' | 'update' | 'delete';
}

/**
 * The object the preload puts on window.claimdesk (and the test shim imitates). `DroppedFile` is the
 * browser's File: shared/ names no DOM type (it is loaded by the main process too), so the renderer and
 * the preload, which have the DOM, supply it.
 */
export type ClaimDeskApi<DroppedFile> = {
  [M in IpcMethod]: (request: IpcRequest<M>) => Promise<Envelope<IpcResponse<M>>>;
} & {
  /** Listen to progress of long work; returns the unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  /** Listen to changes other desks made (batched); returns the unsubscribe function. */
  onStoreChanges(listener: (changes: StoreChangeEvent[]) => void): () => void;
  /** Hands dropped files to main (their paths never reach the renderer); returns their tokens. */
  grantDroppedFiles(files: readonly DroppedFile[]): Promise<Envelope<FileGrant[]>>;
};

/**
 * Preload → main only: the paths of files dropped on the window, read in the preload with
 * webUtils.getPathForFile. The page itself cannot reach this channel (context isolation).
 */
export const DROPPED_FILES_CHANNEL = 'files:dropped';
export const DroppedFiles = z.object({
  files: z
    .array(z.object({ path: z.string().min(1).max(4096), name: z.string().max(255) }))
    .min(1)
    .max(100),
});
