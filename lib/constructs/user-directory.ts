/**
 * The built-in identity provider (used when the company brings no OIDC issuer of its own): a Cognito
 * user pool whose groups are the portal's roles and `team:<id>`, which the handlers read from the
 * `cognito:groups` claim (functions/adapters/auth/claims.ts). Users are created by an administrator (no self sign-up) and sign in with
 * their e-mail; `custom:user_id` links a user to the company directory (claims.ts reads it).
 *
 * The pool holds people's accounts and group memberships: it is retained and protected from
 * deletion like the table, so it lives in the stateful stack.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  UserPoolGroup,
  type IUserPool,
  type UserPoolEmail,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../../functions/domain/catalog/schema';

/** The custom attribute carrying the directory id (claim `custom:user_id`). */
export const USER_ID_ATTRIBUTE = 'user_id';

export const teamGroupName = (teamId: string) => `team:${teamId}`;

export interface UserDirectoryProps {
  /** Team ids from the catalog; each becomes a `team:<id>` group. */
  teamIds: readonly string[];
  /** How Cognito sends its e-mails (invitations, codes). @default Cognito's built-in sender */
  email?: UserPoolEmail;
}

export class UserDirectory extends Construct {
  readonly userPool: IUserPool;
  readonly groupNames: string[];

  constructor(scope: Construct, id: string, props: UserDirectoryProps) {
    super(scope, id);
    const userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
        locale: { required: false, mutable: true },
      },
      customAttributes: { [USER_ID_ATTRIBUTE]: new StringAttribute({ minLen: 1, maxLen: 128, mutable: true }) },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // The portal holds HR, finance and legal data: a second factor for everyone (TOTP, no SMS costs).
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      email: props.email,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.userPool = userPool;
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'The Plus feature plan (threat protection) is billed for every monthly active user with no free tier. Its target, ' +
        'credential stuffing and account takeover, is covered here by required TOTP MFA, a 12-character password policy ' +
        'and no self sign-up (an administrator creates the employees). A company that wants adaptive authentication ' +
        'sets featurePlan PLUS.',
    });

    const groups = [
      ...ROLES.map((role) => ({ name: role, description: `Portal role ${role}` })),
      ...props.teamIds.map((team) => ({ name: teamGroupName(team), description: `Member of the ${team} team` })),
    ];
    this.groupNames = groups.map((group) => group.name);
    for (const group of groups) {
      const resource = new UserPoolGroup(this, `Group-${group.name.replace(':', '-')}`, {
        userPool,
        groupName: group.name,
        description: group.description,
      });
      // Deleting a group would drop its memberships: keep it like the pool.
      resource.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }
  }
}
