import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { ConfigError, loadConfig } from '../../config/config.js';
import { createRecordingMailer } from '../../../test/support/recording-mailer.js';
import { createLogMailer, createMailer, createSmtpMailer, type MailLogger } from './mailer.js';

function captureLogger(): MailLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, warn: (line) => lines.push(line) };
}

interface Received {
  from: string;
  to: string[];
  raw: string;
  user: string | undefined;
}

/** A real SMTP peer on the loopback: it requires a login and keeps what it receives. */
async function startSmtpServer(options: { refuse?: string } = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'zesummen' && auth.password === 's3cret') callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (address.address === options.refuse) callback(new Error('Mailbox unavailable'));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelope = session.envelope;
        received.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    received,
    url: `smtp://zesummen:s3cret@127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function decodeQuotedPrintable(body: string): string {
  const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

test('the log mailer writes one warning line per mail, without the text', async () => {
  const logger = captureLogger();
  const mailer = createLogMailer(logger);
  await mailer.send({ to: 'anna@example.lu', subject: 'Your mandate ends in 7 days', text: 'Dear Anna Muller, your mandate for Jang…', locale: 'en' });
  await mailer.send({ to: 'jang@example.lu', subject: 'Two\nlines', text: 'x' });
  assert.deepEqual(logger.lines, [
    'e-mail not delivered (MAIL_URL is not set): to=anna@example.lu subject="Your mandate ends in 7 days" locale=en characters=40',
    'e-mail not delivered (MAIL_URL is not set): to=jang@example.lu subject="Two\\nlines" locale=- characters=1',
  ]);
});

test('a recipient list or a display name is refused, so a mail never goes to someone else too', async () => {
  const mailer = createLogMailer(captureLogger());
  for (const to of ['a@example.lu, b@example.lu', 'Anna <a@example.lu>', 'a@example.lu\r\nBcc: b@example.lu', 'nobody']) {
    await assert.rejects(mailer.send({ to, subject: 's', text: 't' }), TypeError, to);
  }
});

test('the recording mailer keeps every message in order', async () => {
  const mailer = createRecordingMailer();
  await mailer.send({ to: 'a@example.lu', subject: 'One', text: 'first', locale: 'lb' });
  await mailer.send({ to: 'b@example.lu', subject: 'Two', text: 'second' });
  assert.deepEqual(
    mailer.sent.map((m) => [m.to, m.subject, m.locale]),
    [
      ['a@example.lu', 'One', 'lb'],
      ['b@example.lu', 'Two', undefined],
    ],
  );
});

test('the SMTP mailer delivers to a real SMTP server, logged in, with language and UTF-8 text', async () => {
  const smtp = await startSmtpServer();
  try {
    const mailer = createSmtpMailer({ url: smtp.url, from: 'Zesummen <no-reply@zesummen.example.lu>' });
    const text = 'Är Vollmuecht fir Jang hält den 03.05.2027 op.\nDir kënnt se erneieren.';
    await mailer.send({ to: 'anna@example.lu', subject: 'Reminder: mandate ends soon', text, locale: 'lb' });
    assert.equal(smtp.received.length, 1);
    const mail = smtp.received[0] as Received;
    assert.equal(mail.user, 'zesummen');
    assert.equal(mail.from, 'no-reply@zesummen.example.lu');
    assert.deepEqual(mail.to, ['anna@example.lu']);
    const [head = '', body = ''] = mail.raw.split(/\r\n\r\n/, 2);
    assert.match(head, /^From: Zesummen <no-reply@zesummen\.example\.lu>$/m);
    assert.match(head, /^To: anna@example\.lu$/m);
    assert.match(head, /^Subject: Reminder: mandate ends soon$/m);
    assert.match(head, /^Content-Language: lb$/m);
    assert.match(head, /^Content-Type: text\/plain; charset=utf-8$/m);
    assert.match(head, /^Content-Transfer-Encoding: quoted-printable$/m);
    assert.equal(decodeQuotedPrintable(body).replace(/\r\n/g, '\n').trimEnd(), text);
  } finally {
    await smtp.close();
  }
});

test('the SMTP mailer rejects when the server refuses, so the caller can try again later', async () => {
  const smtp = await startSmtpServer({ refuse: 'gone@example.lu' });
  try {
    const mailer = createSmtpMailer({ url: smtp.url, from: 'no-reply@example.lu' });
    await assert.rejects(mailer.send({ to: 'gone@example.lu', subject: 's', text: 't' }), /Mailbox unavailable/);
    const wrongPassword = createSmtpMailer({ url: `smtp://zesummen:wrong@127.0.0.1:${smtp.port}`, from: 'no-reply@example.lu' });
    await assert.rejects(wrongPassword.send({ to: 'anna@example.lu', subject: 's', text: 't' }), /Invalid username or password/);
    assert.equal(smtp.received.length, 0);
  } finally {
    await smtp.close();
  }
});

test('MAIL_URL chooses the mailer: SMTP when set, the log mailer when empty', async () => {
  const smtp = await startSmtpServer();
  try {
    const logger = captureLogger();
    const smtpConfig = loadConfig({ MAIL_URL: smtp.url, PUBLIC_URL: 'https://zesummen.example.lu' });
    assert.equal(smtpConfig.mail.from, 'Zesummen <no-reply@zesummen.example.lu>');
    await createMailer(smtpConfig.mail, logger).send({ to: 'anna@example.lu', subject: 'Hello', text: 'Hi' });
    assert.equal(smtp.received.length, 1);
    assert.equal(logger.lines.length, 0);

    const logConfig = loadConfig({ MAIL_URL: '', MAIL_FROM: 'Helpdesk <help@example.lu>' });
    assert.equal(logConfig.mail.url, undefined);
    assert.equal(logConfig.mail.from, 'Helpdesk <help@example.lu>');
    await createMailer(logConfig.mail, logger).send({ to: 'anna@example.lu', subject: 'Hello', text: 'Hi' });
    assert.equal(smtp.received.length, 1);
    assert.equal(logger.lines.length, 1);
  } finally {
    await smtp.close();
  }
});

test('a MAIL_URL that is not smtp:// or smtps:// stops the start, without echoing a password', () => {
  assert.equal(loadConfig({ MAIL_URL: 'smtps://u:p@mail.example.lu:465' }).mail.url, 'smtps://u:p@mail.example.lu:465');
  for (const url of ['http://u:secretpw@mail.example.lu', 'mail.example.lu', 'smtp//x']) {
    assert.throws(
      () => loadConfig({ MAIL_URL: url }),
      (error: unknown) => error instanceof ConfigError && !error.message.includes('secretpw'),
    );
  }
});
