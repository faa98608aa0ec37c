// Loads rule packs from resources/rules/ (or a file the user names), merges a regional pack over the pack it
// extends, and validates the result. A broken pack is refused with the JSON path of the first bad field.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { DocumentKind } from '../../../shared/domain';
import {
  RegionalRulePack,
  RequirementRule,
  RulePack,
  TimeRules,
  type RegionalRulePack as RegionalPackT,
} from '../../../shared/rules';
import { ClaimDeskError } from '../errors';
import { resourcesDir } from '../paths';
import { firstIssue, ZH_ZOD_ERRORS } from './json-path';

export const DEFAULT_PACK_ID = 'national';
/** A regional pack may extend a pack that extends another; deeper chains are a mistake (or a loop). */
const MAX_EXTENDS_DEPTH = 4;
const PACK_ID = /^[a-z][a-z0-9-]*$/;

export function rulesDir(): string {
  return join(resourcesDir(), 'rules');
}

function packInvalid(file: string, field: string, zh: string, en = zh): ClaimDeskError {
  const where = field ? `字段 ${field} ` : '内容';
  return new ClaimDeskError(
    'rule_pack_invalid',
    `规则包 ${file} 的${where}有误：${zh}`,
    `rule pack ${file}: invalid ${field || 'content'}: ${en}`,
    {
      field: field || file,
    },
  );
}

function readPackJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ClaimDeskError(
      'rule_pack_invalid',
      code === 'ENOENT' ? `找不到规则包文件：${file}` : `无法读取规则包 ${file}（${code ?? String(err)}）`,
      code === 'ENOENT'
        ? `rule pack not found: ${file}`
        : `cannot read rule pack ${file} (${code ?? String(err)})`,
      { field: file, cause: err },
    );
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (err) {
    throw packInvalid(
      file,
      '',
      `不是有效的 JSON（${(err as Error).message}）`,
      `not valid JSON (${(err as Error).message})`,
    );
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Objects merge key by key; arrays and scalars in the override replace the base value. */
function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(override)) out[k] = k in base ? deepMerge(base[k], v) : v;
  return out;
}

function mergeRegional(file: string, base: RulePack, regional: RegionalPackT): RulePack {
  let time = base.time;
  if (regional.time) {
    const merged = TimeRules.safeParse(deepMerge(base.time, regional.time), ZH_ZOD_ERRORS);
    if (!merged.success) {
      const { field, message } = firstIssue(merged.error, 'time');
      throw packInvalid(file, field, message);
    }
    time = merged.data;
  }
  const requirements = base.requirements.filter((r) => !regional.removeRequirements.includes(r.id));
  for (const id of regional.removeRequirements) {
    if (!base.requirements.some((r) => r.id === id)) {
      throw packInvalid(
        file,
        'removeRequirements',
        `基础规则包里没有要求 ${id}`,
        `base pack has no requirement ${id}`,
      );
    }
  }
  regional.requirements.forEach((entry, i) => {
    const at = requirements.findIndex((r) => r.id === entry.id);
    const merged = RequirementRule.safeParse(
      at >= 0 ? { ...requirements[at], ...entry } : entry,
      ZH_ZOD_ERRORS,
    );
    if (!merged.success) {
      const { field, message } = firstIssue(merged.error, `requirements[${i}]`);
      throw packInvalid(file, field, message);
    }
    if (at >= 0) requirements[at] = merged.data;
    else requirements.push(merged.data);
  });
  const pack = RulePack.safeParse(
    {
      id: regional.id,
      name: regional.name,
      version: regional.version,
      regions: regional.regions,
      description: regional.description,
      time,
      requirements,
    },
    ZH_ZOD_ERRORS,
  );
  if (!pack.success) {
    const { field, message } = firstIssue(pack.error);
    throw packInvalid(file, field, message);
  }
  return pack.data;
}

function packFileFor(idOrPath: string, nearDir?: string): string {
  const looksLikePath = idOrPath.includes('/') || idOrPath.includes('\\') || idOrPath.endsWith('.json');
  if (looksLikePath) return isAbsolute(idOrPath) ? idOrPath : resolve(idOrPath);
  if (!PACK_ID.test(idOrPath)) {
    throw new ClaimDeskError(
      'rule_pack_invalid',
      `规则包名称“${idOrPath}”无效：只能用小写字母、数字和连字符，或给出 .json 文件路径`,
      `invalid rule pack name "${idOrPath}": use lower-case letters, digits and hyphens, or a .json path`,
      { field: 'rules' },
    );
  }
  // A regional pack next to its base (a user's own folder) wins over the bundled one of the same id.
  if (nearDir) {
    const near = join(nearDir, `${idOrPath}.json`);
    try {
      readFileSync(near);
      return near;
    } catch {
      // not beside it: use the bundled pack
    }
  }
  return join(rulesDir(), `${idOrPath}.json`);
}

