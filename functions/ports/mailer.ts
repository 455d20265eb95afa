/** Outgoing e-mail (SES in the cloud, the local SES emulator's mailbox locally). */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** The provider's message id. */
  send(mail: OutgoingMail): Promise<string | undefined>;
}
