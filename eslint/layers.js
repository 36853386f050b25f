// The layers inside the core (electron/), enforced at lint time as VS Code enforces its own: a
// module may import its own folder and the folders of lower tiers, never a sibling or a higher
// tier. docs/architecture.md explains each layer; a new folder must be added to a tier here.
import { dirname, relative, resolve, sep } from 'node:path';

/** @typedef {import('@typescript-eslint/types').TSESTree.TSImportEqualsDeclaration} TsImportEquals */
/** @typedef {import('@typescript-eslint/types').TSESTree.TSImportType} TsImportType */

/** Lowest first. Folders in one tier are siblings and may not import each other. */
export const tiers = [
  ['platform'],
  ['storage'],
  ['audit'],
  ['vault'],
  ['plugins'],
  ['services'],
  ['operations'],
  ['lifecycle'],
  ['sessions'],
  ['core'],
  ['host', 'shell', 'cli'],
];

const tierOf = new Map(tiers.flatMap((folders, tier) => folders.map((folder) => [folder, tier])));

/** The name a file directly in electron/ (outside every folder) is checked under: no tier has it. */
const looseFile = '(a file directly in electron/)';

/**
 * `electron/<folder>/...` → folder; undefined outside electron/ (shared/, node_modules, ...).
 * A file directly in electron/ gets a name no tier holds, so it is reported, not skipped.
 * @param {string} root
 * @param {string} file
 * @returns {string | undefined}
 */
function coreFolder(root, file) {
  const parts = relative(root, file).split(sep);
  if (parts[0] !== 'electron' || parts.length < 2) return undefined;
  return parts.length === 2 ? looseFile : parts[1];
}

/**
 * The module path an import names, when it is written as a constant; null when it is computed
 * (a dynamic import of a variable escapes the check, so inside electron/ it is refused).
 * @param {import('estree').Node | null | undefined} source
 * @returns {string | null}
 */
function pathOf(source) {
  if (source?.type === 'Literal' && typeof source.value === 'string') return source.value;
  if (source?.type === 'TemplateLiteral' && source.expressions.length === 0)
    return source.quasis[0]?.value.cooked ?? null;
  return null;
}

/**
 * The message for an import from `from` to `to`, or undefined when the layering allows it.
 * @param {string} from
 * @param {string} to
 * @returns {string | undefined}
 */
export function layerViolation(from, to) {
  if (from === to) return undefined;
  const fromTier = tierOf.get(from);
  const toTier = tierOf.get(to);
  const where = (/** @type {string} */ folder) => (folder === looseFile ? folder : `electron/${folder}/`);
  if (fromTier === undefined) return `${where(from)} is in no layer: add it to a tier in eslint/layers.js.`;
  if (toTier === undefined) return `${where(to)} is in no layer: add it to a tier in eslint/layers.js.`;
  if (toTier < fromTier) return undefined;
  const why = toTier === fromTier ? 'a sibling layer' : 'a higher layer';
  return `electron/${from}/ may not import electron/${to}/ (${why}): move what both need down.`;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'A module inside electron/ imports only its own folder and lower layers.' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
  },
  create(context) {
    const options = /** @type {{ root?: string }[]} */ (context.options);
    const root = options[0]?.root ?? context.cwd;
    const from = coreFolder(root, context.filename);
    if (from === undefined) return {};
    /**
     * @param {import('estree').Node | import('@typescript-eslint/types').TSESTree.Node | null | undefined} source the node naming the module
     * @param {boolean} computedIsWrong whether a path that is not a constant is itself a finding
     */
    const check = (source, computedIsWrong = false) => {
      if (source === null || source === undefined) return;
      const path = pathOf(/** @type {import('estree').Node} */ (source));
      if (path === null) {
        if (computedIsWrong)
          context.report({
            node: /** @type {import('estree').Node} */ (source),
            message: 'Inside electron/ a module is loaded by a constant path, so its layer can be checked.',
          });
        return;
      }
      if (!path.startsWith('.')) return;
      const to = coreFolder(root, resolve(dirname(context.filename), path));
      const message = to === undefined ? undefined : layerViolation(from, to);
      if (message !== undefined)
        context.report({ node: /** @type {import('estree').Node} */ (source), message });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source, true),
      // `import x = require('...')`, `typeof import('...')` and a plain `require('...')` load a
      // module as surely as an import statement does.
      /** @param {TsImportEquals} node */
      TSImportEqualsDeclaration: (node) => {
        if ('expression' in node.moduleReference) check(node.moduleReference.expression);
      },
      /** @param {TsImportType} node */
      TSImportType: (node) => check(node.source),
      CallExpression: (node) => {
        const { callee } = node;
        const isRequire =
          (callee.type === 'Identifier' && callee.name === 'require') ||
          (callee.type === 'MemberExpression' &&
            callee.property.type === 'Identifier' &&
            callee.property.name === 'require');
        if (isRequire) check(node.arguments[0], true);
      },
      // createRequire makes a require under any name, out of the rule's sight: refused outright.
      ImportSpecifier: (node) => {
        const imported =
          node.imported.type === 'Identifier' ? node.imported.name : String(node.imported.value);
        if (imported === 'createRequire')
          context.report({
            node,
            message: 'Inside electron/ modules are imported, not required through createRequire.',
          });
      },
    };
  },
};

/** @type {import('eslint').ESLint.Plugin} */
export const layersPlugin = { rules: { 'import-down': rule } };
