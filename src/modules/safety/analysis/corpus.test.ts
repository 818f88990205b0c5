import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import type { Analysis, CheckInput, RuleId, TechnicalRule, Verdict } from './analysis.types.js';
import { analyzeMessage } from './analyze.js';
import { defaultBrands } from './brands.js';
import { WORDING_RULES } from './wording.js';
import { CORPUS_QR_URL } from '../../../../test/support/safety-corpus-qr.js';

/** The corpus and its only list: the table in its README (test/fixtures/safety-corpus/README.md). */
const CORPUS = new URL('../../../../test/fixtures/safety-corpus/', import.meta.url);
const VERDICTS: readonly Verdict[] = ['likely_safe', 'be_careful', 'very_likely_scam'];
const LANGUAGES = ['lb', 'fr', 'de', 'en', 'pt'];

/** Every rule the issue names must be shown by at least one scam of the corpus. */
const ISSUE_RULES: readonly RuleId[] = [
  'display_name_mismatch',
  'brand_from_free_mail',
  'reply_to_differs',
  'lookalike_domain',
  'punycode_domain',
  'mixed_script_domain',
  'authentication_failed',
  'link_text_mismatch',
  'ip_address_link',
  'shortened_link',
  'brand_in_subdomain',
  'at_sign_in_link',
  'plain_http_link',
  'dangerous_attachment',
  'qr_code_link',
  ...WORDING_RULES,
] satisfies readonly (TechnicalRule | RuleId)[];

interface Row {
  readonly file: string;
  readonly language: string;
  readonly verdict: Verdict;
  readonly rules: readonly RuleId[];
  readonly legitimate: boolean;
}

function readRows(): Row[] {
  const readme = readFileSync(new URL('README.md', CORPUS), 'utf8');
  const rows: Row[] = [];
  for (const line of readme.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const file = /^`([^`]+)`$/.exec(cells[1] ?? '')?.[1];
    if (!file) continue;
    const verdict = cells[4] as Verdict;
    assert.ok(VERDICTS.includes(verdict), `${file}: unknown verdict "${cells[4]}"`);
    const rules = [...(cells[5] ?? '').matchAll(/`([a-z_]+)`/g)].map((match) => match[1] as RuleId);
    assert.ok(file.startsWith('legit-') || file.startsWith('scam-'), `${file}: name must start with legit- or scam-`);
    rows.push({ file, language: cells[3] ?? '', verdict, rules, legitimate: file.startsWith('legit-') });
  }
  return rows;
}

const ROWS = readRows();

function inputFor(file: string): CheckInput {
  const bytes = new Uint8Array(readFileSync(new URL(file, CORPUS)));
  const text = () => new TextDecoder('utf-8').decode(bytes);
  if (file.endsWith('.eml')) return { kind: 'email_file', filename: file, bytes };
  if (file.endsWith('.txt')) return { kind: 'text', text: text() };
  if (file.endsWith('.url')) return { kind: 'url', url: text().trim() };
  if (file.endsWith('.png')) return { kind: 'image', filename: file, bytes };
  throw new Error(`${file}: no input kind for this file type`);
}

async function analyse(file: string): Promise<Analysis> {
  const result = await analyzeMessage(inputFor(file), defaultBrands);
  assert.ok(result.ok, `${file} could not be analysed: ${result.ok ? '' : result.error}`);
  return result.value;
}

test('every corpus file has a row in the README and every row a file', () => {
  const files = readdirSync(CORPUS)
    .filter((name) => name !== 'README.md')
    .sort();
  assert.deepEqual(ROWS.map((row) => row.file).sort(), files);
  assert.equal(new Set(files).size, ROWS.length, 'a file is listed twice');
});

test('the corpus is big enough, balanced, in five languages, and covers every rule of the issue', () => {
  const legitimate = ROWS.filter((row) => row.legitimate);
  const scams = ROWS.filter((row) => !row.legitimate);
  assert.ok(ROWS.length >= 40, `only ${ROWS.length} messages`);
  assert.ok(Math.abs(legitimate.length - scams.length) <= ROWS.length / 10, `${legitimate.length} legitimate, ${scams.length} scams`);
  for (const group of [legitimate, scams]) {
    for (const language of LANGUAGES) assert.ok(group.some((row) => row.language === language), `no ${language} message`);
  }
  for (const kind of ['.eml', '.txt', '.url', '.png']) assert.ok(ROWS.some((row) => row.file.endsWith(kind)), `no ${kind} file`);
  const shown = new Set(scams.flatMap((row) => row.rules));
  assert.deepEqual(
    ISSUE_RULES.filter((rule) => !shown.has(rule)),
    [],
    'rules no scam is expected to show',
  );
  for (const row of legitimate) assert.notEqual(row.verdict, 'very_likely_scam', `${row.file} is legitimate`);
  for (const row of scams) assert.notEqual(row.verdict, 'likely_safe', `${row.file} is a scam`);
});

test('the dangerous attachments cover html, iso, js, a double extension and a macro document', async () => {
  const rows = ROWS.filter((row) => !row.legitimate && row.rules.includes('dangerous_attachment'));
  const names = (await Promise.all(rows.map((row) => analyse(row.file)))).flatMap((analysis) => analysis.summary.attachments);
  for (const ending of [/\.html?$/i, /\.iso$/i, /\.js$/i, /\.pdf\.exe$/i, /\.docm$/i]) {
    assert.ok(
      names.some((name) => ending.test(name)),
      `no attachment matching ${ending}`,
    );
  }
});

test('the QR picture holds the address its generator writes', async () => {
  const analysis = await analyse('scam-qr-luxtrust.png');
  assert.deepEqual(analysis.summary.links, [CORPUS_QR_URL]);
});

for (const row of ROWS) {
  test(`${row.file}: ${row.verdict}${row.rules.length > 0 ? ` with ${row.rules.join(', ')}` : ''}`, async () => {
    const analysis = await analyse(row.file);
    const given = analysis.reasons.map((reason) => reason.rule);
    const seen = `verdict ${analysis.verdict}, reasons ${given.join(', ') || 'none'}`;
    if (row.legitimate) assert.notEqual(analysis.verdict, 'very_likely_scam', `legitimate message judged a scam: ${seen}`);
    else assert.notEqual(analysis.verdict, 'likely_safe', `scam judged safe: ${seen}`);
    assert.equal(analysis.verdict, row.verdict, seen);
    assert.deepEqual(
      row.rules.filter((rule) => !given.includes(rule)),
      [],
      `expected reasons missing; ${seen}`,
    );
  });
}
