import type { MailMessage, Mailer } from '../../src/platform/mail/mailer.js';

export interface RecordingMailer extends Mailer {
  /** Every message sent, oldest first. */
  readonly sent: MailMessage[];
}

/** A mailer for tests: keeps each message so a test can read what people would have received. */
export function createRecordingMailer(): RecordingMailer {
  const sent: MailMessage[] = [];
  return {
    sent,
    async send(message) {
      sent.push({ ...message });
    },
  };
}
