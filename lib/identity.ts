/**
 * Who signs the tokens the API accepts, and how the web app signs in: the stateful user pool (an app
 * client and hosted domain on it, lib/constructs/web-sign-in.ts) or the company's own OIDC issuer.
 */
import { CfnOutput, type Stack } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { AuthBinding } from './bindings';
import type { WebSignInConfig } from './constructs/portal-web';
import { WebSignIn } from './constructs/web-sign-in';

/**
 * The stateful user pool (the web app signs in through its hosted UI and comes back to the portal
 * URL, or in dev also to `localCallbackUrl`) or the company's issuer.
 */
export type Identity =
  | { userPool: IUserPool; localCallbackUrl?: string }
  | { external: AuthBinding & { connectOrigins?: readonly string[]; directoryIdClaim?: string } };

export interface SignInSetup {
  /** What the API's JWT authorizer accepts. */
  auth: AuthBinding;
  /** What the web app is told (/config.json) and may connect to (CSP). */
  signIn: WebSignInConfig;
  /** The app client and hosted domain, with the built-in user pool only. */
  webSignIn?: WebSignIn;
}

/** With the user pool, its app client and hosted domain (and their outputs) are created in `stack`. */
export function signInFor(stack: Stack, identity: Identity, portalUrl: string): SignInSetup {
  if ('external' in identity) {
    const { issuer, audience, connectOrigins = [] } = identity.external;
    return {
      auth: { issuer, audience },
      // The browser fetches the discovery document from the issuer's origin, and the token endpoint it
      // names, which may be on another host (settings externalOidc.connectOrigins): those origins only.
      signIn: {
        authority: issuer,
        clientId: audience,
        connectSources: [...new Set([new URL(issuer).origin, ...connectOrigins])],
      },
    };
  }
  const callbackUrls = [`${portalUrl}/`, ...(identity.localCallbackUrl ? [identity.localCallbackUrl] : [])];
  const webSignIn = new WebSignIn(stack, 'SignIn', { userPool: identity.userPool, callbackUrls });
  new CfnOutput(stack, 'UserPoolClientId', { value: webSignIn.client.userPoolClientId });
  new CfnOutput(stack, 'SignInDomain', { value: webSignIn.domain.baseUrl() });
  return {
    auth: webSignIn.auth,
    signIn: {
      authority: webSignIn.auth.issuer,
      clientId: webSignIn.auth.audience,
      connectSources: [`https://cognito-idp.${stack.region}.amazonaws.com`, webSignIn.domain.baseUrl()],
    },
    webSignIn,
  };
}
