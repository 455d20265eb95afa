/** Request checks with the error names the Step Functions API uses. */
import { SfnApiError } from './errors';
import type { JSONValue } from './json';

const MAX_PAYLOAD_BYTES = 256 * 1024;
/** AWS: 1-80 characters, no whitespace, brackets, wildcards, punctuation or control characters. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what AWS forbids
const EXECUTION_NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/;

export function checkExecutionName(name: string): string {
  if (typeof name !== 'string' || !EXECUTION_NAME.test(name)) {
    throw new SfnApiError('InvalidName', `Invalid Name: '${String(name)}'`);
  }
  return name;
}

function parseJson(text: unknown, code: string, what: string): JSONValue {
  if (typeof text !== 'string') throw new SfnApiError(code, `Invalid ${what}: must be a JSON string`);
  if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) throw new SfnApiError(code, `Invalid ${what}: larger than 256 KiB`);
  try {
    return JSON.parse(text) as JSONValue;
  } catch {
    throw new SfnApiError(code, `Invalid ${what}: not valid JSON`);
  }
}

export const parseExecutionInput = (text: unknown) =>
  parseJson(text, 'InvalidExecutionInput', 'State Machine Execution Input');
export const parseTaskOutput = (text: unknown) => parseJson(text, 'InvalidOutput', 'Output');

export function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new SfnApiError('ValidationException', `1 validation error detected: '${field}' must not be null`);
  }
  return value;
}
