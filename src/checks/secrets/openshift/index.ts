/**
 * OpenShift OAuth access tokens (https://docs.openshift.com/container-platform/latest/authentication/understanding-authentication.html):
 * `sha256~` + 43 base64url characters, as printed by `oc whoami -t` and used by `oc login --token`.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { B64URL, fake, rules } from '../_kit/kit.ts';

const token = `sha256${'~'}${fake(B64URL, 43, 'openshift')}`;

const list: SecretRule[] = [
  {
    id: 'openshift-user-token',
    title: 'OpenShift user access token',
    provider: 'Red Hat OpenShift',
    severity: 'high',
    confidence: 'high',
    keywords: ['sha256~'],
    pattern: /(?<![\w-])(?<secret>sha256~[\w-]{43})(?![\w-])/,
    minEntropy: 3.5,
    remediation:
      'Delete the token (oc delete oauthaccesstoken <name>, or Display Token > revoke in the console), and use a service account with a bound, short-lived token for automation.',
    samples: {
      tp: [{ text: `oc login --token=${token} --server=https://api.cluster.example.com:6443`, secret: token }],
      fp: ['oc login --token=sha256~<token>', `sha256~${fake(B64URL, 20, 'openshift-short')}`],
    },
  },
];

export default rules(list);
