/**
 * Makes the QR picture of the safety corpus (test/fixtures/safety-corpus/scam-qr-luxtrust.png):
 * a LuxTrust look-alike address, as a scam letter or e-mail would print it.
 * Run again after changing the address: node --import tsx test/support/safety-corpus-qr.ts
 */
import QRCode from 'qrcode';

export const CORPUS_QR_URL = 'https://luxtrust-token.info/lb/aktualiseieren';
const CORPUS_QR_FILE = new URL('../fixtures/safety-corpus/scam-qr-luxtrust.png', import.meta.url);

if (import.meta.url === `file://${process.argv[1]}`) {
  await QRCode.toFile(CORPUS_QR_FILE.pathname, CORPUS_QR_URL, { errorCorrectionLevel: 'M', margin: 4, scale: 8 });
}
