// The layer rule: the architecture lives in folder names, and this rule keeps imports flowing
// the right way, the way VS Code's `code-layering` rule does.
//
// Two axes, both read from a file's path:
//   package  domain <- hardware, vision, payments <- cart-app, and domain, payments <- store.
//            cli, bench, test and tools sit on top and may import anything.
//   runtime  common (pure: no Node, no DOM) <- node | browser <- electron-main.
// A file outside any runtime folder counts as `node` (top-level tools, scripts).
import path from 'node:path';
import { builtinModules } from 'node:module';

const PACKAGE_MAY_IMPORT = {
  domain: ['domain'],
  hardware: ['hardware', 'domain'],
  vision: ['vision', 'hardware', 'domain'],
  payments: ['payments', 'domain'],
  store: ['store', 'payments', 'domain'],
  'cart-app': ['cart-app', 'hardware', 'vision', 'payments', 'domain'],
};
const TOP = new Set(['cli', 'bench', 'test', 'tools', 'catalogs']);

const RUNTIME_MAY_IMPORT = {
  common: ['common'],
  node: ['common', 'node'],
  browser: ['common', 'browser'],
  'electron-main': ['common', 'node', 'electron-main'],
};
const RUNTIMES = Object.keys(RUNTIME_MAY_IMPORT);
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function classify(root, file) {
  const rel = path.relative(root, file).split(path.sep);
  // Outside the project, or a root-level config file (eslint.config.js, vitest.config.ts): no layer.
  if (rel[0] === '..' || rel.length === 1) return null;
  const runtime = rel.slice(1, -1).find((part) => RUNTIMES.includes(part)) ?? 'node';
  return { pkg: rel[0], runtime };
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid imports that cross Tally layers the wrong way' },
    schema: [],
    messages: {
      pkg: "'{{from}}' may not import from '{{to}}' (allowed: {{allowed}}); see ARCHITECTURE.md",
      runtime: "a {{from}} file may not import {{to}} code ('{{spec}}'); see ARCHITECTURE.md",
      builtin: "a {{from}} file may not import the Node built-in '{{spec}}'; move it to a node/ folder",
    },
  },
  create(context) {
    const root = context.cwd;
    const here = classify(root, context.filename);
    if (!here || TOP.has(here.pkg)) return {};
    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (NODE_BUILTINS.has(spec)) {
        if (here.runtime === 'common' || here.runtime === 'browser') {
          context.report({ node, messageId: 'builtin', data: { from: here.runtime, spec } });
        }
        return;
      }
      if (!spec.startsWith('.')) return; // packages from node_modules are judged by review, not here
      const there = classify(root, path.resolve(path.dirname(context.filename), spec));
      if (!there) return;
      const allowedPkgs = PACKAGE_MAY_IMPORT[here.pkg] ?? [here.pkg];
      if (!allowedPkgs.includes(there.pkg)) {
        context.report({ node, messageId: 'pkg', data: { from: here.pkg, to: there.pkg, allowed: allowedPkgs.join(', ') } });
        return;
      }
      if (!RUNTIME_MAY_IMPORT[here.runtime].includes(there.runtime)) {
        context.report({ node, messageId: 'runtime', data: { from: here.runtime, to: there.runtime, spec } });
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
