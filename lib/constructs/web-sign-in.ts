/**
 * How the web portal signs people in with the built-in user pool: a public app client (no secret,
 * authorization code grant; the browser uses PKCE) and the pool's hosted sign-in domain. Produces
 * the issuer and audience that the API's JWT authorizer verifies tokens against.
 *
 * The handlers check `aud`, which Cognito puts in ID tokens only (access tokens carry `client_id`),
 * so the portal sends the ID token as its bearer token.
 */
import { Aws, Duration, Fn, Stack } from 'aws-cdk-lib';
import {
  ClientAttributes,
  OAuthScope,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
  type IUserPool,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { AuthBinding } from '../bindings';
import { USER_ID_ATTRIBUTE } from './user-directory';

export interface WebSignInProps {
  userPool: IUserPool;
  /** Where the hosted sign-in may return to (the portal's origin). */
  callbackUrls: string[];
}

export class WebSignIn extends Construct {
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;
  readonly auth: AuthBinding;

  constructor(scope: Construct, id: string, props: WebSignInProps) {
    super(scope, id);
    const { userPool, callbackUrls } = props;
    this.client = new UserPoolClient(this, 'WebClient', {
      userPool,
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls,
        logoutUrls: callbackUrls,
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true, locale: true })
        .withCustomAttributes(USER_ID_ATTRIBUTE),
      // People may fix their name and language; never their directory id (it decides who they are).
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true, locale: true }),
    });

    // Domain prefixes are global per region: the stack name (unique in the account) plus the account.
    const stackName = Stack.of(this)
      .stackName.toLowerCase()
      .replace(/[^a-z0-9-]/g, '-');
    this.domain = new UserPoolDomain(this, 'Domain', {
      userPool,
      cognitoDomain: { domainPrefix: Fn.join('-', [stackName, Aws.ACCOUNT_ID]) },
    });

    this.auth = {
      issuer: `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${userPool.userPoolId}`,
      audience: this.client.userPoolClientId,
    };
  }
}
