// The layers inside electron/core, lowest first, and the lint rule that holds them: a module may import its
// own layer and the layers below it, never one above (docs/architecture.md, "Layers inside core"). Type-only
// imports count too: a type names the module it comes from as much as a value does. Every module of core
// belongs to exactly one layer; a new top-level file or folder is refused until it is placed here.
import { dirname, relative, resolve, sep } from 'node:path';

/** Members are folders (`files`) or top-level modules without their extension (`repo`). */
export const CORE_LAYERS = [
  {
    name: 'base',
    what: 'errors, lazy loading of heavy libraries, where data and resources live, the work meter, red ink, time limits',
    members: ['errors', 'lazy', 'paths', 'work-meter', 'red-ink', 'time-limit'],
  },
  { name: 'storage', what: 'files by hash, the database behind its contract', members: ['files', 'db'] },
  {
    name: 'papers',
    what: 'what one paper shows, from its file alone: PDF rendering, photo checks, words, invoice codes',
    members: ['pdf', 'quality', 'ocr', 'invoices'],
  },
  { name: 'rules', what: 'rule packs and the pure evaluation of a claim', members: ['rules'] },
  {
    name: 'records',
    what: 'the data folder and its rows: people, claims, status, confirmations, backups, a stored claim’s verdict',
    members: [
      'workspace',
      'repo',
      'claim-evaluation',
      'claim-verdict',
      'claim-lock',
      'claim-selection',
      'claim-status',
      'claim-trash',
      'confirmations',
      'field-corrections',
      'pledge',
      'backup',
      'backup-schedule',
    ],
  },
  { name: 'pages', what: 'one page analysed once: store, decode, check, read', members: ['pages'] },
  {
    name: 'intake',
    what: 'ways in: files dropped or imported, a stack sorted by kind, a claim manifest on disk',
    members: ['import', 'import-files', 'import-stack', 'manifest'],
  },
  { name: 'export', what: 'the PDF bundle, bulk export, the claim list', members: ['export'] },
  {
    name: 'api',
    what: 'the IPC handlers and worker threads: they adapt, they decide nothing',
    members: ['api'],
  },
];

const layerOfMember = new Map(CORE_LAYERS.flatMap((l, i) => l.members.map((m) => [m, i])));
const ORDER = CORE_LAYERS.map((l) => l.name).join(' → ');

/** The member of core a path inside it belongs to: its top folder, or its own name without extension. */
function memberOf(pathInCore) {
  const [first, ...rest] = pathInCore.split(sep);
  return rest.length > 0 ? first : first.replace(/\.(d\.ts|tsx?|mjs|js)$/, '');
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'electron/core imports only its own layer and the layers below (docs/architecture.md)',
    },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      upward:
        '{{from}} (layer {{fromLayer}}) must not import {{to}} (layer {{toLayer}}): core imports only down the layers {{order}} (docs/architecture.md).',
      unplaced:
        '{{member}} is in no layer of electron/core: add it to CORE_LAYERS in scripts/lint/core-layers.js and to docs/architecture.md.',
    },
  },
  create(context) {
    const core = resolve(context.cwd, context.options[0]?.root ?? 'electron/core');
    const file = context.filename;
    const inCore = relative(core, file);
    if (inCore.startsWith('..') || inCore === '') return {};
    const from = memberOf(inCore);
    const fromLayer = layerOfMember.get(from);

    function check(node, spec) {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = relative(core, resolve(dirname(file), spec));
      if (target.startsWith('..') || target === '') return;
      const to = memberOf(target);
      const toLayer = layerOfMember.get(to);
      // A target in no layer is reported where it lives; only a known upward step is reported here.
      if (fromLayer === undefined || toLayer === undefined || toLayer <= fromLayer) return;
      context.report({
        node,
        messageId: 'upward',
        data: {
          from,
          fromLayer: CORE_LAYERS[fromLayer].name,
          to,
          toLayer: CORE_LAYERS[toLayer].name,
          order: ORDER,
        },
      });
    }

    return {
      Program(node) {
        if (fromLayer === undefined) context.report({ node, messageId: 'unplaced', data: { member: from } });
      },
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      TSImportType: (node) => {
        const arg = node.argument;
        const lit = arg?.type === 'TSLiteralType' ? arg.literal : arg;
        if (lit?.type === 'Literal') check(node, lit.value);
      },
    };
  },
};

export default { rules: { 'core-layers': rule } };
