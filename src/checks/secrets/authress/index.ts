/**
 * Authress service client access keys (https://authress.io/knowledge-base/docs/authorization/service-clients/secrets-scanning):
 * `sc_` / `ext_` / `scauth_` / `authress_` + client id `.` key id `.acc_` account id `.` private key.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { B64URL, fake, LOWNUM, rules } from '../_kit/kit.ts';

const key = `sc${'_'}${fake(LOWNUM, 12, 'authress-1')}.${fake(LOWNUM, 5, 'authress-2')}.acc_${fake(LOWNUM, 16, 'authress-3')}.${fake(B64URL, 64, 'authress-4')}`;

const list: SecretRule[] = [
  {
    id: 'authress-service-client-access-key',
    title: 'Authress service client access key',
    provider: 'Authress',
    severity: 'high',
    confidence: 'high',
    keywords: ['sc_', 'ext_', 'scauth_', 'authress_'],
    pattern:
      /(?<![\w-])(?<secret>(?:sc|ext|scauth|authress)_[A-Za-z0-9]{5,30}\.[A-Za-z0-9]{4,6}\.acc[_-][A-Za-z0-9-]{10,32}\.[A-Za-z0-9+/_=-]{30,120})(?![\w+/=-])/,
    minEntropy: 3.5,
    remediation:
      'Delete the access key in the Authress management portal (Service clients > the client > Access keys) and create a new one.',
    samples: {
      tp: [{ text: `AUTHRESS_KEY=${key}`, secret: key }],
      fp: ['AUTHRESS_KEY=sc_<client>.<key>.acc_<account>.<secret>', 'sc_module.init.acc_handler.run'],
    },
  },
];

export default rules(list);
