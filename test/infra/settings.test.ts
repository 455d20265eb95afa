/**
 * Stage and company settings fail synth early, with a message naming what is wrong.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { createPortal } from '../../lib/portal';
import { loadSettings, parseStage, STAGES } from '../../lib/settings';

const dir = mkdtempSync(join(tmpdir(), 'portal-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fromContext = (context: Record<string, unknown>) => loadSettings((key) => context[key]);
const valid = { senderEmail: 'portal@example.com', adminEmail: 'ops@example.com' };

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
    expect(attempt).toThrow(/setting "externalOidc.jwksUrl"/);
  });

  it('should name a missing setting', () => {
    expect(() => fromContext({ senderEmail: 'portal@example.com' })).toThrow(/setting "adminEmail"/);
  });

  it('should read a settings file given as -c config=path, without mixing in context keys', () => {
    const file = join(dir, 'company.json');
    writeFileSync(file, JSON.stringify({ ...valid, portalDomain: 'portal.example.com' }));
    expect(fromContext({ config: file, adminEmail: 'ignored' })).toEqual({
      ...valid,
      portalDomain: 'portal.example.com',
    });
    expect(() => fromContext({ config: join(dir, 'missing.json') })).toThrow(/Cannot read settings file/);
  });
});

describe('createPortal', () => {
  it('should require portalDomain for prod with the built-in user pool (the sign-in callback)', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, outdir: join(dir, 'out') });
    expect(() => createPortal(app, { stage: 'prod', settings: valid })).toThrow(/Setting "portalDomain" is required/);
  });
});
