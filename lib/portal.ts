/**
 * The whole deployment of one stage: the stateful stack and the service stack wired together. Used by
 * bin/app.ts and by the infrastructure tests, so the tests check exactly what `cdk deploy` deploys.
 */
import type { App, Environment } from 'aws-cdk-lib';
import { demoCatalog } from '../catalog';
import { loadCatalog } from '../functions/domain/catalog/catalog';
import { ServiceStack, type Identity } from './service-stack';
import { SettingsError, STAGE_PROFILES, type Settings, type Stage } from './settings';
import { StatefulStack } from './stateful-stack';

export const APP_NAME = 'BackofficePortal';

export interface PortalOptions {
  stage: Stage;
  settings: Settings;
  env?: Environment;
}

export interface Portal {
  stateful: StatefulStack;
  service: ServiceStack;
}

/** Where the hosted sign-in may send people back to: the portal's origin (and, in dev, the local server). */
function callbackUrls(options: PortalOptions): string[] {
  const profile = STAGE_PROFILES[options.stage];
  const urls = [
    ...(options.settings.portalDomain ? [`https://${options.settings.portalDomain}/`] : []),
    ...(profile.localCallbackUrl ? [profile.localCallbackUrl] : []),
  ];
  if (urls.length === 0)
    throw new SettingsError(
      `Setting "portalDomain" is required for stage "${options.stage}" with the built-in user pool: it is the sign-in callback URL (or configure "externalOidc").`,
    );
  return urls;
}

export function createPortal(app: App, options: PortalOptions): Portal {
  const { stage, settings, env } = options;
  // A broken catalog fails synth with the service and field named; the teams become user groups.
  const catalog = loadCatalog(demoCatalog);
  const external = settings.externalOidc;
  const prefix = `${APP_NAME}-${stage}`;

  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    env,
    description: `Backoffice Portal (${stage}): table and user pool, retained`,
    userDirectory: external ? false : { teamIds: catalog.data.teams.map((team) => team.id) },
  });
  const identity: Identity = external
    ? { external }
    : { userPool: stateful.userPool as NonNullable<typeof stateful.userPool>, callbackUrls: callbackUrls(options) };
  const service = new ServiceStack(app, `${prefix}-Service`, {
    env,
    description: `Backoffice Portal (${stage}): API, functions, sign-in and alarms`,
    profile: STAGE_PROFILES[stage],
    table: stateful.table,
    identity,
    adminEmail: settings.adminEmail,
  });
  service.addStackDependency(stateful);
  return { stateful, service };
}
