/**
 * The security headers CloudFront adds to the portal's answers (lib/constructs/portal-web.ts): HSTS,
 * nosniff, frame DENY and a referrer policy on both behaviours, and a Content-Security-Policy for each:
 * the app's (its own scripts and styles, API and sign-in calls) replaces any other; the API's strict one
 * applies where the API's pages set none of their own.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { HeadersFrameOption, HeadersReferrerPolicy, ResponseHeadersPolicy } from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';

/** The app's headers; `connectSources` are the sign-in origins its code calls (discovery, token endpoint). */
export function webHeaders(scope: Construct, connectSources: string[]): ResponseHeadersPolicy {
  return securityHeaders(scope, 'WebHeaders', webCsp(connectSources), true);
}

/** The API's headers: its pages (e-mail decisions) keep their own CSP, everything else gets API_CSP. */
export function apiHeaders(scope: Construct): ResponseHeadersPolicy {
  return securityHeaders(scope, 'ApiHeaders', API_CSP, false);
}

function securityHeaders(
  scope: Construct,
  id: string,
  contentSecurityPolicy: string,
  overrideCsp: boolean,
): ResponseHeadersPolicy {
  const stack = Stack.of(scope);
  return new ResponseHeadersPolicy(scope, id, {
    // Names are per account, not per region: the stack name and the region keep stages and regions apart.
    responseHeadersPolicyName: `${stack.stackName}-${id}-${stack.region}`,
    comment: `Backoffice Portal security headers (${id})`,
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy, override: overrideCsp },
      strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: false },
    },
  });
}

/** The app's CSP: its own scripts and styles only (Preact sets styles through the DOM), API and sign-in calls. */
function webCsp(connectSources: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${connectSources.join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The API answers JSON and, for e-mail decisions, a small page with an inline style and a same-origin form. */
const API_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');
