/**
 * Shopify tokens (https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens): admin
 * API access tokens `shpat_`, custom-app tokens `shpca_`, private-app passwords `shppa_` and app shared
 * secrets `shpss_`, each followed by 32 hex characters.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { fake, HEX, rules } from '../_kit/kit.ts';

const uninstall =
  "Rotate it: uninstall/reinstall the custom app or create a new token in the store admin (Settings > Apps and sales channels > Develop apps), or rotate the app's credentials in the Partner Dashboard, then load it from the environment.";

function shopify(prefix: string, id: string, title: string, example: (t: string) => string): SecretRule {
  const token = prefix + fake(HEX, 32, id);
  return {
    id,
    title,
    provider: 'Shopify',
    severity: 'high',
    confidence: 'high',
    keywords: [prefix],
    pattern: new RegExp(String.raw`\b(?<secret>${prefix}[0-9a-fA-F]{32})\b`),
    minEntropy: 3,
    remediation: uninstall,
    samples: {
      tp: [{ text: example(token), secret: token }],
      fp: [`${prefix}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`, `${prefix}${fake(HEX, 31, id + '-short')}`, `${prefix}<token>`],
    },
  };
}

const list: SecretRule[] = [
  shopify('shpat_', 'shopify-access-token', 'Shopify Admin API access token', (t) => `SHOPIFY_ACCESS_TOKEN=${t}`),
  shopify('shpca_', 'shopify-custom-app-access-token', 'Shopify custom app access token', (t) => `"X-Shopify-Access-Token": "${t}"`),
  shopify('shppa_', 'shopify-private-app-password', 'Shopify private app password', (t) => `https://key:${t}@shop.myshopify.com/admin`),
  shopify('shpss_', 'shopify-shared-secret', 'Shopify app shared secret', (t) => `SHOPIFY_API_SECRET: '${t}'`),
];

export default rules(list);
