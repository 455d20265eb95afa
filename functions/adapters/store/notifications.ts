/**
 * At most one e-mail per (request, event, recipient): a send is claimed with a conditional put
 * before it happens, so a redelivered stream record finds the claim and sends nothing. The comment
 * digest per (request, recipient) (`REQ#<id>` / `DIGEST#<recipientId>`: the last comment e-mail's
 * time and the newest seq it covered), moved only by a conditional put. And the single-use
 * approve-by-e-mail tokens, stored only as their SHA-256.
 */
import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DigestState, MailToken, NotificationStore } from '../../ports';
import { CAPACITY, db, tableName } from './client';
import { digestKey, mailTokenKey, noticeKey } from './keys';

/** True if this call may send; false if the notice was already claimed (sent or being sent). */
export async function claimNotice(requestId: string, seq: number, recipientId: string, at: string) {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...noticeKey(requestId, seq, recipientId), entity: 'notice', at },
        ConditionExpression: 'attribute_not_exists(pk)',
        ...CAPACITY,
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** A send that failed gives its claim back, so the retry can send. */
export async function releaseNotice(requestId: string, seq: number, recipientId: string) {
  await db().send(
    new DeleteCommand({ TableName: tableName(), Key: noticeKey(requestId, seq, recipientId), ...CAPACITY }),
  );
}

export async function markNoticeSent(
  requestId: string,
  seq: number,
  recipientId: string,
  messageId: string | undefined,
) {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: noticeKey(requestId, seq, recipientId),
      UpdateExpression: 'SET messageId = :m',
      ExpressionAttributeValues: { ':m': messageId ?? 'unknown' },
      ...CAPACITY,
    }),
  );
}

export async function getDigest(requestId: string, recipientId: string): Promise<DigestState | undefined> {
  const { Item } = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: digestKey(requestId, recipientId),
      ConsistentRead: true,
      ...CAPACITY,
    }),
  );
  return Item ? { sentAt: Item.sentAt as string, lastSeq: Item.lastSeq as number } : undefined;
}

/**
 * Moves the digest from `from` (undefined: there was none) to `to` (undefined: back to none); false when
 * it is no longer at `from` (another delivery moved it first).
 */
export async function moveDigest(
  requestId: string,
  recipientId: string,
  from: DigestState | undefined,
  to: DigestState | undefined,
): Promise<boolean> {
  const Key = digestKey(requestId, recipientId);
  const condition = from
    ? { ConditionExpression: 'lastSeq = :from', ExpressionAttributeValues: { ':from': from.lastSeq } }
    : { ConditionExpression: 'attribute_not_exists(pk)' };
  try {
    if (to)
      await db().send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...Key, entity: 'comment-digest', ...to },
          ...condition,
          ...CAPACITY,
        }),
      );
    else await db().send(new DeleteCommand({ TableName: tableName(), Key, ...condition, ...CAPACITY }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Keyed by the token's SHA-256: the table never holds a usable link. */
const tokenKey = (secret: string) => mailTokenKey(createHash('sha256').update(secret).digest('hex'));

export async function putMailToken(secret: string, token: MailToken) {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...tokenKey(secret), entity: 'mail-token', ...token },
      ...CAPACITY,
    }),
  );
}

export async function getMailToken(secret: string): Promise<MailToken | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: tokenKey(secret), ConsistentRead: true, ...CAPACITY }),
  );
  return Item as MailToken | undefined;
}

/** Marks the token used; false if it already was. */
export async function useMailToken(secret: string, at: string) {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: tokenKey(secret),
        UpdateExpression: 'SET usedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
        ExpressionAttributeValues: { ':at': at },
        ...CAPACITY,
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export const notificationStore: NotificationStore = {
  claimNotice,
  releaseNotice,
  markNoticeSent,
  getDigest,
  moveDigest,
  putMailToken,
  getMailToken,
  useMailToken,
};
