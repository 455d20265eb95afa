/**
 * The whole portal on one machine: DynamoDB Local, the table, the demo directory, the local token
 * issuer and the API server, wired through the same environment variables the cloud sets. Used by
 * `npm start`, the API tests and the benchmarks.
 */
import type { Server } from 'node:http';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ENV } from '../functions/shared/env';
import { startDynamoDbLocal } from './dynamodb-local';
import { createLocalIssuer, LOCAL_AUDIENCE } from './issuer';
import { ensureTable } from './table';
import { startApiServer } from './api-server';
import { devRoutes } from './dev-routes';
import { freePort } from './ports';

export const TABLE_NAME = 'backoffice-portal';

export interface RuntimeOptions {
  /** HTTP port; 0 picks a free one. */
  port: number;
  /** Where DynamoDB Local and the issuer key persist; undefined keeps everything in memory. */
  dataDir?: string;
  dynamoPort?: number;
}

export interface Runtime {
  url: string;
  dynamoEndpoint: string;
  stop(): Promise<void>;
}

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  // Local runs on Node 20; Lambda runs the latest runtime, so the SDK's Node 20 notice is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dynamo = await startDynamoDbLocal({
    dataDir: options.dataDir && join(options.dataDir, 'dynamodb'),
    port: options.dynamoPort,
  });
  try {
    const port = options.port || (await freePort());
    const url = `http://localhost:${port}`;
    const issuer = await createLocalIssuer(`${url}/local-issuer`, options.dataDir);
    // The handlers read these at import time, exactly as they read what CDK sets in the cloud.
    Object.assign(process.env, {
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      [ENV.tableName]: TABLE_NAME,
      [ENV.authIssuer]: issuer.issuer,
      [ENV.authAudience]: LOCAL_AUDIENCE,
      [ENV.authJwksUrl]: `${url}/local-issuer/jwks.json`,
      [ENV.portalUrl]: url,
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    });
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    const client = new DynamoDBClient({ endpoint: dynamo.endpoint });
    await ensureTable(client, TABLE_NAME);
    client.destroy();
    const { seedDirectory } = await import('./seed');
    await seedDirectory();
    const server: Server = await startApiServer({
      port,
      devRoutes: devRoutes(issuer),
      extra: (_req, res, reqUrl) => {
        if (reqUrl.pathname !== '/local-issuer/jwks.json') return false;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(issuer.jwks));
        return true;
      },
    });
    return {
      url,
      dynamoEndpoint: dynamo.endpoint,
      async stop() {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await dynamo.stop();
      },
    };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}
