import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { createPortal } from './lib/portal';
const cdkJson = JSON.parse(readFileSync('cdk.json', 'utf8'));
const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] }, outdir: mkdtempSync(join(tmpdir(), 'probe-')) });
const p = createPortal(app, { stage: 'dev', settings: { senderEmail: 'a@example.com', adminEmail: 'b@example.com' } });
for (const s of [p.stateful, p.service]) {
  const v = new AwsSolutionsChecks().validateScope(s).violations;
  console.log(s.stackName, JSON.stringify(v.map(x => [x.ruleName, x.violatingResources.map(r => r.constructPath)]), null, 1));
}
const t = Template.fromStack(p.service).toJSON();
const counts: Record<string, number> = {};
for (const r of Object.values(t.Resources) as any[]) counts[r.Type] = (counts[r.Type] ?? 0) + 1;
console.log(counts, Object.keys(t.Resources).length);
for (const [id, r] of Object.entries(t.Resources) as any) if (r.Type === 'AWS::StepFunctions::StateMachine') console.log(id, JSON.stringify({ ...r.Properties, DefinitionString: String(r.Properties.DefinitionString).slice(0, 80) }, null, 1));
