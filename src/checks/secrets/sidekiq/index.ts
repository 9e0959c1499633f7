/**
 * Sidekiq Pro/Enterprise gem server credentials (https://github.com/sidekiq/sidekiq/wiki/Sidekiq-Pro):
 * `user:password` (8 hex each) for gems.contribsys.com / enterprise.contribsys.com, in Bundler settings
 * (`BUNDLE_GEMS__CONTRIBSYS__COM`) or in the source URL.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { named } from '../_infra/util.ts';
import { ci, fake, HEX, rules } from '../_kit/kit.ts';

const cred = `${fake(HEX, 8, 'sidekiq-1')}:${fake(HEX, 8, 'sidekiq-2')}`;
const rotate =
  'Ask Contributed Systems to rotate the gem server credentials (support@contribsys.com), then set them with `bundle config` outside the repository.';

const list: SecretRule[] = [
  {
    id: 'sidekiq-secret',
    title: 'Sidekiq Pro/Enterprise gem server credentials',
    provider: 'Contributed Systems (Sidekiq)',
    severity: 'high',
    confidence: 'high',
    keywords: ['bundle_gems__contribsys__com', 'bundle_enterprise__contribsys__com'],
    pattern: named(`${ci('bundle_')}(?:${ci('gems')}|${ci('enterprise')})${ci('__contribsys__com')}`, '[a-f0-9]{8}:[a-f0-9]{8}'),
    remediation: rotate,
    samples: {
      tp: [{ text: `BUNDLE_GEMS__CONTRIBSYS__COM: "${cred}"`, secret: cred }],
      fp: ['BUNDLE_GEMS__CONTRIBSYS__COM: "username:password"'],
    },
  },
  {
    id: 'sidekiq-sensitive-url',
    title: 'Sidekiq Pro/Enterprise gem server URL with credentials',
    provider: 'Contributed Systems (Sidekiq)',
    severity: 'high',
    confidence: 'high',
    keywords: ['gems.contribsys.com', 'enterprise.contribsys.com'],
    pattern: /https?:\/\/(?<secret>[a-f0-9]{8}:[a-f0-9]{8})@(?:gems|enterprise)\.contribsys\.com(?=[/#?:]|$|\s|["'])/,
    remediation: rotate,
    samples: {
      tp: [{ text: `source "https://${cred}@gems.contribsys.com/" do`, secret: cred }],
      fp: ['source "https://gems.contribsys.com/" do'],
    },
  },
];

export default rules(list);
