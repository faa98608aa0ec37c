// Data commands: households, people, claims, import, life cycle.
import type { Command } from 'commander';
import { dirname, resolve } from 'node:path';
import {
  CARE_SETTING_LABELS,
  DOCUMENT_KIND_LABELS,
  FILING_TYPE_LABELS,
  RELATION_LABELS,
} from '../../../shared/domain';
import { CLAIM_STATUS_LABELS } from '../../../shared/lifecycle';
import { formatDateZh } from '../../../shared/dates';
import { maskDigits } from '../../../shared/validators';
import { processingNoteFor } from '../../core/claim-processing';
import { localToday } from '../../core/rules/dates';
import { InvalidInputError } from '../../core/errors';
import { CLAIM_SORTS, type ClaimSort, type Session } from '../../core/db/contract';
import {
  claimHistory,
  createClaim,
  createHousehold,
  createPerson,
  findClaimByReference,
  getClaim,
  getPerson,
  listClaims,
  listDocuments,
  listHouseholds,
  listPeople,
  transitionClaim,
  updateClaim,
} from '../../core/repo-async';
import { parseId, printJson, println, withStorage } from '../context';
import { parseToday } from './evaluate';

function noSuchClaim(idOrRef: string): InvalidInputError {
  return new InvalidInputError(`找不到报销单“${idOrRef}”`, `no claim "${idOrRef}"`, 'claim');
}

