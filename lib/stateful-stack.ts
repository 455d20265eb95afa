/**
 * What must outlive every deployment: the single table, the SES sender identity (and, with the
 * built-in identity provider, the user pool). Retained; the table and the pool deletion-protected,
 * the table point-in-time recoverable. The SES configuration set lives here too, next to the identity
 * that uses it by default. The service stack reads them through the public properties.
 */
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { UserPoolEmail, type IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { TABLE } from '../functions/adapters/store/table';
import { PortalMail } from './constructs/portal-mail';
import { UserDirectory } from './constructs/user-directory';

export interface StatefulStackProps extends StackProps {
  /**
   * Create the Cognito user pool (false when the company's own OIDC issuer signs the tokens);
   * `emailViaSes`: Cognito sends its e-mails through the portal's SES identity.
   */
  userDirectory: false | { teamIds: readonly string[]; emailViaSes?: boolean };
  /** The sender of the portal's e-mails. */
  mail: { senderEmail: string; senderDomain?: string };
}

const stringKey = (name: string) => ({ name, type: AttributeType.STRING });

export class StatefulStack extends Stack {
  readonly table: Table;
  readonly userPool?: IUserPool;
  readonly mail: PortalMail;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    this.table = new Table(this, 'Table', {
      partitionKey: stringKey(TABLE.partitionKey),
      sortKey: stringKey(TABLE.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      // History events are the outbox: the stream feeds notifications, metrics and aggregates.
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: TABLE.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of TABLE.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: ProjectionType.ALL,
      });
    }

    this.mail = new PortalMail(this, 'Mail', props.mail);

    if (props.userDirectory) {
      const { teamIds, emailViaSes } = props.userDirectory;
      // Same stack as the identity, so no cross-stack reference. Cognito refuses an identity that is not
      // verified yet, hence opt-in (settings userPoolEmailViaSes) once the verification went through.
      const email = emailViaSes
        ? UserPoolEmail.withSES({
            fromEmail: props.mail.senderEmail,
            fromName: 'Backoffice Portal',
            sesRegion: this.region,
            sesVerifiedDomain: props.mail.senderDomain,
            configurationSetName: this.mail.binding.configurationSetName,
          })
        : undefined;
      const directory = new UserDirectory(this, 'Users', { teamIds, email });
      // The names above are plain strings: order the pool after the identity and the configuration set.
      if (email) directory.node.addDependency(this.mail);
      this.userPool = directory.userPool;
      new CfnOutput(this, 'UserPoolId', {
        value: directory.userPool.userPoolId,
        description: 'The user pool: create the first admin here (README "Deploy to AWS")',
      });
    }
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
  }
}
