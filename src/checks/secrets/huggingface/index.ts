/** Hugging Face user access tokens `hf_` and organization API tokens `api_org_`, each followed by 34 letters (https://huggingface.co/docs/hub/security-tokens). */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALPHA, fake, rules } from '../_kit/kit.ts';

const revoke =
  'Invalidate the token at https://huggingface.co/settings/tokens (or the organization settings), create a fine-grained one, and load it from the environment.';
const user = 'hf_' + fake(ALPHA, 34, 'hf-user');
const org = 'api_org_' + fake(ALPHA, 34, 'hf-org');

const list: SecretRule[] = [
  {
    id: 'huggingface-access-token',
    title: 'Hugging Face access token',
    provider: 'Hugging Face',
    severity: 'high',
    confidence: 'high',
    keywords: ['hf_'],
    pattern: /\b(?<secret>hf_[A-Za-z]{34})\b/,
    minEntropy: 3.5,
    remediation: revoke,
    samples: {
      tp: [
        { text: `HF_TOKEN=${user}`, secret: user },
        { text: `login(token="${user}")`, secret: user },
      ],
      fp: ['HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'hf_hub_download_with_retries_and_mirror_fallback', 'HF_TOKEN=hf_...'],
    },
  },
  {
    id: 'huggingface-org-api-token',
    title: 'Hugging Face organization API token',
    provider: 'Hugging Face',
    severity: 'high',
    confidence: 'high',
    keywords: ['api_org_'],
    pattern: /\b(?<secret>api_org_[A-Za-z]{34})\b/,
    minEntropy: 3.5,
    remediation: revoke,
    samples: {
      tp: [{ text: `HUGGINGFACE_ORG_TOKEN="${org}"`, secret: org }],
      fp: ['api_org_name_from_settings_and_defaults'],
    },
  },
];

export default rules(list);
