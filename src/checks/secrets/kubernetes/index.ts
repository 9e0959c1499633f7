/**
 * Kubernetes bootstrap tokens (https://kubernetes.io/docs/reference/access-authn-authz/bootstrap-tokens/):
 * `[a-z0-9]{6}.[a-z0-9]{16}`, given to `kubeadm join --token` or a kubeadm config's `token:`; with them a
 * machine can join the cluster. Service-account tokens are JWTs (the JWT rules see them); Secret manifests
 * are read by the structured sources.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ci, fake, LOWNUM, rules } from '../_kit/kit.ts';

const token = `${fake(LOWNUM, 6, 'k8s-boot-1')}.${fake(LOWNUM, 16, 'k8s-boot-2')}`;

const list: SecretRule[] = [
  {
    id: 'kubernetes-bootstrap-token',
    title: 'Kubernetes bootstrap token',
    provider: 'Kubernetes',
    severity: 'high',
    confidence: 'high',
    keywords: ['token'],
    pattern: new RegExp(
      `(?:--${ci('token')}(?:=|[ \\t]{1,3})|${ci('token')}["']?[ \\t]{0,3}:[ \\t]{0,3})["']?(?<secret>[a-z0-9]{6}\\.[a-z0-9]{16})(?![\\w.-])`,
    ),
    minEntropy: 3,
    remediation:
      'Delete the token (kubeadm token delete <id>, or the bootstrap-token-<id> Secret in kube-system), create short-lived ones with `kubeadm token create --ttl`, and check for nodes that joined unexpectedly.',
    samples: {
      tp: [
        { text: `kubeadm join 10.0.0.10:6443 --token ${token} --discovery-token-ca-cert-hash sha256:${'0'.repeat(8)}`, secret: token },
        { text: `bootstrapTokens:\n- token: "${token}"\n  ttl: 24h0m0s`, secret: token },
      ],
      fp: ['kubeadm join 10.0.0.10:6443 --token abcdef.0123456789abcdef', 'token: <token>', 'version: 1.28.3'],
    },
  },
];

export default rules(list);
