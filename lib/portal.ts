/**
 * The whole deployment of one stage: the stateful stack and the service stack wired together. Used by
 * bin/app.ts and by the infrastructure tests, so the tests check exactly what `cdk deploy` deploys.
 */
import type { App, Environment } from 'aws-cdk-lib';
import { demoCatalog } from '../catalog';
import { loadCatalog } from '../functions/domain/catalog/catalog';
import type { Identity } from './identity';
import { ServiceStack } from './service-stack';
import { STAGE_PROFILES, type Settings, type Stage } from './settings';
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

export function createPortal(app: App, options: PortalOptions): Portal {
  const { stage, settings, env } = options;
  // A broken catalog fails synth with the service and field named; the teams become user groups.
  const catalog = loadCatalog(demoCatalog);
  const external = settings.externalOidc;
  const prefix = `${APP_NAME}-${stage}`;

  const profile = STAGE_PROFILES[stage];
  const teamIds = catalog.data.teams.map((team) => team.id);

  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    env,
    description: `Backoffice Portal (${stage}): table, user pool and e-mail identity, retained`,
    userDirectory: external ? false : { teamIds, emailViaSes: settings.userPoolEmailViaSes },
    mail: { senderEmail: settings.senderEmail, senderDomain: settings.senderDomain },
  });
  // The hosted sign-in returns to the portal URL (the service stack's), in dev also to the local server.
  const identity: Identity = external
    ? { external }
    : {
        userPool: stateful.userPool as NonNullable<typeof stateful.userPool>,
        localCallbackUrl: profile.localCallbackUrl,
      };
  const service = new ServiceStack(app, `${prefix}-Service`, {
    env,
    description: `Backoffice Portal (${stage}): API, functions, workflows, notifications, web, alarms, dashboard`,
    profile,
    table: stateful.table,
    identity,
    adminEmail: settings.adminEmail,
    originSecretVersion: settings.originSecretVersion,
    mail: { ...stateful.mail.binding, sandboxRecipients: settings.sandboxRecipients },
    web: {
      domain:
        settings.portalDomain && settings.portalCertificateArn
          ? { name: settings.portalDomain, certificateArn: settings.portalCertificateArn }
          : undefined,
      webAclArn: settings.webAclArn,
    },
    dashboardName: prefix,
  });
  service.addStackDependency(stateful);
  return { stateful, service };
}
