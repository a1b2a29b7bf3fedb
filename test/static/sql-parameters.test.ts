// A static guard (issue 7): SQL is never built from request input. Every template literal in
// the libraries that reads as SQL may interpolate only table names and the fixed fragments of
// whereClause; values travel as ClickHouse query parameters ({name:Type}). A new interpolation
// of anything else fails this test until it is reviewed and added here.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Identifiers an SQL interpolation may be built from: table-name holders, and whereClause's
 * fragments (`sql`, `scope`, `conditions`), which are literals with {name:Type} placeholders —
 * its unit test shows an injection attempt ending up in the parameters, not the SQL.
 */
const ALLOWED = new Set(['t', 'store', 'live', 'bare', 'this', 'tables', 'table', 'LEDGER', 'GENERATIONS_TABLE', 'sql', 'scope', 'select', 'conditions', 'join']);
const SQL = /\b(SELECT|INSERT|CREATE|DROP|ALTER|DELETE|FROM|WHERE)\b/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Every identifier an expression mentions (property names included). */
function identifiers(node: ts.Node, out: string[] = []): string[] {
  if (ts.isIdentifier(node)) out.push(node.text);
  if (node.kind === ts.SyntaxKind.ThisKeyword) out.push('this');
  node.forEachChild((child) => void identifiers(child, out));
  return out;
}

function sqlInterpolations(file: string): { where: string; expression: string; names: string[] }[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { where: string; expression: string; names: string[] }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isTemplateExpression(node) && SQL.test(node.getText())) {
      for (const span of node.templateSpans) {
        const { line } = source.getLineAndCharacterOfPosition(span.expression.getStart());
        found.push({ where: `${path.relative(process.cwd(), file)}:${line + 1}`, expression: span.expression.getText(), names: identifiers(span.expression) });
      }
    }
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

describe('SQL is never built from request input', () => {
  const interpolations = sourceFiles(path.resolve('libs')).flatMap(sqlInterpolations);

  it('finds the SQL it guards', () => {
    expect(interpolations.length).toBeGreaterThan(20);
  });

  it('interpolates only table names and fixed fragments', () => {
    const offending = interpolations.filter((i) => i.names.some((n) => !ALLOWED.has(n) && !isTableProperty(n, i.expression)));
    expect(offending.map((i) => `${i.where}: \${${i.expression}}`)).toEqual([]);
  });
});

/** `store.tables.ratingFacts`, `t.events`: the last name is a table of the generation. */
function isTableProperty(name: string, expression: string): boolean {
  return new RegExp(`(tables|\\bt)\\.${name}\\b`).test(expression);
}
