import { createTransport } from 'nodemailer';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** Language of the text (lb, fr, de, en, pt): sent as Content-Language. */
  readonly locale?: string;
}

/** How the platform sends e-mail; callers treat a rejected promise as "not sent, try later". */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** The part of a logger the log mailer needs: console, pino and Fastify's logger all fit. */
export interface MailLogger {
  warn(line: string): void;
}

export interface MailOptions {
  /** smtp:// or smtps:// with optional user:password; empty means mail is only logged. */
  readonly url: string | undefined;
  /** The From address of every mail, e.g. `Zesummen <no-reply@example.lu>`. */
  readonly from: string;
}

/** One plain address: a list or a display name here could send a mail to someone else too. */
function checkRecipient(to: string): void {
  if (!/^[^\s@,;<>"]+@[^\s@,;<>"]+$/.test(to)) throw new TypeError(`Mail recipient must be one plain e-mail address, got "${to}"`);
}

/**
 * Without a mail server nothing is delivered: one warning line per mail says so, with recipient and
 * subject. The text is left out because it names people and their mandates, and logs travel further.
 */
export function createLogMailer(logger: MailLogger): Mailer {
  return {
    async send(message) {
      checkRecipient(message.to);
      // JSON quoting keeps a subject with line breaks on the one line.
      logger.warn(
        `e-mail not delivered (MAIL_URL is not set): to=${message.to} subject=${JSON.stringify(message.subject)} locale=${message.locale ?? '-'} characters=${message.text.length}`,
      );
    },
  };
}

/** Sends through an SMTP server; one connection per mail, as reminders come a few a day. */
export function createSmtpMailer(options: { readonly url: string; readonly from: string }): Mailer {
  const transport = createTransport(
    // Bounded waits: a dead mail server must not hold the daily housekeeping forever.
    { url: options.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
    { from: options.from },
  );
  return {
    async send(message) {
      checkRecipient(message.to);
      await transport.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.locale ? { headers: { 'Content-Language': message.locale } } : {}),
      });
    },
  };
}

export function createMailer(options: MailOptions, logger: MailLogger): Mailer {
  return options.url ? createSmtpMailer({ url: options.url, from: options.from }) : createLogMailer(logger);
}
