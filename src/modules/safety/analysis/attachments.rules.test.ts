import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAttachments, fileDanger } from './attachments.rules.js';
import { WEIGHTS } from './scoring.js';
import { isZip, zipEntryNames } from './zip-entries.js';

/** A stored (uncompressed) ZIP with the given names, the way zip tools write it. */
function zip(names: readonly string[], options: { utf8?: boolean } = {}): Uint8Array {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const nameBytes = options.utf8 ? Buffer.from(name, 'utf8') : Buffer.from(name, 'latin1');
    const content = Buffer.from('x');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(options.utf8 ? 0x0800 : 0, 6);
    header.writeUInt32LE(1, 18);
    header.writeUInt32LE(1, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    local.push(header, nameBytes, content);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(options.utf8 ? 0x0800 : 0, 8);
    entry.writeUInt32LE(1, 20);
    entry.writeUInt32LE(1, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    offset += header.length + nameBytes.length + content.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...local, directory, end]));
}

test('programs, scripts, shortcuts, disk images and web pages are dangerous', () => {
  for (const name of ['setup.exe', 'Rechnung.js', 'invoice.HTML', 'scan.htm', 'doc.iso', 'disk.img', 'a.vbs', 'b.wsf', 'c.hta', 'd.scr', 'e.bat', 'f.cmd', 'g.ps1', 'h.lnk']) {
    assert.equal(fileDanger(name)?.weight, WEIGHTS.dangerous_attachment, name);
  }
});

test('a double extension, padding spaces or a right-to-left override is the strongest sign', () => {
  for (const name of ['fatura_abril.pdf.exe', 'photo.jpg.scr', 'invoice.pdf          .exe', 'invoice\u202Efdp.exe', 'report\u202Excod.pdf']) {
    assert.equal(fileDanger(name)?.weight, WEIGHTS.dangerous_attachment_double_extension, JSON.stringify(name));
  }
});

test('documents that can carry macros ask for care; ordinary files do not', () => {
  for (const name of ['Angebot.docm', 'table.xlsm', 'slides.pptm', 'old.doc', 'old.xls']) assert.equal(fileDanger(name)?.weight, WEIGHTS.dangerous_attachment_macro, name);
  for (const name of ['facture.pdf', 'photo.jpeg', 'letter.docx', 'sheet.xlsx', 'notes.txt', 'archive.zip', 'noextension']) assert.equal(fileDanger(name), undefined, name);
});

test('the central directory of a ZIP lists its files without unpacking them', () => {
  const bytes = zip(['Rechnung.pdf', 'Rechnung.pdf.js']);
  assert.equal(isZip(bytes), true);
  assert.deepEqual(zipEntryNames(bytes, 100), ['Rechnung.pdf', 'Rechnung.pdf.js']);
  assert.deepEqual(zipEntryNames(zip(['Überweisung.exe'], { utf8: true }), 100), ['Überweisung.exe']);
  assert.deepEqual(zipEntryNames(zip(['a', 'b', 'c']), 2), ['a', 'b']);
  assert.equal(zipEntryNames(bytes.subarray(0, bytes.length - 30), 100), undefined, 'cut before the end record');
  assert.equal(zipEntryNames(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), 100), undefined);
});

test('dangerous files inside an attached ZIP are reported with the archive name', () => {
  const reasons = checkAttachments([
    { filename: 'documents.zip', contentType: 'application/zip', content: zip(['facture.pdf', 'facture.pdf.exe']) },
    { filename: 'photos.zip', contentType: 'application/zip', content: zip(['a.jpg']) },
    { filename: 'broken.zip', contentType: 'application/zip', content: new Uint8Array([0x50, 0x4b, 3, 4]) },
    { filename: 'facture.pdf', contentType: 'application/pdf' },
  ]);
  assert.deepEqual(
    reasons.map((r) => [r.rule, r.params.file, r.weight]),
    [['dangerous_attachment', 'documents.zip › facture.pdf.exe', WEIGHTS.dangerous_attachment_double_extension]],
  );
});
