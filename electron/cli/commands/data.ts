// Data commands: households, people, claims, import, life cycle.
import type { Command } from 'commander';
import {
  CARE_SETTING_LABELS,
  DOCUMENT_KIND_LABELS,
  FILING_TYPE_LABELS,
  RELATION_LABELS,
} from '../../../shared/domain';
import { CLAIM_STATUS_LABELS } from '../../../shared/lifecycle';
import { maskDigits } from '../../../shared/validators';
import { InvalidInputError } from '../../core/errors';
import {
  claimHistory,
  createClaim,
  createHousehold,
  createPerson,
  findClaimByReference,
  getClaim,
  listClaims,
  listDocuments,
  listHouseholds,
  listPeople,
  transitionClaim,
  CLAIM_SORTS,
  type ClaimSort,
} from '../../core/repo';
import type { Workspace } from '../../core/workspace';
import { parseId, printJson, println, withWorkspace } from '../context';

function resolveClaimId(ws: Workspace, idOrRef: string): number {
  if (/^\d+$/.test(idOrRef)) return Number(idOrRef);
  const c = findClaimByReference(ws.db, idOrRef);
  if (!c) throw new InvalidInputError(`找不到报销单“${idOrRef}”`, `no claim "${idOrRef}"`, 'claim');
  return c.id;
}

function parseAmount(v: string | undefined): number | null {
  if (v === undefined) return null;
  const n = Number(v);
  if (!Number.isFinite(n))
    throw new InvalidInputError(
      `金额必须是数字，收到“${v}”`,
      `amount must be a number, got "${v}"`,
      'totalAmount',
    );
  return n;
}

