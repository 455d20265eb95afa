/**
 * The floor of every bundle that touches the table: a function that only reads one item with the
 * DynamoDB document client, bundled with PortalFunction's settings. The bundle report prints its size
 * next to the budget: what the AWS SDK alone weighs before any portal code.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: { pk: string; sk: string }) =>
  (await documents.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: event }))).Item;
