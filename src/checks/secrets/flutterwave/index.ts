/**
 * Flutterwave secret keys `FLWSECK-<32 hex>-X` (`FLWSECK_TEST-…` in test mode) and encryption keys
 * `FLWSECK…` + 12 hex (https://developer.flutterwave.com/docs/integration-guides/authentication).
 * Public keys (`FLWPUBK…`) are meant for browsers and are not reported.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { fake, HEX, rules } from '../_kit/kit.ts';

const revoke =
  'Generate new API keys in the Flutterwave dashboard (Settings > API Keys), which invalidates the old ones, and load them from the environment.';

const live = 'FLWSECK-' + fake(HEX, 32, 'flw-live') + '-X';
const test = 'FLWSECK_TEST-' + fake(HEX, 32, 'flw-test') + '-X';
const enc = 'FLWSECK_TEST' + fake(HEX, 12, 'flw-enc');
const encLive = 'FLWSECK-' + fake(HEX, 12, 'flw-enc-live');

const list: SecretRule[] = [
  {
    id: 'flutterwave-live-secret-key',
    title: 'Flutterwave live secret key',
    provider: 'Flutterwave',
    severity: 'critical',
    confidence: 'high',
    keywords: ['flwseck-'],
    pattern: /\b(?<secret>FLWSECK-[0-9a-fA-F]{32}-X)\b/,
    minEntropy: 3,
    remediation: revoke,
    samples: {
      tp: [{ text: `FLW_SECRET_KEY=${live}`, secret: live }],
      fp: ['FLWSECK-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-X', `FLWPUBK-${fake(HEX, 32, 'flw-pub')}-X`],
    },
  },
  {
    id: 'flutterwave-test-secret-key',
    title: 'Flutterwave test secret key',
    provider: 'Flutterwave',
    severity: 'low',
    confidence: 'high',
    keywords: ['flwseck_test-'],
    pattern: /\b(?<secret>FLWSECK_TEST-[0-9a-fA-F]{32}-X)\b/,
    minEntropy: 3,
    remediation: revoke,
    samples: {
      tp: [{ text: `secretKey: '${test}'`, secret: test }],
      fp: ['FLWSECK_TEST-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX-X', `FLWPUBK_TEST-${fake(HEX, 32, 'flw-pubt')}-X`],
    },
  },
  {
    id: 'flutterwave-encryption-key',
    title: 'Flutterwave encryption key',
    provider: 'Flutterwave',
    severity: 'medium',
    confidence: 'high',
    keywords: ['flwseck'],
    // 12 hex characters and nothing more: a full secret key continues with hex after the first twelve.
    pattern: /\b(?<secret>FLWSECK(?:_TEST)?-?[0-9a-fA-F]{12})(?![0-9A-Za-z-])/,
    minEntropy: 2.5,
    remediation: revoke,
    samples: {
      tp: [
        { text: `FLW_ENCRYPTION_KEY=${enc}`, secret: enc },
        { text: `encryption_key: "${encLive}"`, secret: encLive },
      ],
      fp: [live, test, 'FLWSECK_TESTxxxxxxxxxxxx'],
    },
  },
];

export default rules(list);
