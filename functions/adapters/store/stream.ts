/** Reading DynamoDB stream records: only the history events newly written (the outbox). */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { HistoryEvent } from '../../domain/requests/model';

export interface OutboxEvent {
  requestId: string;
  event: HistoryEvent;
}

/** The history event a stream record inserted, or undefined for any other record. */
export function outboxEventOf(record: DynamoDBRecord): OutboxEvent | undefined {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || !image) return undefined;
  const item = unmarshall(image as Record<string, AttributeValue>);
  if (item.entity !== 'event' || typeof item.pk !== 'string') return undefined;
  const { pk, sk: _sk, entity: _entity, ...event } = item;
  return { requestId: (pk as string).slice('REQ#'.length), event: event as HistoryEvent };
}
