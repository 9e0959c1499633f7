/**
 * Finicity (Mastercard Open Banking) app keys (32 hex) and partner secrets (20 characters), recognised
 * by their names (https://developer.mastercard.com/open-banking-us/documentation/quick-start-guide/).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, fake, HEX, rules } from '../_kit/kit.ts';

const revoke =
  'Reset the partner secret and app key in the Mastercard Developers portal (your Open Banking project > Credentials) and load them from the environment or a secret manager.';

const appKey = fake(HEX, 32, 'finicity-appkey');
const secret = fake(ALNUM, 20, 'finicity-secret');

const list: SecretRule[] = [
  {
    id: 'finicity-app-key',
    title: 'Finicity app key',
    provider: 'Finicity',
    severity: 'high',
    confidence: 'medium',
    keywords: ['finicity'],
    pattern: assigned({ names: ['finicity'], value: '[0-9a-f]{32}' }),
    minEntropy: 3,
    remediation: revoke,
    samples: {
      tp: [{ text: `FINICITY_APP_KEY=${appKey}`, secret: appKey }],
      fp: [`APP_KEY=${appKey}`],
    },
  },
  {
    id: 'finicity-partner-secret',
    title: 'Finicity partner secret',
    provider: 'Finicity',
    severity: 'high',
    confidence: 'medium',
    keywords: ['finicity'],
    pattern: assigned({ names: ['finicity'], qualifiers: ['secret'], value: '[A-Za-z0-9]{20}' }),
    minEntropy: 3.5,
    remediation: revoke,
    samples: {
      tp: [{ text: `finicity.partnerSecret = "${secret}"`, secret }],
      fp: [`partnerSecret = "${secret}"`, 'FINICITY_PARTNER_SECRET=xxxxxxxxxxxxxxxxxxxx'],
    },
  },
];

export default rules(list);
