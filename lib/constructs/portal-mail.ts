/**
 * The portal's e-mail identity in SES: the sender (a whole domain with Easy DKIM when the settings
 * name one, else the single From address) and a configuration set that requires TLS, publishes
 * reputation metrics and suppresses addresses that bounced or complained. The identity is retained
 * like the table: its verification (DNS records or the confirmation link) survives a teardown.
 *
 * SES names are fixed at synth (the configuration set's from the construct path), so the service
 * stack builds the ARNs it grants from the names and imports nothing.
 */
import { CfnOutput, Names, RemovalPolicy } from 'aws-cdk-lib';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { MailBinding } from '../bindings';

export interface PortalMailProps {
  senderEmail: string;
  /** Verify this domain (DKIM) rather than the single address. */
  senderDomain?: string;
}

export class PortalMail extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  /** What the senders bind to (without sandbox recipients, which are the service stack's business). */
  readonly binding: MailBinding;

  constructor(scope: Construct, id: string, props: PortalMailProps) {
    super(scope, id);
    const configurationSetName = Names.uniqueResourceName(this, { maxLength: 64, separator: '-' });
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });

    const identityName = props.senderDomain ?? props.senderEmail;
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: props.senderDomain ? Identity.domain(props.senderDomain) : Identity.email(props.senderEmail),
      // Every message from the identity uses the configuration set, even one sent without naming it.
      configurationSet: this.configurationSet,
    });
    this.identity.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.binding = { fromAddress: props.senderEmail, identityName, configurationSetName };

    if (props.senderDomain) {
      new CfnOutput(scope, 'MailVerification', {
        value: `Publish the DkimRecord1..3 CNAME records in the DNS of ${props.senderDomain}; SES verifies the domain once they resolve.`,
      });
      this.identity.dkimRecords.forEach((record, index) => {
        new CfnOutput(scope, `DkimRecord${index + 1}`, {
          value: `${record.name} CNAME ${record.value}`,
          description: `DKIM record ${index + 1} of 3 for ${props.senderDomain}`,
        });
      });
    } else {
      new CfnOutput(scope, 'MailVerification', {
        value: `SES sent a verification link to ${props.senderEmail}: open it to let the portal send from that address.`,
      });
    }
    new CfnOutput(scope, 'MailConfigurationSet', { value: configurationSetName });
  }
}
