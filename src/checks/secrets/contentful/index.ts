/**
 * Contentful personal access tokens for the Content Management API `CFPAT-` + 43 characters
 * (https://www.contentful.com/developers/docs/references/authentication/); Content Delivery and Preview
 * API tokens (43 characters) are recognised by their name.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { assigned, B64URL, fake, rules } from '../_kit/kit.ts';

const body = (seed: string) => fake(B64URL, 43, seed).replace(/^[-_]/, 'a').replace(/[-_]$/, 'z');
const pat = 'CFPAT-' + body('cf-pat');
const delivery = body('cf-cda');

const list: SecretRule[] = [
  {
    id: 'contentful-personal-access-token',
    title: 'Contentful Content Management API personal access token',
    provider: 'Contentful',
    severity: 'high',
    confidence: 'high',
    keywords: ['cfpat-'],
    pattern: /\b(?<secret>CFPAT-[A-Za-z0-9_-]{43})(?![\w-])/,
    minEntropy: 4,
    remediation:
      'Revoke the token in Contentful (Settings > CMA tokens), which can edit and publish every space you can, create a new one, and load it from the environment.',
    samples: {
      tp: [{ text: `CONTENTFUL_MANAGEMENT_TOKEN=${pat}`, secret: pat }],
      fp: ['CONTENTFUL_MANAGEMENT_TOKEN=CFPAT-<token>', 'CFPAT-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  },
  {
    id: 'contentful-delivery-token',
    title: 'Contentful Content Delivery or Preview API token',
    provider: 'Contentful',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['contentful'],
    pattern: assigned({ names: ['contentful'], qualifiers: ['token', 'key'], value: '[A-Za-z0-9_-]{43}' }),
    minEntropy: 4,
    remediation:
      'Delivery tokens read published content (preview tokens read drafts too): regenerate the API key in Contentful (Settings > API keys) and keep preview tokens on the server.',
    samples: {
      tp: [{ text: `CONTENTFUL_ACCESS_TOKEN=${delivery}`, secret: delivery }],
      fp: [`CONTENTFUL_SPACE_ID=${fake(B64URL, 12, 'cf-space')}`, `ACCESS_TOKEN=${delivery}`],
    },
  },
];

export default rules(list);