/** A claim named by its number (id) or its reference (BX…). */
async function resolveClaimId(s: Session, idOrRef: string): Promise<number> {
  if (/^\d+$/.test(idOrRef)) return Number(idOrRef);
  const c = await findClaimByReference(s, idOrRef);
  if (!c) throw noSuchClaim(idOrRef);
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
      await withStorage(cmd, async (db) => {
        const h = await createHousehold(db, { name: opts.name, notes: opts.notes });
        if (opts.json) printJson(h);
        else println(`已创建户 #${h.id} ${h.name}`);
      });
    });
  household
    .command('list')
    .description('列出所有户 list households')
    .option('--json', 'JSON output')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withStorage(cmd, async (db) => {
        const rows = await listHouseholds(db);
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
      await withStorage(cmd, async (db) => {
        const bank =
          opts.bank || opts.bankNumber
            ? { bank: opts.bank ?? '', number: opts.bankNumber ?? '', holder: opts.bankHolder ?? opts.name }
            : null;
        const p = await createPerson(db, {
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
      await withStorage(cmd, async (db) => {
        const rows = await listPeople(
          db,
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
    .option('--filing-offline', '备案是在参保地医保经办机构窗口办的（线下备案）')
    .option('--filed-place <place>', '备案记录上的就医地')
    .option('--filing-start <date>', '备案记录上的开始日期 YYYY-MM-DD')
    .option('--filing-end <date>', '备案记录上的结束日期 YYYY-MM-DD')
    .option('--special-drugs', '使用了特殊药品')
    .option('--amount <yuan>', '总金额（元）')
    .option('--applicant-relation <relation>', '代办人与参保人关系（默认本人 self）', 'self')
    .option('--applicant-person <personId>', '代办人（成员编号）')
    .option('--applicant-name <name>', '代办人姓名')
    .option('--applicant-id-number <id>', '代办人身份证号')
    .option('--notes <text>', '备注', '')
    .option('--json', 'JSON output')
    .action(async (opts: Record<string, string | boolean | undefined>, cmd: Command) => {
      await withStorage(cmd, async (db) => {
        let applicant: Record<string, unknown> = { relation: 'self' };
        if (opts.applicantRelation !== 'self') {
          const personId = opts.applicantPerson
            ? parseId(String(opts.applicantPerson), '--applicant-person')
            : null;
          const p = personId ? (await listPeople(db)).find((x) => x.id === personId) : undefined;
          applicant = {
            relation: opts.applicantRelation,
            personId,
            name: opts.applicantName ?? p?.name,
            idNumber: opts.applicantIdNumber ?? p?.idNumber,
          };
        }
        const c = await createClaim(db, {
          claimantId: parseId(String(opts.claimant), '--claimant'),
          applicant,
          careSetting: opts.care,
          hospital: opts.hospital,
          treatmentRegion: opts.region,
          visitDate: opts.visitDate ?? null,
          admissionDate: opts.admission ?? null,
          dischargeDate: opts.discharge ?? null,
          crossRegion: opts.filingType
            ? {
                filingType: opts.filingType,
                filingDate: opts.filingDate ?? null,
                offline: opts.filingOffline === true,
                filedPlace: opts.filedPlace ?? null,
                startDate: opts.filingStart ?? null,
                endDate: opts.filingEnd ?? null,
              }
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
      await withStorage(cmd, async (db) => {
        if (!CLAIM_SORTS.includes(opts.sort as ClaimSort)) {
          throw new InvalidInputError(
            `排序方式必须是 ${CLAIM_SORTS.join('、')}`,
            `--sort must be one of ${CLAIM_SORTS.join(', ')}`,
            'sort',
          );
        }
        const page = await listClaims(db, {
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
      await withStorage(cmd, async (db) => {
        const c = await getClaim(db, await resolveClaimId(db, idOrRef));
        const documents = await listDocuments(db, c.id);
        const history = await claimHistory(db, c.id);
        if (opts.json) return printJson({ ...c, documents, history });
        const f = c.fields;
        println(`${c.reference}  ${CLAIM_STATUS_LABELS[c.status].zh}  第 ${c.stamp.version} 版`);
        println(
          `参保人：${c.claimantName}    ${CARE_SETTING_LABELS[f.careSetting].zh}  ${f.hospital}（${f.treatmentRegion}）`,
        );
        const day = (d: string | null) => (d ? formatDateZh(d) : '未填');
        println(
          f.careSetting === 'inpatient'
            ? `住院：${day(f.admissionDate)}至${day(f.dischargeDate)}`
            : `就诊日期：${day(f.visitDate)}`,
        );
        const cross = f.crossRegion;
        if (cross) {
          const facts = [
            cross.filingDate ? `备案日期 ${formatDateZh(cross.filingDate)}` : '',
            cross.offline ? '在窗口办理' : '',
            cross.filedPlace ? `备案就医地 ${cross.filedPlace}` : '',
            cross.startDate || cross.endDate ? `备案起止 ${day(cross.startDate)}至${day(cross.endDate)}` : '',
          ].filter(Boolean);
          println(
            `异地就医：${FILING_TYPE_LABELS[cross.filingType].zh}${facts.length ? `（${facts.join('，')}）` : ''}`,
          );
        }
        println(`材料（${documents.length}）：`);
        for (const d of documents)
          println(
            `  ${d.position}. ${DOCUMENT_KIND_LABELS[d.kind].zh}  ${d.pages.map((p) => p.originalName).join(', ')}`,
          );
        println('进度：');
        const steps = await db.claimFacts.historyWithFacts(c.id);
        for (const h of steps)
          println(
            `  ${formatDateZh(h.happenedOn ?? localToday(new Date(h.changedAt)))}  ${CLAIM_STATUS_LABELS[h.to].zh}  ${h.note}`,
          );
        // 审核中 1-3 / 打款中 2-7 / 3-10 working days in all (003); past them, 12393.
        const person = await getPerson(db, f.claimantId);
        const note = processingNoteFor(c.status, steps, person.insuredRegion);
        if (note) println(`  ${note.overdue ? '!' : '·'} ${note.zh}`);
      });
    });
  claim
    .command('export')
    .description('导出报销单的 PDF 材料包 export a stored claim’s bundle (on either engine)')
    .argument('<claim>', '报销单编号或单号')
    .requiredOption('--out <file.pdf>', '导出的 PDF 文件路径（所在文件夹必须已存在）')
    .option('--allow-incomplete', '材料不全或还有问题时也导出（封面会写明问题）')
    .option('--today <date>', '按这一天计算期限（YYYY-MM-DD），默认今天')
    .option('--images <dir>', '同时把每页材料导出为上传用 JPEG')
    .option('--json', 'JSON output')
    .action(
      async (
        idOrRef: string,
        opts: { out: string; allowIncomplete?: boolean; today?: string; images?: string; json?: boolean },
        cmd: Command,
      ) => {
        if (!opts.out.toLowerCase().endsWith('.pdf'))
          throw new InvalidInputError(
            `--out 必须是 .pdf 文件，收到“${opts.out}”`,
            `--out must name a .pdf file, got "${opts.out}"`,
            'out',
          );
        const today = parseToday(opts.today) ?? localToday();
        const out = resolve(opts.out);
        // A wrong output folder is found before the claim is read, not after.
        const { assertWritableFolder } = await import('../../core/export/output');
        await assertWritableFolder(dirname(out));
        await withStorage(cmd, async (db) => {
          // Heavy modules (sharp, pdf-lib, pdf.js) load when the command runs, not at start-up.
          const { exportStoredClaim } = await import('../../core/export/stored-claim');
          const r = await exportStoredClaim(db, {
            claimId: await resolveClaimId(db, idOrRef),
            outFile: out,
            imagesDir: opts.images ? resolve(opts.images) : null,
            allowIncomplete: opts.allowIncomplete ?? false,
            today,
            onProgress: () => undefined,
          });
          if (opts.json) return printJson({ output: out, pages: r.pages, images: r.images });
          println(`材料包：${out}（${r.pages} 页）`);
          if (r.images.length) println(`上传用图片：${r.images.length} 张`);
        });
      },
    );
  claim
    .command('edit')
    .description('修改报销单 edit a claim’s details (a claim that was ready goes back to draft)')
    .argument('<claim>', '报销单编号或单号')
    .option('--hospital <name>', '医院')
    .option('--region <region>', '就医地')
    .option('--visit-date <date>', '门诊就诊日期 YYYY-MM-DD')
    .option('--admission <date>', '入院日期 YYYY-MM-DD')
    .option('--discharge <date>', '出院日期 YYYY-MM-DD')
    .option('--amount <yuan>', '总金额（元）')
    .option('--notes <text>', '备注')
    .option(
      '--expect-version <n>',
      '只在报销单仍是这个版本时保存（claim show --json 的 stamp.version）；别处改过则拒绝并说明是谁、何时改的',
    )
    .option('--json', 'JSON output')
    .action(async (idOrRef: string, opts: Record<string, string | boolean | undefined>, cmd: Command) => {
      await withStorage(cmd, async (db) => {
        const before = await getClaim(db, await resolveClaimId(db, idOrRef));
        const f = before.fields;
        const pick = (v: string | boolean | undefined, old: string | null) =>
          v === undefined ? old : String(v);
        const c = await updateClaim(
          db,
          before.id,
          {
            ...f,
            hospital: pick(opts.hospital, f.hospital),
            treatmentRegion: pick(opts.region, f.treatmentRegion),
            visitDate: pick(opts.visitDate, f.visitDate),
            admissionDate: pick(opts.admission, f.admissionDate),
            dischargeDate: pick(opts.discharge, f.dischargeDate),
            totalAmount: opts.amount === undefined ? f.totalAmount : parseAmount(String(opts.amount)),
            notes: pick(opts.notes, f.notes),
          },
          {
            expectedVersion:
              opts.expectVersion === undefined
                ? undefined
                : parseId(String(opts.expectVersion), '--expect-version'),
          },
        );
        if (opts.json) printJson(c);
        else println(`${c.reference} 已保存（第 ${c.stamp.version} 版）`);
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
      await withStorage(cmd, async (db) => {
        const c = await transitionClaim(db, await resolveClaimId(db, idOrRef), status, opts.note);
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
        // Either engine: the data folder, or the office's shared database (originals stored there).
        await withStorage(cmd, async (db) => {
          // Heavy modules (sharp, pdf-lib, the QR and OCR readers, pdf.js) load when the command runs, not at start-up.
          const { importDocument, indexClaimInvoices } = await import('../../core/import');
          const doc = await importDocument(db, {
            claimId: await resolveClaimId(db, idOrRef),
            kind: opts.kind,
            paths: files,
            checks: opts.check,
          });
          // Read the invoice's QR code now, so the board finds the claim by invoice number straight away.
          if (doc.kind === 'invoice') await indexClaimInvoices(db, doc.claimId);
          if (opts.json) return printJson(doc);
          println(
            `已导入 ${DOCUMENT_KIND_LABELS[doc.kind].zh}（${doc.pages.length} 页）到报销单 #${doc.claimId}`,
          );
        });
      },
    );
}
