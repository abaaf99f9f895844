// @ts-check
/**
 * The layering of the repository's packages, in one place (decision 021, docs/architecture.md):
 * which packages of ours each may import. scripts/layering.test.ts checks every package.json and
 * source file against it; the ESLint rule below says the same in the editor, for every file of a
 * package (its src, tests, scripts, loader).
 */
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @type {Readonly<Record<string, readonly string[]>>} */
export const ALLOWED = {
  core: [],
  contract: ['core'],
  inputs: [],
  cli: ['core', 'inputs'],
  server: ['contract', 'core', 'inputs'],
  web: ['contract', 'core'],
};

/**
 * What a package's tests may use beyond ALLOWED: the web's browser tests drive the whole app,
 * so they start the server and open its database.
 * @type {Readonly<Record<string, readonly string[]>>}
 */
export const TESTS_ALSO = { web: ['server'] };

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** @param {string} file */
function packageOf(file) {
  const parts = relative(ROOT, file).split(sep);
  return parts[0] === 'packages' && parts.length > 2 ? parts[1] : undefined;
}

/** @param {string} file */
const isTest = (file) => /\.test\.tsx?$/.test(file) || /[/\\](test|e2e)[/\\]/.test(relative(ROOT, file));

/**
 * Why an import is not allowed, or undefined when it is.
 * @param {string} file the importing file (absolute)
 * @param {string} spec what it imports
 * @returns {string | undefined}
 */
export function layeringProblem(file, spec) {
  const own = packageOf(file);
  if (own === undefined || !(own in ALLOWED)) return undefined;
  const allowed = [...(ALLOWED[own] ?? []), ...(isTest(file) ? (TESTS_ALSO[own] ?? []) : [])];
  const named = /^@peerlens\/([\w-]+)/.exec(spec);
  if (named) {
    const target = /** @type {string} */ (named[1]);
    if (target === own || allowed.includes(target)) return undefined;
    return `${own} may not import ${target}: ${own} imports ${allowed.length ? allowed.join(', ') : 'nothing of ours'} (scripts/layering.js)`;
  }
  if (!spec.startsWith('.')) return undefined;
  const target = packageOf(resolve(dirname(file), spec));
  if (target === own) return undefined;
  if (target === undefined) return `a relative import may not leave packages/${own}; import other packages by name`;
  if (!isTest(file)) return `a relative import may not leave packages/${own}: import @peerlens/${target} by name`;
  return allowed.includes(target) ? undefined : `${own}'s tests may not import ${target} (scripts/layering.js)`;
}

/** The ESLint plugin: `layering/imports`. */
export const layeringPlugin = {
  rules: {
    imports: {
      meta: {
        type: 'problem',
        docs: {
          description:
            'A package imports only the packages of ours beneath it (scripts/layering.js), and a dynamic import names its module.',
        },
        schema: [],
      },
      /** @param {import('eslint').Rule.RuleContext} context */
      create(context) {
        const file = context.filename;
        /** @param {import('estree').Node} node @param {unknown} source */
        const check = (node, source) => {
          if (!source || typeof source !== 'object' || !('type' in source)) return;
          const s = /** @type {import('estree').Node} */ (source);
          if (s.type !== 'Literal') {
            if (node.type === 'ImportExpression' && !isTest(file))
              context.report({
                node,
                message: 'import() of a computed name: import graphs and the layering check cannot see it; name the module',
              });
            return;
          }
          if (typeof s.value !== 'string') return;
          const problem = layeringProblem(file, s.value);
          if (problem) context.report({ node: s, message: problem });
        };
        return {
          /** @param {any} node */ ImportDeclaration: (node) => check(node, node.source),
          /** @param {any} node */ ExportNamedDeclaration: (node) => check(node, node.source),
          /** @param {any} node */ ExportAllDeclaration: (node) => check(node, node.source),
          /** @param {any} node */ ImportExpression: (node) => check(node, node.source),
          /** @param {any} node */ TSImportType: (node) => check(node, node.argument?.literal ?? node.argument),
        };
      },
    },
  },
};