export function register(program: Command): void {
  const household = program.command('household').description('户（家庭）: add, list');
  household
    .command('add')
    .description('新建一户 create a household')
    .requiredOption('--name <name>', '户名，如“张家”')
    .option('--notes <text>', '备注', '')
    .option('--json', 'JSON output')
    .action(async (opts: { name: string; notes: string; json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, (ws) => {
        const h = createHousehold(ws.db, { name: opts.name, notes: opts.notes });
        if (opts.json) printJson(h);
        else println(`已创建户 #${h.id} ${h.name}`);
      });
    });
  household
    .command('list')
    .description('列出所有户 list households')
    .option('--json', 'JSON output')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, (ws) => {
        const rows = listHouseholds(ws.db);
        if (opts.json) return printJson(rows);
        for (const h of rows) println(`#${h.id}\t${h.name}\t${h.memberCount} 人`);
      });
    });

  const person = program.command('person').description('户内成员 people: add, list');
  person
    .command('add')
    .description('添加成员 add a person to a household')
    .requiredOption('--household <id>', '户编号')
    .requiredOption('--name <name>', '姓名')
    .requiredOption('--id-number <id>', '18位身份证号')
    .requiredOption('--relation <relation>', `与参保人关系：${Object.keys(RELATION_LABELS).join('|')}`)
    .requiredOption('--insurance <type>', 'employee（职工医保）| resident（城乡居民医保）')
    .requiredOption('--region <region>', '参保地，如“江苏省南京市”')
    .option('--phone <phone>', '手机号')
    .option('--bank <bank>', '开户银行')
    .option('--bank-number <number>', '银行卡号')
    .option('--bank-holder <name>', '持卡人')
    .option('--json', 'JSON output')
    .action(async (opts: Record<string, string | boolean | undefined>, cmd: Command) => {
      await withWorkspace(cmd, (ws) => {
        const bank =
          opts.bank || opts.bankNumber
            ? { bank: opts.bank ?? '', number: opts.bankNumber ?? '', holder: opts.bankHolder ?? opts.name }
            : null;
        const p = createPerson(ws.db, {
          householdId: parseId(String(opts.household), '--household'),
          name: opts.name,
          idNumber: opts.idNumber,
          relation: opts.relation,
          insuranceType: opts.insurance,
          insuredRegion: opts.region,
          phone: opts.phone ?? null,
          bankAccount: bank,
        });
        if (opts.json) printJson(p);
        else println(`已添加成员 #${p.id} ${p.name}（${RELATION_LABELS[p.relation].zh}）`);
      });
    });
  person
    .command('list')
    .description('列出成员 list people')
    .option('--household <id>', '只列这一户')
    .option('--json', 'JSON output')
    .action(async (opts: { household?: string; json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, (ws) => {
        const rows = listPeople(
          ws.db,
          opts.household === undefined ? undefined : parseId(opts.household, '--household'),
        );
        if (opts.json) return printJson(rows);
        for (const p of rows)
          println(
            `#${p.id}\t户${p.householdId}\t${p.name}\t${RELATION_LABELS[p.relation].zh}\t${maskDigits(p.idNumber)}`,
          );
      });
    });

  const claim = program.command('claim').description('报销单 claims: create, list, show, status');
  claim
    .command('create')
    .description('新建报销单 create a claim (starts as draft)')
    .requiredOption('--claimant <personId>', '参保人（成员编号）')
    .requiredOption(
      '--care <setting>',
      'outpatient（门诊）| inpatient（住院）| chronic_outpatient（门诊慢特病）',
    )
    .requiredOption('--hospital <name>', '医院')
    .requiredOption('--region <region>', '就医地')
    .option('--visit-date <date>', '门诊就诊日期 YYYY-MM-DD')
    .option('--admission <date>', '入院日期 YYYY-MM-DD')
    .option('--discharge <date>', '出院日期 YYYY-MM-DD')
    .option('--filing-type <type>', `异地备案类型：${Object.keys(FILING_TYPE_LABELS).join('|')}`)
    .option('--filing-date <date>', '备案日期 YYYY-MM-DD')
    .option('--special-drugs', '使用了特殊药品')
    .option('--amount <yuan>', '总金额（元）')
    .option('--applicant-relation <relation>', '代办人与参保人关系（默认本人 self）', 'self')
    .option('--applicant-person <personId>', '代办人（成员编号）')
    .option('--applicant-name <name>', '代办人姓名')
    .option('--applicant-id-number <id>', '代办人身份证号')
    .option('--notes <text>', '备注', '')
    .option('--json', 'JSON output')
    .action(async (opts: Record<string, string | boolean | undefined>, cmd: Command) => {
      await withWorkspace(cmd, (ws) => {
        let applicant: Record<string, unknown> = { relation: 'self' };
        if (opts.applicantRelation !== 'self') {
          const personId = opts.applicantPerson
            ? parseId(String(opts.applicantPerson), '--applicant-person')
            : null;
          const p = personId ? listPeople(ws.db).find((x) => x.id === personId) : undefined;
          applicant = {
            relation: opts.applicantRelation,
            personId,
            name: opts.applicantName ?? p?.name,
            idNumber: opts.applicantIdNumber ?? p?.idNumber,
          };
        }
        const c = createClaim(ws.db, {
          claimantId: parseId(String(opts.claimant), '--claimant'),
          applicant,
          careSetting: opts.care,
          hospital: opts.hospital,
          treatmentRegion: opts.region,
          visitDate: opts.visitDate ?? null,
          admissionDate: opts.admission ?? null,
          dischargeDate: opts.discharge ?? null,
          crossRegion: opts.filingType
            ? { filingType: opts.filingType, filingDate: opts.filingDate ?? null }
            : null,
          specialDrugs: opts.specialDrugs === true,
          totalAmount: parseAmount(opts.amount as string | undefined),
          notes: opts.notes ?? '',
        });
        if (opts.json) printJson(c);
        else
          println(
            `已新建报销单 #${c.id} ${c.reference}（${CARE_SETTING_LABELS[c.fields.careSetting].zh}，${c.fields.hospital}）`,
          );
      });
    });
  claim
    .command('list')
    .description('列出报销单 list claims (one page)')
    .option('--search <text>', '按姓名、医院、单号、发票号搜索')
    .option('--status <status>', `按状态筛选：${Object.keys(CLAIM_STATUS_LABELS).join('|')}`)
    .option('--sort <sort>', `排序：${CLAIM_SORTS.join('|')}`, 'updated')
    .option('--page <n>', '页码', '1')
    .option('--page-size <n>', '每页条数', '50')
    .option('--json', 'JSON output')
    .action(async (opts: Record<string, string | boolean | undefined>, cmd: Command) => {
      await withWorkspace(cmd, (ws) => {
        if (!CLAIM_SORTS.includes(opts.sort as ClaimSort)) {
          throw new InvalidInputError(
            `排序方式必须是 ${CLAIM_SORTS.join('、')}`,
            `--sort must be one of ${CLAIM_SORTS.join(', ')}`,
            'sort',
          );
        }
        const page = listClaims(ws.db, {
          search: opts.search as string | undefined,
          status: opts.status as never,
          sort: opts.sort as ClaimSort,
          page: parseId(String(opts.page), '--page'),
          pageSize: parseId(String(opts.pageSize), '--page-size'),
        });
        if (opts.json) return printJson(page);
        println(`共 ${page.total} 条，第 ${page.page} 页`);
        for (const c of page.items) {
          println(
            `#${c.id}\t${c.reference}\t${CLAIM_STATUS_LABELS[c.status].zh}\t${c.claimantName}\t${c.fields.hospital}`,
          );
        }
      });
    });
  claim
    .command('show')
    .description('查看报销单 show one claim with its documents and history')
    .argument('<claim>', '报销单编号或单号')
    .option('--json', 'JSON output')
    .action(async (idOrRef: string, opts: { json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, (ws) => {
        const c = getClaim(ws.db, resolveClaimId(ws, idOrRef));
        const documents = listDocuments(ws.db, c.id);
        const history = claimHistory(ws.db, c.id);
        if (opts.json) return printJson({ ...c, documents, history });
        const f = c.fields;
        println(`${c.reference}  ${CLAIM_STATUS_LABELS[c.status].zh}`);
        println(
          `参保人：${c.claimantName}    ${CARE_SETTING_LABELS[f.careSetting].zh}  ${f.hospital}（${f.treatmentRegion}）`,
        );
        println(
          f.careSetting === 'inpatient'
            ? `住院：${f.admissionDate} 至 ${f.dischargeDate}`
            : `就诊日期：${f.visitDate}`,
        );
        if (f.crossRegion)
          println(
            `异地就医：${FILING_TYPE_LABELS[f.crossRegion.filingType].zh} ${f.crossRegion.filingDate ?? ''}`,
          );
        println(`材料（${documents.length}）：`);
        for (const d of documents)
          println(
            `  ${d.position}. ${DOCUMENT_KIND_LABELS[d.kind].zh}  ${d.pages.map((p) => p.originalName).join(', ')}`,
          );
        println('进度：');
        for (const h of history)
          println(
            `  ${h.changedAt.slice(0, 16).replace('T', ' ')}  ${CLAIM_STATUS_LABELS[h.to].zh}  ${h.note}`,
          );
      });
    });
  claim
    .command('status')
    .description('更改状态 move a claim along its life cycle')
    .argument('<claim>', '报销单编号或单号')
    .argument('<status>', `新状态：${Object.keys(CLAIM_STATUS_LABELS).join('|')}`)
    .option('--note <text>', '备注', '')
    .option('--json', 'JSON output')
    .action(async (idOrRef: string, status: string, opts: { note: string; json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, (ws) => {
        const c = transitionClaim(ws.db, resolveClaimId(ws, idOrRef), status, opts.note);
        if (opts.json) printJson(c);
        else println(`${c.reference} 已改为“${CLAIM_STATUS_LABELS[c.status].zh}”`);
      });
    });

  program
    .command('import')
    .description('把文件作为一份材料导入报销单 import files as the pages of one document')
    .argument('<claim>', '报销单编号或单号')
    .argument('<files...>', '照片或 PDF')
    .requiredOption('--kind <kind>', `材料类型：${Object.keys(DOCUMENT_KIND_LABELS).join('|')}`)
    .option('--no-check', '不做照片质量检查')
    .option('--json', 'JSON output')
    .action(
      async (
        idOrRef: string,
        files: string[],
        opts: { kind: string; check: boolean; json?: boolean },
        cmd: Command,
      ) => {
        await withWorkspace(cmd, async (ws) => {
          // Heavy modules (sharp, pdf-lib, the QR and OCR readers, pdf.js) load when the command runs, not at start-up.
          const { importDocument, indexClaimInvoices } = await import('../../core/import');
          const doc = await importDocument(ws, {
            claimId: resolveClaimId(ws, idOrRef),
            kind: opts.kind,
            paths: files,
            checks: opts.check,
          });
          // Read the invoice's QR code now, so the board finds the claim by invoice number straight away.
          if (doc.kind === 'invoice') await indexClaimInvoices(ws, doc.claimId);
          if (opts.json) return printJson(doc);
          println(
            `已导入 ${DOCUMENT_KIND_LABELS[doc.kind].zh}（${doc.pages.length} 页）到报销单 #${doc.claimId}`,
          );
        });
      },
    );
}
