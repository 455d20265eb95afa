/**
 * cdk-nag helpers shared by the constructs that acknowledge findings on particular resources.
 */
import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * A resource the way cdk-nag names it in a finding id: `Fn::Join` flattened, references as `<Name>`
 * (e.g. `arn:<AWS::Partition>:states:<AWS::Region>:...`) and attributes as `<Name.Attribute>`, so an
 * acknowledgement names exactly one resource.
 */
export function nagResource(scope: IConstruct, value: string): string {
  const visit = (node: unknown): string => {
    if (typeof node === 'string') return node;
    const ref = (node as { Ref?: unknown }).Ref;
    if (typeof ref === 'string') return `<${ref}>`;
    const getAtt = (node as { 'Fn::GetAtt'?: unknown[] })['Fn::GetAtt'];
    if (getAtt) return `<${getAtt.join('.')}>`;
    const join = (node as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
    if (join) return join[1].map(visit).join(join[0]);
    throw new Error(`Cannot name ${JSON.stringify(node)} in a cdk-nag acknowledgement`);
  };
  return visit(Stack.of(scope).resolve(value));
}
