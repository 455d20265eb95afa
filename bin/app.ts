/**
 * The CDK app: `cdk deploy -c stage=<dev|prod> [-c config=company.json]`.
 * The stage and the company settings are validated here, before any resource is built; cdk-nag's
 * AwsSolutions and Serverless checks run on every synth and fail it on any unacknowledged finding.
 */
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { CatalogError } from '../functions/domain/catalog/catalog';
import { APP_NAME, createPortal } from '../lib/portal';
import { loadSettings, parseStage, SettingsError } from '../lib/settings';

const app = new App();
try {
  const stage = parseStage(app.node.tryGetContext('stage'));
  const settings = loadSettings((key) => app.node.tryGetContext(key));
  createPortal(app, {
    stage,
    settings,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  Tags.of(app).add('app', APP_NAME);
  Tags.of(app).add('stage', stage);
} catch (error) {
  if (!(error instanceof SettingsError || error instanceof CatalogError)) throw error;
  // A configuration mistake: the message alone, without a stack trace.
  console.error(`\n${error.message}\n`);
  process.exit(1);
}
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
