import type { Reason } from './analysis.types.js';
import type { FoundAttachment } from './message.js';
import { WEIGHTS } from './scoring.js';
import { isZip, zipEntryNames } from './zip-entries.js';

/** Files that run code or open a web page when opened: programs, scripts, shortcuts, disk images, web pages. */
const RUNS_SOMETHING = new Set([
  'exe', 'scr', 'com', 'pif', 'bat', 'cmd', 'ps1', 'psm1', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'wsh', 'hta', 'lnk', 'msi',
  'msp', 'jar', 'cpl', 'reg', 'chm', 'appx', 'appxbundle', 'msix', 'msixbundle', 'application', 'gadget', 'inf', 'scf',
  'sct', 'url', 'one', 'xll', 'iso', 'img', 'vhd', 'vhdx', 'html', 'htm', 'shtml', 'xhtml', 'mht', 'mhtml', 'svg',
  'dmg', 'pkg', 'apk', 'sh', 'command', 'desktop',
]);
/** Office documents that can carry macros; old formats do not say whether they do. */
const MACRO_DOCUMENTS = new Set([
  'docm', 'dotm', 'xlsm', 'xltm', 'xlam', 'xlsb', 'pptm', 'potm', 'ppsm', 'ppam', 'sldm', 'doc', 'dot', 'xls', 'xlt', 'ppt', 'pps',
]);
/** Harmless-looking endings placed before the real one (`invoice.pdf.exe`). */
const DECOY_EXTENSIONS = new Set([
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'txt', 'rtf', 'jpg', 'jpeg', 'png', 'gif', 'mp3', 'mp4', 'zip', 'csv', 'odt', 'eml',
]);
/** The right-to-left override turns `invoice‮fdp.exe` into "invoiceexe.pdf" on screen. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/;
const MAX_ARCHIVE_ENTRIES = 2000;

type Danger = { readonly weight: number; readonly file: string };

function extensions(filename: string): string[] {
  return filename
    .toLowerCase()
    .split(/[\\/]/)
    .pop()!
    .split('.')
    .slice(1)
    .map((part) => part.trim());
}

/** How dangerous a file name is on its own, or undefined when it is an ordinary file. */
export function fileDanger(filename: string): Danger | undefined {
  const file = filename.replace(BIDI_CONTROLS, '');
  const parts = extensions(file);
  const last = parts.at(-1);
  if (last === undefined) return undefined;
  if (RUNS_SOMETHING.has(last)) {
    const decoy = parts.length >= 2 && DECOY_EXTENSIONS.has(parts.at(-2)!);
    const disguised = decoy || BIDI_CONTROLS.test(filename) || /\s{3,}\.[a-z0-9]+$/i.test(filename);
    return { weight: disguised ? WEIGHTS.dangerous_attachment_double_extension : WEIGHTS.dangerous_attachment, file: filename };
  }
  if (BIDI_CONTROLS.test(filename)) return { weight: WEIGHTS.dangerous_attachment_double_extension, file: filename };
  if (MACRO_DOCUMENTS.has(last)) return { weight: WEIGHTS.dangerous_attachment_macro, file: filename };
  return undefined;
}

/** Attachments that can harm the computer when opened, also inside ZIP archives (names only). */
export function checkAttachments(attachments: readonly FoundAttachment[]): Reason[] {
  const reasons: Reason[] = [];
  for (const attachment of attachments) {
    const name = attachment.filename;
    const danger = name === '' ? undefined : fileDanger(name);
    if (danger) {
      reasons.push({ rule: 'dangerous_attachment', weight: danger.weight, params: { file: danger.file } });
      continue;
    }
    if (attachment.content && isZip(attachment.content)) {
      for (const entry of zipEntryNames(attachment.content, MAX_ARCHIVE_ENTRIES) ?? []) {
        const inner = fileDanger(entry);
        if (inner) reasons.push({ rule: 'dangerous_attachment', weight: inner.weight, params: { file: `${name || 'zip'} › ${entry}` } });
      }
    }
  }
  return reasons;
}
