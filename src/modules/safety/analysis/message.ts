/** One mailbox of a From or Reply-To header. */
export interface Mailbox {
  readonly name: string;
  readonly address: string;
}

/** A link the message offers: where it really goes and, for HTML links, what the reader sees. */
export interface FoundLink {
  readonly href: string;
  readonly shownText?: string;
  readonly fromQrCode?: boolean;
}

export interface FoundAttachment {
  readonly filename: string;
  readonly contentType: string;
  /** Kept only where a rule needs to look inside (archives, images with QR codes). */
  readonly content?: Uint8Array;
}

/** Whatever the input was, the parts the rules look at. */
export interface MessageParts {
  /** Set for e-mails with headers: sender and authentication rules apply. */
  readonly isEmail: boolean;
  readonly from?: Mailbox;
  readonly replyTo: readonly Mailbox[];
  readonly subject?: string;
  /** The value of the topmost Authentication-Results header, added by the receiving server. */
  readonly authenticationResults?: string;
  /** What the reader sees, as plain text. */
  readonly text: string;
  readonly links: readonly FoundLink[];
  readonly attachments: readonly FoundAttachment[];
}
