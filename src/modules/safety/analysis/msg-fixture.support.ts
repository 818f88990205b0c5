import burnerModule from '@kenjiuno/msgreader/lib/Burner.js';

/** Builds small Outlook .msg files for tests: a compound file with the MAPI property streams Outlook writes. */
const { burn } = burnerModule;

const ROOT = 5;
const STORAGE = 1;
const STREAM = 2;

export interface MsgFixture {
  readonly subject?: string;
  readonly senderName?: string;
  readonly senderEmail?: string;
  readonly body?: string;
  /** Transport headers as Outlook keeps them for received mail. */
  readonly headers?: string;
  readonly attachments?: readonly { readonly filename: string; readonly content: Uint8Array }[];
}

const unicode = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le'));

interface Node {
  readonly name: string;
  readonly type: number;
  readonly data?: Uint8Array;
  readonly children?: readonly Node[];
}

export function buildMsg(fixture: MsgFixture): Uint8Array {
  const properties: [string, string | undefined][] = [
    ['0037001F', fixture.subject],
    ['0C1A001F', fixture.senderName],
    ['0C1F001F', fixture.senderEmail],
    ['1000001F', fixture.body],
    ['007D001F', fixture.headers],
  ];
  const children: Node[] = properties.flatMap(([tag, value]) => (value === undefined ? [] : [{ name: `__substg1.0_${tag}`, type: STREAM, data: unicode(value) }]));
  children.push({ name: '__properties_version1.0', type: STREAM, data: new Uint8Array(32) });
  (fixture.attachments ?? []).forEach((attachment, index) => {
    children.push({
      name: `__attach_version1.0_#${index.toString(16).toUpperCase().padStart(8, '0')}`,
      type: STORAGE,
      children: [
        { name: '__substg1.0_3707001F', type: STREAM, data: unicode(attachment.filename) },
        { name: '__substg1.0_37010102', type: STREAM, data: attachment.content },
        { name: '__properties_version1.0', type: STREAM, data: new Uint8Array(8) },
      ],
    });
  });

  const entries: { name: string; type: number; length: number; binaryProvider?: () => ArrayLike<number>; children?: number[] }[] = [];
  const add = (node: Node): number => {
    const index = entries.length;
    const entry: (typeof entries)[number] = { name: node.name, type: node.type, length: node.data?.length ?? 0 };
    if (node.data) {
      const data = node.data;
      entry.binaryProvider = () => data;
    }
    entries.push(entry);
    if (node.children) entry.children = node.children.map(add);
    return index;
  };
  add({ name: 'Root Entry', type: ROOT, children });
  return burn(entries);
}
