// Checks on the mini program's TypeScript/JavaScript sources that the official compile does not
// make: DevTools compiles TS by babel type-stripping (each file alone, only files under the mini
// program root), and pages never touch the database.
import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, dirname } from 'node:path';
import ts from 'typescript';

const SKIP_DIRS = new Set(['miniprogram_npm', 'node_modules']);

/** Source files below `dir` (posix paths relative to it), skipping npm output and dot folders. */
export function listSourceFiles(dir, exts = ['.ts', '.js']) {
  const out = [];
  const walk = (abs, rel) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(join(abs, entry.name), childRel);
      } else if (exts.some((e) => entry.name.endsWith(e))) {
        out.push(childRel);
      }
    }
  };
  walk(dir, '');
  return out.sort();
}

function isInside(child, parent) {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const hasModifier = (node, kind) =>
  (ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : []).some((m) => m.kind === kind);

/**
 * @param {object} options
 * @param {string} options.projectRoot absolute
 * @param {string} options.miniprogramDir absolute path of the mini program root
 * @param {Set<string> | null} options.runtimeDependencies packages the npm build packs (null: unknown)
 * @returns {{ problems: string[], files: number, hasTs: boolean }}
 */
export function checkSources({ projectRoot, miniprogramDir, runtimeDependencies }) {
  const problems = [];
  const files = listSourceFiles(miniprogramDir);
  for (const rel of files) {
    const abs = join(miniprogramDir, rel);
    const shown = relative(projectRoot, abs).split('\\').join('/');
    const isDts = rel.endsWith('.d.ts');
    const isTs = rel.endsWith('.ts');
    const text = readFileSync(abs, 'utf8');
    const sf = ts.createSourceFile(
      abs,
      text,
      ts.ScriptTarget.Latest,
      true,
      isTs ? ts.ScriptKind.TS : ts.ScriptKind.JS,
    );
    const at = (node) => `${shown}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;

    const checkSpecifier = (node, spec, how) => {
      if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..') {
        const target = resolve(dirname(abs), spec);
        if (!isInside(target, miniprogramDir)) {
          const where = relative(projectRoot, target).split('\\').join('/');
          problems.push(
            `${at(node)}: ${how} '${spec}' (${where}) at runtime, outside ${relative(projectRoot, miniprogramDir)}/; ` +
              'DevTools compiles only the mini program folder, so only `import type` may reach outside it',
          );
        }
        return;
      }
      if (spec.startsWith('/')) return; // absolute from the mini program root
      if (!runtimeDependencies) return;
      const name = packageName(spec);
      if (!runtimeDependencies.has(name)) {
        problems.push(
          `${at(node)}: ${how} '${spec}', but '${name}' is not a runtime dependency of the mini program ` +
            `(package.json dependencies: ${[...runtimeDependencies].join(', ') || 'none'}); ` +
            'devDependencies and Node built-ins are not available in WeChat',
        );
      }
    };

    const visit = (node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.importClause;
        const spec = node.moduleSpecifier.text;
        const allInlineTypes =
          clause &&
          !clause.isTypeOnly &&
          !clause.name &&
          clause.namedBindings &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.length > 0 &&
          clause.namedBindings.elements.every((e) => e.isTypeOnly);
        if (!clause?.isTypeOnly && !isDts) {
          checkSpecifier(
            node,
            spec,
            allInlineTypes ? 'imports (write `import type { … }`)' : 'imports',
          );
        }
      } else if (
        ts.isExportDeclaration(node) &&
        node.moduleSpecifier &&
        ts.isStringLiteral(node.moduleSpecifier) &&
        !node.isTypeOnly &&
        !isDts
      ) {
        checkSpecifier(node, node.moduleSpecifier.text, 're-exports');
      } else if (ts.isImportEqualsDeclaration(node) && !node.isTypeOnly && !isDts) {
        if (ts.isExternalModuleReference(node.moduleReference)) {
          problems.push(
            `${at(node)}: \`import … = require(…)\` cannot be compiled by babel's TypeScript transform; use \`import\``,
          );
          const expr = node.moduleReference.expression;
          if (ts.isStringLiteral(expr)) checkSpecifier(node, expr.text, 'imports');
        }
      } else if (ts.isCallExpression(node)) {
        const [arg] = node.arguments;
        const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
        const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
        if ((isRequire || isImport) && arg && ts.isStringLiteralLike(arg) && !isDts) {
          checkSpecifier(node, arg.text, isRequire ? 'requires' : 'imports');
        }
      } else if (ts.isEnumDeclaration(node) && hasModifier(node, ts.SyntaxKind.ConstKeyword)) {
        problems.push(
          `${at(node)}: \`const enum ${node.name.text}\`: babel compiles each file alone and cannot inline const enums; use a plain object \`as const\``,
        );
      } else if (
        ts.isModuleDeclaration(node) &&
        !isDts &&
        !hasModifier(node, ts.SyntaxKind.DeclareKeyword) &&
        ts.isIdentifier(node.name)
      ) {
        problems.push(
          `${at(node)}: \`namespace ${node.name.text}\`: use ES modules (babel's TypeScript transform does not support namespaces reliably)`,
        );
        return; // do not report nested namespaces again
      } else if (ts.isExportAssignment(node) && node.isExportEquals && !isDts) {
        problems.push(
          `${at(node)}: \`export =\` cannot be compiled by babel's TypeScript transform; use \`export default\``,
        );
      }

      // wx.cloud.database(), cloud.database(), wx.cloud['database'], const { database } = wx.cloud
      const cloudReceiver = (expr) => /cloud$/i.test(expr.getText(sf).replace(/[\s?!]/g, ''));
      if (
        (ts.isPropertyAccessExpression(node) &&
          node.name.text === 'database' &&
          cloudReceiver(node.expression)) ||
        (ts.isElementAccessExpression(node) &&
          ts.isStringLiteralLike(node.argumentExpression) &&
          node.argumentExpression.text === 'database' &&
          cloudReceiver(node.expression)) ||
        (ts.isVariableDeclaration(node) &&
          node.initializer &&
          ts.isObjectBindingPattern(node.name) &&
          cloudReceiver(node.initializer) &&
          node.name.elements.some(
            (e) => (e.propertyName ?? e.name).getText(sf).replace(/['"]/g, '') === 'database',
          ))
      ) {
        problems.push(
          `${at(node)}: uses wx.cloud.database; pages never touch the database, call a cloud function instead`,
        );
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { problems, files: files.length, hasTs: files.some((f) => f.endsWith('.ts')) };
}

export { isInside, packageName };
