/**
 * The public directory as one open-data file, written a few hundred organisations at a time so
 * a large directory never sits in memory as one string.
 */
import type { DirectoryService } from '../directory/index.js';
import { HSDS_PROFILE_URI, HSDS_VERSION, toHsds } from './hsds.js';
import { toMednumCsv } from './mednum-csv.js';

export type OpenDataFormat = 'hsds' | 'csv';
export const OPEN_DATA_FORMATS: readonly OpenDataFormat[] = ['hsds', 'csv'];

export const CONTENT_TYPES: Readonly<Record<OpenDataFormat, string>> = {
  hsds: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

export const FILE_NAMES: Readonly<Record<OpenDataFormat, string>> = {
  hsds: 'zesummen-hsds.json',
  csv: 'zesummen-mednum.csv',
};

type Exporter = Pick<DirectoryService, 'exportDirectory'>;

/** What the public sees: approved organisations and their public offers; demo records say so. */
export async function* exportOpenData(directory: Exporter, format: OpenDataFormat): AsyncGenerator<string> {
  if (format === 'hsds') {
    yield `{"profile":${JSON.stringify(HSDS_PROFILE_URI)},"hsds_version":${JSON.stringify(HSDS_VERSION)},"organizations":[`;
    let first = true;
    for await (const chunk of directory.exportDirectory()) {
      for (const organization of toHsds(chunk).organizations) {
        yield `${first ? '' : ','}\n${JSON.stringify(organization)}`;
        first = false;
      }
    }
    yield '\n]}\n';
    return;
  }
  let header = true;
  for await (const chunk of directory.exportDirectory()) {
    const csv = toMednumCsv(chunk);
    // Each chunk is written with the header row; the file has it once.
    yield header ? csv : csv.slice(csv.indexOf('\n') + 1);
    header = false;
  }
  if (header) yield toMednumCsv({ organizations: [], locations: [], offers: [], sessions: [] });
}

/** The format a file name's extension names, if any. */
export function formatOfFileName(name: string): OpenDataFormat | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) return 'hsds';
  if (lower.endsWith('.csv')) return 'csv';
  return undefined;
}
