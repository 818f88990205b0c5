import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { loadConfig } from '../config/config.js';
import { buildApp } from '../app.js';
import { exportOpenData, formatOfFileName, OPEN_DATA_FORMATS, type OpenDataFormat } from '../modules/opendata/index.js';
import type { CliCommand } from './command.js';

/** Writes with back-pressure, so a large directory never piles up in memory. */
async function writeAll(chunks: AsyncIterable<string>, out: Writable): Promise<void> {
  for await (const chunk of chunks) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
}

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export [--format hsds|csv] [--out FILE]',
  summary: 'Write the public directory as open data (HSDS JSON by default) to a file or standard output.',
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
  },
  async run(options) {
    const out = options.out as string | undefined;
    const format = (options.format as string | undefined) ?? (out ? formatOfFileName(out) : undefined) ?? 'hsds';
    if (!OPEN_DATA_FORMATS.includes(format as OpenDataFormat)) {
      console.error('export: --format must be hsds or csv');
      return 2;
    }
    const app = await buildApp(loadConfig());
    try {
      const chunks = exportOpenData(app.directory, format as OpenDataFormat);
      if (!out) {
        await writeAll(chunks, process.stdout);
        return 0;
      }
      const file = createWriteStream(out);
      await writeAll(chunks, file);
      file.end();
      await once(file, 'finish');
      console.error(`Exported the public directory to ${out}.`);
      return 0;
    } finally {
      await app.close();
    }
  },
};
