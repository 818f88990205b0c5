import { readFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config/config.js';
import { buildApp, loadAllCatalogs } from '../app.js';
import { createTranslators } from '../platform/i18n/catalog.js';
import { isLocale } from '../platform/i18n/locales.js';
import { systemClock } from '../shared/clock.js';
import {
  createImporter,
  describeImportIssue,
  formatOfFileName,
  OPEN_DATA_FORMATS,
  type FileLimits,
  type ImportFileInput,
  type ImportProgress,
  type OpenDataFormat,
} from '../modules/opendata/index.js';
import type { CliCommand } from './command.js';

const STAGES: Record<ImportProgress['stage'], string> = {
  read: 'Checking the file',
  check: 'Checking ids',
  save: 'Saving',
};

/** A progress bar on a terminal; nothing when the output goes to a file or a pipe. */
function progressBar(): { update(progress: ImportProgress): void; stop(): void } {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: '{stage} [{bar}] {value}/{total}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update({ stage, done, total }) {
      if (!started) bar.start(total, done, { stage: STAGES[stage].padEnd(18) });
      started = true;
      bar.setTotal(total);
      bar.update(done, { stage: STAGES[stage].padEnd(18) });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

/**
 * The web upload's caps would refuse a whole directory's export. An administrator's own file is
 * trusted that far: many times a national directory, yet a size whose text V8 can still hold.
 */
const COMMAND_LINE_LIMITS: FileLimits = { fileBytes: 256 * 1024 * 1024, records: 500_000 };

function usageError(message: string): number {
  console.error(`import: ${message}`);
  return 2;
}

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import FILE [--format hsds|csv] [--organization ID] [--language fr] [--replace] [--publish]',
  summary: 'Check an open-data file and import it, all or nothing.',
  options: {
    format: { type: 'string' },
    organization: { type: 'string' },
    language: { type: 'string' },
    replace: { type: 'boolean' },
    publish: { type: 'boolean' },
  },
  async run(options, positionals) {
    const [file, extra] = positionals;
    if (!file || extra !== undefined) return usageError('name exactly one file to import');
    const format = (options.format as string | undefined) ?? formatOfFileName(file);
    if (!OPEN_DATA_FORMATS.includes(format as OpenDataFormat)) {
      return usageError('say which format the file is in with --format hsds or --format csv');
    }
    const language = (options.language as string | undefined) ?? 'fr';
    if (!isLocale(language)) return usageError('--language must be one of lb, fr, de, en, pt');
    const organizationId = options.organization as string | undefined;
    const replace = options.replace === true;
    const publish = options.publish === true;
    if (format === 'csv' && !organizationId) return usageError('a CSV file does not say whose offers it holds: add --organization ID');
    if (replace && organizationId) return usageError('--replace empties the whole directory, so it takes a whole HSDS file without --organization');
    if (publish && !organizationId) return usageError('--publish is for imports into one organisation; a whole HSDS file keeps its own moderation states');

    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      console.error(`import: cannot read ${file}: ${(error as Error).message}`);
      return 1;
    }
    const input: ImportFileInput = organizationId
      ? { format: format as OpenDataFormat, bytes, organizationId, publish, locale: language, limits: COMMAND_LINE_LIMITS }
      : { format: 'hsds', bytes, replace, locale: language, limits: COMMAND_LINE_LIMITS };

    const app = await buildApp(loadConfig());
    const bar = progressBar();
    try {
      const result = await createImporter({ directory: app.directory, clock: systemClock }).importFile({ ...input, onProgress: bar.update });
      bar.stop();
      if (!result.ok) {
        const t = createTranslators(loadAllCatalogs(), { strict: false }).en.t;
        const count = result.error.length;
        console.error(`import: ${file} was not imported, nothing changed. ${count} ${count === 1 ? 'problem' : 'problems'}:`);
        for (const issue of result.error) console.error(`  ${describeImportIssue(t, issue)}`);
        return 1;
      }
      const { organizations, locations, offers, sessions, pendingOffers } = result.value;
      console.log(
        `Imported ${file}: ${organizations} organisations, ${locations} places, ${offers} offers, ${sessions} sessions` +
          (replace ? ' (the directory was emptied first).' : '.'),
      );
      if (pendingOffers > 0) console.log(`${pendingOffers} offers wait for a moderator before the public sees them.`);
      return 0;
    } finally {
      bar.stop();
      await app.close();
    }
  },
};