function loadPackFile(file: string, depth: number): RulePack {
  const raw = readPackJson(file);
  if (isPlainObject(raw) && 'extends' in raw) {
    if (depth >= MAX_EXTENDS_DEPTH)
      throw packInvalid(
        file,
        'extends',
        '继承层数太多（是否循环继承？）',
        'extends chain too deep (a loop?)',
      );
    const regional = RegionalRulePack.safeParse(raw, ZH_ZOD_ERRORS);
    if (!regional.success) {
      const { field, message } = firstIssue(regional.error);
      throw packInvalid(file, field, message);
    }
    const baseFile = packFileFor(regional.data.extends, dirname(file));
    if (resolve(baseFile) === resolve(file))
      throw packInvalid(file, 'extends', '规则包不能继承自己', 'a pack cannot extend itself');
    return mergeRegional(file, loadPackFile(baseFile, depth + 1), regional.data);
  }
  const pack = RulePack.safeParse(raw, ZH_ZOD_ERRORS);
  if (!pack.success) {
    const { field, message } = firstIssue(pack.error);
    throw packInvalid(file, field, message);
  }
  return pack.data;
}

/**
 * The bundled packs as they are on disk now: each file's name, size and modification time. Any edit to a
 * pack changes it. Cheap (a directory listing and a stat per pack), so it is asked on every load.
 */
export function rulePacksSignature(): string {
  const dir = rulesDir();
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => {
      const s = statSync(join(dir, n));
      return `${n}:${s.size}:${s.mtimeMs}`;
    })
    .join('|');
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/**
 * Bundled packs parsed once while the rules folder is unchanged: reading, parsing and validating a pack took
 * ~3 ms of an evaluation's ~9 (every claim the board showed paid it). Frozen: one object serves every caller.
 */
const bundledPacks = new Map<string, { signature: string; pack: RulePack }>();

/**
 * The rule pack by id (a file in resources/rules/) or by path to a .json file; the national pack when
 * omitted. Regional packs are merged over the pack they extend. Throws rule_pack_invalid naming the field.
 */
export function loadRulePack(regionOrPath?: string): RulePack {
  const file = packFileFor(regionOrPath ?? DEFAULT_PACK_ID);
  // A pack of the rules folder (and whatever it extends there) is kept until a file of the folder changes;
  // a pack given by path is read each time.
  if (resolve(dirname(file)) !== resolve(rulesDir())) return loadPackFile(file, 0);
  const signature = rulePacksSignature();
  const kept = bundledPacks.get(file);
  if (kept?.signature === signature) return kept.pack;
  const pack = deepFreeze(loadPackFile(file, 0));
  bundledPacks.set(file, { signature, pack });
  return pack;
}

export interface RulePackInfo {
  id: string;
  name: string;
  regions: string[];
  file: string;
}

let listed: { signature: string; packs: RulePackInfo[] } | null = null;

/** The bundled packs, for a picker in the UI. Broken files are skipped here and reported when loaded. */
export function listRulePacks(): RulePackInfo[] {
  const signature = rulePacksSignature();
  if (listed?.signature !== signature) listed = { signature, packs: deepFreeze(readRulePackList()) };
  return [...listed.packs];
}

function readRulePackList(): RulePackInfo[] {
  const out: RulePackInfo[] = [];
  for (const name of readdirSync(rulesDir())
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const file = join(rulesDir(), name);
    let raw: unknown;
    try {
      raw = readPackJson(file);
    } catch {
      continue;
    }
    // Only a pack whose id matches its file name can be loaded by id.
    if (!isPlainObject(raw) || raw.id !== basename(name, '.json') || typeof raw.name !== 'string') continue;
    const regions = Array.isArray(raw.regions)
      ? raw.regions.filter((r): r is string => typeof r === 'string')
      : [];
    out.push({ id: raw.id, name: raw.name, regions, file });
  }
  return out;
}

/**
 * The pack for a claimant's insured region (参保地): the bundled pack whose `regions` has the longest
 * prefix of it, else the national pack. Rules follow the insured region, not where care happened.
 */
export function rulePackForRegion(insuredRegion: string): RulePack {
  const region = insuredRegion.replace(/\s/g, '');
  let best: { id: string; len: number } | null = null;
  for (const info of listRulePacks()) {
    for (const r of info.regions) {
      if (region.startsWith(r) && (!best || r.length > best.len)) best = { id: info.id, len: r.length };
    }
  }
  return loadRulePack(best?.id ?? DEFAULT_PACK_ID);
}

/** Document kinds that must carry a seal under some requirement of the pack (`check --kind` uses it). */
export function sealRequiredKinds(pack: RulePack): DocumentKind[] {
  const kinds = new Set<DocumentKind>();
  for (const r of pack.requirements) {
    if (r.checks.some((c) => c.check === 'seal')) for (const k of r.kinds) kinds.add(k);
  }
  return [...kinds];
}
