/**
 * The architecture's conventions, checked on every run: modules meet only through their
 * index.ts, SQL stays in stores, migrations and platform/db, and only config/ reads the
 * environment. Each failure names the file and what it did.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Repository-relative paths with "/", so the rules read the same on every system. */
function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (/\.tsx?$/.test(entry.name)) found.push(relative(ROOT, path).split(sep).join('/'));
    }
  };
  walk(join(ROOT, folder));
  return found.sort();
}

const FILES = [...sourceFiles('src'), ...sourceFiles('test'), ...sourceFiles('bench')];
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const isTest = (file: string) => file.endsWith('.test.ts') || file.startsWith('test/');

/** The code without its comments, so prose that names a function does not count as a call. */
const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');

/** Every relative import or re-export, static or dynamic, resolved to a repository path. */
function relativeImports(file: string): string[] {
  const specifiers = [...withoutComments(read(file)).matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)];
  return specifiers.map((m) => relative(ROOT, resolve(ROOT, dirname(file), m[1] ?? '')).split(sep).join('/'));
}

const moduleOf = (path: string) => /^src\/modules\/([^/]+)\//.exec(path)?.[1];
const isModuleIndex = (path: string) => /^src\/modules\/[^/]+\/index(\.[jt]sx?)?$/.test(path);

test("code reaches another module only through that module's index.ts", () => {
  const violations = FILES.flatMap((file) =>
    relativeImports(file)
      .filter((target) => {
        const targetModule = moduleOf(`${target}/`);
        return targetModule !== undefined && targetModule !== moduleOf(file) && !isModuleIndex(target);
      })
      .map((target) => `${file} imports ${target}`),
  );
  assert.deepEqual(violations, [], 'import from the module\'s index.ts instead (export what is needed there)');
});

/** Query building: Kysely's builders, the raw-SQL tag and its helpers, schema changes. */
const SQL = [
  /\.\s*(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\s*\(/,
  /\bsql\s*(<[^>]*>)?\s*`/,
  /\bsql\.(raw|ref|lit|id|table|join|val)\s*\(/,
  /\.schema\s*\.\s*(create|alter|drop)\w*\s*\(/,
];
/**
 * Benchmarks stand outside the app: they may ask the database what it is, to label their reports.
 * Store tests (`*.store.test.ts`) may go behind the store's back, to prove what the database itself refuses.
 */
const MAY_HOLD_SQL = (file: string) =>
  file.startsWith('bench/') ||
  file.endsWith('.store.ts') ||
  file.endsWith('.store.test.ts') ||
  file.includes('/migrations/') ||
  file.startsWith('src/platform/db/');

test('SQL is written only in *.store.ts (and their tests), migrations and platform/db', () => {
  const violations = FILES.filter((file) => !MAY_HOLD_SQL(file))
    .filter((file) => SQL.some((pattern) => pattern.test(withoutComments(read(file)))))
    .map((file) => `${file} builds SQL`);
  assert.deepEqual(violations, [], 'move the query into the module\'s store and call it from there');
});

/**
 * Tests set the environment of the process they test (TZ, DATA_DIR for the CLI). The one other
 * reader is a secret given to one command, which is input like standard input, not configuration.
 */
const MAY_READ_ENV = new Set(['src/cli/user.command.ts']);

test('only src/config reads process.env', () => {
  const violations = FILES.filter((file) => file.startsWith('src/') && !file.startsWith('src/config/') && !isTest(file) && !MAY_READ_ENV.has(file))
    .filter((file) => /\bprocess\s*\.\s*env\b/.test(withoutComments(read(file))))
    .map((file) => `${file} reads process.env`);
  assert.deepEqual(violations, [], 'add the setting to src/config/config.ts and pass it down from the composition root');
});

test('the checks see the code they guard', () => {
  // A wrong root or pattern would make every rule above pass on nothing.
  assert.ok(FILES.includes('src/app.ts') && FILES.includes('src/modules/directory/index.ts'));
  assert.ok(relativeImports('src/app.ts').includes('src/modules/directory/index.js'));
  assert.ok(SQL[0]?.test(read('src/modules/directory/directory.store.ts')));
  assert.ok(/\bprocess\s*\.\s*env\b/.test(read('src/config/config.ts')));
});
