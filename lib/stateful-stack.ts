/**
 * What must outlive every deployment: the single table (and, with the built-in identity provider,
 * the user pool). Retained, deletion-protected, point-in-time recoverable. The service stack reads
 * them through the public properties; later the SES identity and configuration set join here.
 */
import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { TABLE } from '../functions/adapters/store/table';
import { UserDirectory } from './constructs/user-directory';

export interface StatefulStackProps extends StackProps {
  /** Create the Cognito user pool (false when the company's own OIDC issuer signs the tokens). */
  userDirectory: false | { teamIds: readonly string[] };
}

const stringKey = (name: string) => ({ name, type: AttributeType.STRING });

export class StatefulStack extends Stack {
  readonly table: Table;
  readonly userPool?: IUserPool;

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

    if (props.userDirectory) {
      this.userPool = new UserDirectory(this, 'Users', { teamIds: props.userDirectory.teamIds }).userPool;
    }
  }
}
