/**
 * The local SES (aws-ses-v2-local, in this process): handlers send through the real SESv2 client,
 * pointed here by AWS_ENDPOINT_URL_SESV2; GET /api/dev/mail lists what was sent.
 */
import type { Server } from 'node:http';
import sesLocalModule from 'aws-ses-v2-local';
import type { DevRoute } from './api-server';
import { freePort } from './ports';

interface StoredMail {
  messageId: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

// A CommonJS module with an `exports.default`: under Node's ESM interop the function is one level down.
const sesLocal = (sesLocalModule as unknown as { default?: typeof sesLocalModule }).default ?? sesLocalModule;

export interface LocalSes {
  url: string;
  routes(): DevRoute[];
  stop(): Promise<void>;
}

export async function startLocalSes(): Promise<LocalSes> {
  const port = await freePort();
  const server: Server = await sesLocal({ host: '127.0.0.1', port });
  const url = `http://127.0.0.1:${port}`;
  const mailbox = async () => {
    const response = await fetch(`${url}/store`);
    const { emails } = (await response.json()) as { emails: StoredMail[] };
    return emails
      .map((m, i) => ({
        id: m.messageId,
        to: m.destination.to,
        subject: m.subject,
        text: m.body.text ?? '',
        html: m.body.html ?? '',
        at: new Date(m.at * 1000).toISOString(),
        order: i,
      }))
      .sort((a, b) => b.order - a.order)
      .map(({ order: _order, ...mail }) => mail);
  };
  return {
    url,
    routes: () => [
      { method: 'GET', path: '/dev/mail', handle: async () => ({ status: 200, body: { items: await mailbox() } }) },
    ],
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
