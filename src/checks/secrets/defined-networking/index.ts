/**
 * Defined Networking (managed Nebula) API keys (https://docs.defined.net/guides/automating-host-creation/):
 * `dnkey-` + 26 characters + `-` + 52 characters.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { B64URL, fake, rules } from '../_kit/kit.ts';

const key = `dn${'key'}-${fake('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 26, 'dn-1')}-${fake('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 52, 'dn-2')}`;

const list: SecretRule[] = [
  {
    id: 'defined-networking-api-token',
    title: 'Defined Networking API key',
    provider: 'Defined Networking',
    severity: 'high',
    confidence: 'high',
    keywords: ['dnkey-'],
    pattern: /(?<![\w-])(?<secret>dnkey-[A-Za-z0-9=_-]{26}-[A-Za-z0-9=_-]{52})(?![\w=-])/,
    minEntropy: 3.5,
    remediation:
      'Delete the API key in the Defined Networking admin panel (API keys) and create one with only the scopes the automation needs.',
    samples: {
      tp: [{ text: `DN_API_KEY=${key}`, secret: key }],
      fp: [`dnkey-${fake(B64URL, 10, 'dn-short')}-${fake(B64URL, 52, 'dn-3')}`, 'DN_API_KEY=dnkey-<key>'],
    },
  },
];

export default rules(list);
