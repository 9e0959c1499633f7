/**
 * RubyGems.org API keys (https://guides.rubygems.org/api-key-scopes/): `rubygems_` + 48 hex.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { fake, HEX, rules } from '../_kit/kit.ts';

const key = `ruby${'gems'}_${fake(HEX, 48, 'rubygems')}`;

const list: SecretRule[] = [
  {
    id: 'rubygems-api-token',
    title: 'RubyGems API key',
    provider: 'RubyGems',
    severity: 'critical',
    confidence: 'high',
    keywords: ['rubygems_'],
    pattern: /(?<![\w-])(?<secret>rubygems_[a-f0-9]{48})(?![\w-])/,
    minEntropy: 3,
    remediation:
      'Delete the key on RubyGems.org (Settings > API keys, https://rubygems.org/profile/api_keys), check the gems it could push for versions you did not release, and use trusted publishing from CI.',
    samples: {
      tp: [{ text: `---\n:rubygems_api_key: ${key}`, secret: key }],
      fp: [':rubygems_api_key: rubygems_<key>', `rubygems_${fake(HEX, 40, 'rubygems-short')}`],
    },
  },
];

export default rules(list);
