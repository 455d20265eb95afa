/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles (PortalFunction aliases it):
 * Lambda gives every function its role's credentials in environment variables, so the rest of the
 * default chain (SSO, INI files, processes, web identity, IMDS, and the STS/SSO clients they bundle,
 * ~130 KB minified) is dead weight there. Run from source (locally, in tests) the full chain is used.
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
