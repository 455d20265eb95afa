/**
 * Stage and company settings fail synth early, with a message naming what is wrong.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { createPortal } from '../../lib/portal';
import { loadSettings, parseStage, STAGES } from '../../lib/settings';

const dir = mkdtempSync(join(tmpdir(), 'portal-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Cfn {
  Type: string;
  Properties: Record<string, unknown>;
}

const fromContext = (context: Record<string, unknown>) => loadSettings((key) => context[key]);
const valid = { senderEmail: 'portal@example.com', adminEmail: 'ops@example.com' };
const domain = {
  portalDomain: 'portal.example.com',
  portalCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012',
};
const WEB_ACL = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/portal/12345678-1234-1234-1234-123456789012';

describe('parseStage', () => {
  it('should default to dev and accept every declared stage', () => {
    expect(parseStage(undefined)).toBe('dev');
    for (const stage of STAGES) expect(parseStage(stage)).toBe(stage);
  });

  it('should reject an unknown stage and list the known ones', () => {
    expect(() => parseStage('qa')).toThrow(/Unknown stage "qa": use -c stage=<dev\|prod>/);
  });
});

describe('loadSettings', () => {
  it('should read the demo settings cdk.json carries', () => {
    const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
      context: Record<string, unknown>;
    };
    expect(fromContext(cdkJson.context)).toMatchObject(valid);
  });

  it('should name each wrong setting', () => {
    const attempt = () =>
      fromContext({
        senderEmail: 'portal@example.com',
        adminEmail: 'not-an-address',
        portalDomain: 'https://portal.example.com/',
        externalOidc: JSON.stringify({ issuer: 'http://idp.example.com', audience: 'x' }),
      });
    expect(attempt).toThrow(/setting "adminEmail": must be an e-mail address/);
    expect(attempt).toThrow(/setting "portalDomain": must be a lower-case host name/);
    expect(attempt).toThrow(/setting "externalOidc.issuer": must be an https:\/\/ URL/);
  });

  it('should name a missing setting', () => {
    expect(() => fromContext({ senderEmail: 'portal@example.com' })).toThrow(/setting "adminEmail"/);
  });

  it('should read a settings file given as -c config=path, without mixing in context keys', () => {
    const file = join(dir, 'company.json');
    writeFileSync(file, JSON.stringify({ ...valid, ...domain }));
    expect(fromContext({ config: file, adminEmail: 'ignored' })).toEqual({ ...valid, ...domain });
    expect(() => fromContext({ config: join(dir, 'missing.json') })).toThrow(/Cannot read settings file/);
  });

  it('should read every optional setting, from JSON or strings as `-c key=value` gives them', () => {
    const settings = fromContext({
      ...valid,
      ...domain,
      senderDomain: 'example.com',
      webAclArn: WEB_ACL,
      userPoolEmailViaSes: 'true',
      sandboxRecipients: '["tester@example.com"]',
    });
    expect(settings).toMatchObject({ userPoolEmailViaSes: true, sandboxRecipients: ['tester@example.com'] });
    expect(fromContext({ ...valid, userPoolEmailViaSes: 'false' }).userPoolEmailViaSes).toBe(false);
  });

  it('should require the certificate with the portal domain, and the other way round', () => {
    expect(() => fromContext({ ...valid, portalDomain: domain.portalDomain })).toThrow(
      /setting "portalCertificateArn": is required with portalDomain/,
    );
    expect(() => fromContext({ ...valid, portalCertificateArn: domain.portalCertificateArn })).toThrow(
      /setting "portalDomain": is required with portalCertificateArn/,
    );
  });

  it('should accept only us-east-1 certificates and CLOUDFRONT web ACLs (what CloudFront can use)', () => {
    const attempt = () =>
      fromContext({
        ...valid,
        portalDomain: domain.portalDomain,
        portalCertificateArn: domain.portalCertificateArn.replace('us-east-1', 'eu-west-1'),
        webAclArn: WEB_ACL.replace(':global/', ':regional/'),
      });
    expect(attempt).toThrow(/setting "portalCertificateArn": must be the ARN of an ACM certificate in us-east-1/);
    expect(attempt).toThrow(/setting "webAclArn": must be the ARN of a WAFv2 web ACL with scope CLOUDFRONT/);
  });

  it('should require the sender address to belong to the sender domain', () => {
    expect(() => fromContext({ ...valid, senderDomain: 'other.example' })).toThrow(
      /setting "senderEmail": must be an address of senderDomain other.example/,
    );
    expect(fromContext({ ...valid, senderDomain: 'example.com' }).senderDomain).toBe('example.com');
  });

  it('should refuse Cognito mail settings when the company brings its own issuer', () => {
    const externalOidc = {
      issuer: 'https://login.example.com',
      audience: 'portal',
    };
    expect(() => fromContext({ ...valid, externalOidc, userPoolEmailViaSes: true })).toThrow(
      /setting "userPoolEmailViaSes": applies to the built-in user pool only/,
    );
  });
});

describe('createPortal', () => {
  it('should build prod without a portal domain: sign-in returns to the CloudFront domain only', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, outdir: join(dir, 'out') });
    const portal = createPortal(app, { stage: 'prod', settings: valid });
    const resources = Object.entries(Template.fromStack(portal.service).toJSON().Resources as Record<string, Cfn>);
    const [distribution] = resources.find(([, r]) => r.Type === 'AWS::CloudFront::Distribution') ?? [];
    const [, client] = resources.find(([, r]) => r.Type === 'AWS::Cognito::UserPoolClient') ?? [];
    expect(client?.Properties.CallbackURLs).toEqual([
      { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }, '/']] },
    ]);
    // A whole synthesis inside the test (the others build theirs in beforeAll): the hooks' timeout.
  }, 60_000);
});
