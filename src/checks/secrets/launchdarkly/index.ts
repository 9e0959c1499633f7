/**
 * LaunchDarkly API access tokens `api-<uuid>` and server-side SDK keys `sdk-<uuid>`
 * (https://docs.launchdarkly.com/home/account/api); the prefixes are generic, so the name must say
 * LaunchDarkly. Mobile keys and client-side ids are public and are not reported.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, fakeUuid, rules } from '../_kit/kit.ts';

const api = 'api-' + fakeUuid('ld-api');
const sdk = 'sdk-' + fakeUuid('ld-sdk');

const list: SecretRule[] = [
  {
    id: 'launchdarkly-access-token',
    title: 'LaunchDarkly API access token or server-side SDK key',
    provider: 'LaunchDarkly',
    severity: 'high',
    confidence: 'medium',
    keywords: ['launchdarkly', 'launch_darkly', 'launch-darkly', 'ld_'],
    pattern: assigned({
      names: ['launchdarkly', 'launch_darkly', 'launch-darkly', 'ld_sdk', 'ld_api', 'ld_access', 'ld_server'],
      value: '(?:api|sdk)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    }),
    minEntropy: 3,
    remediation:
      'Reset the token (Organization settings > Authorization) or the SDK key (Projects > your project > Environments > Reset SDK key) in LaunchDarkly, and load it from the environment.',
    samples: {
      tp: [
        { text: `LAUNCHDARKLY_SDK_KEY=${sdk}`, secret: sdk },
        { text: `LD_API_KEY="${api}"`, secret: api },
      ],
      fp: [`LAUNCHDARKLY_MOBILE_KEY=mob-${fakeUuid('ld-mob')}`, `SDK_KEY=${sdk}`],
    },
  },
];

export default rules(list);
