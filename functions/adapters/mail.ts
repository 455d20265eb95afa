/**
 * The mailer: e-mail through SES (API v2). Locally AWS_ENDPOINT_URL_SESV2 points the same client at
 * the local SES emulator, whose mailbox GET /api/dev/mail shows.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer } from '../ports';
import { ENV, optionalEnv, requiredEnv } from '../shared/env';
import { once } from '../shared/once';

// A request timeout: an SES call that never answers must not hold the stream consumer.
export const sesClient = once(
  () =>
    new SESv2Client({
      maxAttempts: 3,
      requestHandler: { requestTimeout: 5000, connectionTimeout: 2000 },
    }),
);

const charset = 'UTF-8';

export const sesMailer: Mailer = {
  async send(mail) {
    const result = await sesClient().send(
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
  },
};
