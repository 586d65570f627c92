#!/usr/bin/env node
// Lists functions, methods and arrow functions in src/ longer than a limit (default 80 lines),
// longest first: `node scripts/longFunctions.mjs [limit]`.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const limit = Number(process.argv[2] ?? 80);
const files = (function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
})('src');
const rows = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const a = sf.getLineAndCharacterOfPosition(node.getStart()).line;
      const b = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = node.name?.getText() ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText() : '(anonymous)');
      if (b - a + 1 > limit) rows.push({ lines: b - a + 1, where: `${file}:${a + 1}`, name });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}
rows.sort((x, y) => y.lines - x.lines);
for (const r of rows) console.log(`${String(r.lines).padStart(4)}  ${r.name}  ${r.where}`);
console.log(`${rows.length} functions over ${limit} lines`);
process.exitCode = 0;
