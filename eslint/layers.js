// The layers inside the core (electron/), enforced at lint time as VS Code enforces its own: a
// module may import its own folder and the folders of lower tiers, never a sibling or a higher
// tier. docs/architecture.md explains each layer; a new folder must be added to a tier here.
import { dirname, relative, resolve, sep } from 'node:path';

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

/**
 * `electron/<folder>/...` → folder; undefined outside electron/ (shared/, node_modules, ...).
 * @param {string} root
 * @param {string} file
 * @returns {string | undefined}
 */
function coreFolder(root, file) {
  const parts = relative(root, file).split(sep);
  return parts[0] === 'electron' && parts.length > 2 ? parts[1] : undefined;
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
  if (fromTier === undefined)
    return `electron/${from}/ is in no layer: add it to a tier in eslint/layers.js.`;
  if (toTier === undefined) return `electron/${to}/ is in no layer: add it to a tier in eslint/layers.js.`;
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
    /** @param {import('estree').Node | null | undefined} source */
    const check = (source) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      if (!source.value.startsWith('.')) return;
      const to = coreFolder(root, resolve(dirname(context.filename), source.value));
      const message = to === undefined ? undefined : layerViolation(from, to);
      if (message !== undefined) context.report({ node: source, message });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

/** @type {import('eslint').ESLint.Plugin} */
export const layersPlugin = { rules: { 'import-down': rule } };
