/** One import problem as a sentence, for the upload page and the CLI. */
import type { Translate } from '../../platform/i18n/catalog.js';
import type { CsvIssue, HsdsIssue } from './opendata.model.js';

export function describeIssue(t: Translate, issue: CsvIssue | HsdsIssue): string {
  const message = t(`opendata.errors.${issue.key}`, issue.values);
  if ('path' in issue) return issue.path === '' ? message : t('opendata.issue.path', { path: issue.path, message });
  if (issue.row === null) return t('opendata.issue.file', { message });
  if (issue.column === null) return t('opendata.issue.row', { row: issue.row, message });
  return t('opendata.issue.cell', { row: issue.row, column: issue.column, message });
}
