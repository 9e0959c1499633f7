/**
 * Fastly API tokens (https://docs.fastly.com/en/guides/using-api-tokens): 32 characters with no prefix,
 * reported next to a Fastly name that says key or token (`FASTLY_API_TOKEN`, `fastly_key`).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named, varRef } from '../_infra/util.ts';
import { B64URL, ci, fake, rules } from '../_kit/kit.ts';

const token = fake(B64URL, 32, 'fastly');

const list: SecretRule[] = [
  {
    id: 'fastly-api-token',
    title: 'Fastly API token',
    provider: 'Fastly',
    severity: 'high',
    confidence: 'medium',
    keywords: ['fastly'],
    pattern: named(`${ci('fastly')}[\\w.-]{0,24}?(?:${ci('token')}|${ci('key')})`, '[A-Za-z0-9_-]{32}'),
    minEntropy: 3.5,
    remediation:
      'Delete the token in the Fastly control panel (Account > API tokens, https://manage.fastly.com/account/personal/tokens) and create one limited to the services and scope it needs.',
    samples: {
      tp: [
        { text: `FASTLY_API_TOKEN=${token}`, secret: token },
        { text: `export FASTLY_KEY='${token}'`, secret: token },
      ],
      fp: [`FASTLY_API_TOKEN=${varRef('FASTLY_API_TOKEN')}`, `fastly_service_id: ${fake(B64URL, 22, 'fastly-sid')}`],
    },
  },
];

export default rules(list);
