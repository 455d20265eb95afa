/**
 * `npm run replay-dead-letters -- --stack <ServiceStackName> [--consumer notify|history|all] [--dry-run]`
 *
 * What to run when a stream consumer's "DLQ not empty" alarm fires: replays every dead letter of the
 * chosen consumers from the table's stream through their own functions, deletes what succeeded, and
 * prints what is left (still failing, or expired from the stream) with the requests concerned. Uses
 * the ordinary AWS credentials and region (AWS_PROFILE, AWS_REGION). Exits 0 when nothing is left.
 */
import { parseArgs } from 'node:util';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { deployedConsumers, lambdaInvoker, SqsDeadLetterQueue } from './aws';
import { formatSummaries, reconciled, replayDeadLetters, type ReplaySummary } from './replay-dead-letters';
import { SdkStreamBatchReader } from './stream-reader';

const USAGE =
  'Usage: npm run replay-dead-letters -- --stack <ServiceStackName> [--consumer notify|history|all] [--dry-run] [--json]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      stack: { type: 'string' },
      consumer: { type: 'string', default: 'all' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.stack) {
    console.error(USAGE);
    return values.help ? 0 : 64;
  }
  const all = await deployedConsumers(values.stack);
  const chosen = values.consumer === 'all' ? all : all.filter((c) => c.name === values.consumer);
  if (chosen.length === 0) {
    const known = all.map((c) => c.name).join(', ') || 'none';
    console.error(`Stack ${values.stack} has no stream consumer "${values.consumer}" (its consumers: ${known}).`);
    return 64;
  }
  const [sqs, lambda, streams] = [new SQSClient({}), new LambdaClient({}), new DynamoDBStreamsClient({})];
  const reader = new SdkStreamBatchReader(streams);
  const summaries: ReplaySummary[] = [];
  try {
    for (const consumer of chosen) {
      const queue = new SqsDeadLetterQueue(sqs, consumer.queueUrl);
      const target = { name: consumer.name, queue, invoke: lambdaInvoker(lambda, consumer.functionName) };
      summaries.push(await replayDeadLetters(target, reader, { dryRun: values['dry-run'] }));
    }
  } finally {
    for (const client of [sqs, lambda, streams]) client.destroy();
  }
  console.log(values.json ? JSON.stringify(summaries, null, 2) : formatSummaries(summaries));
  return reconciled(summaries) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
