/**
 * Sending e-mail through SES (API v2). Locally AWS_ENDPOINT_URL_SESV2 points the same client at the
 * local SES emulator, whose mailbox GET /api/dev/mail shows.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ENV, optionalEnv, requiredEnv } from '../shared/env';

// A request timeout: an SES call that never answers must not hold the stream consumer.
export const sesClient = new SESv2Client({
  maxAttempts: 3,
  requestHandler: { requestTimeout: 5000, connectionTimeout: 2000 },
});

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export async function sendMail(mail: OutgoingMail): Promise<string | undefined> {
  const charset = 'UTF-8';
  const result = await sesClient.send(
    new SendEmailCommand({
      FromEmailAddress: requiredEnv(ENV.mailFrom),
      Destination: { ToAddresses: [mail.to] },
      ConfigurationSetName: optionalEnv(ENV.mailConfigurationSet),
      Content: {
        Simple: {
          Subject: { Data: mail.subject, Charset: charset },
          Body: { Text: { Data: mail.text, Charset: charset }, Html: { Data: mail.html, Charset: charset } },
        },
      },
    }),
  );
  return result.MessageId;
}
