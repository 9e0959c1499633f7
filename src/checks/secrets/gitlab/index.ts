/**
 * GitLab tokens (https://docs.gitlab.com/ee/security/tokens/#token-prefixes): personal, project and group
 * access tokens `glpat-`, OAuth application secrets `gloas-`, deploy tokens `gldt-`, runner
 * authentication tokens `glrt-`, runner registration tokens `GR1348941`, CI/CD job tokens `glcbt-`,
 * pipeline trigger tokens `glptt-`, feed tokens `glft-`, incoming mail tokens `glimt-`, agent for
 * Kubernetes tokens `glagent-`, SCIM tokens `glsoat-`, feature flag client tokens `glffct-`, and the
 * `_gitlab_session` cookie. Each prefixed token is either the classic 20-character form or the routable
 * form with its CRC32 (checked).
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { B64URL, fake, HEX, LOWNUM, rules } from '../_kit/kit.ts';
import { gitlabTokenValid, makeRoutable } from './routable.ts';

const ROUTABLE = String.raw`[\w-]{27,300}\.[0-9a-z]{9}`;
const settings = (where: string) =>
  `Revoke it in GitLab (${where}), check the audit events for its use, and create a replacement with the least scope and an expiry date.`;

interface Spec {
  id: string;
  title: string;
  prefix: string;
  /** The classic body, a regular-expression source. */
  body: string;
  /** Also accept the routable form. */
  routable?: boolean;
  severity: SecretRule['severity'];
  where: string;
  sample: string;
  context: (t: string) => string;
  /** More samples (e.g. the routable form, a near miss with a wrong CRC). */
  more?: { tp: { text: string; secret: string }[]; fp: string[] };
}

function rule(s: Spec): SecretRule {
  const esc = s.prefix.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  const body = s.routable ? `(?:${ROUTABLE}|${s.body})` : s.body;
  return {
    id: s.id,
    title: s.title,
    provider: 'GitLab',
    severity: s.severity,
    confidence: 'high',
    keywords: [s.prefix.toLowerCase()],
    pattern: new RegExp(`(?<![\\w-])(?<secret>${esc}${body})(?![\\w.-])`),
    minEntropy: 3,
    validate: gitlabTokenValid,
    remediation: settings(s.where),
    samples: {
      tp: [{ text: s.context(s.sample), secret: s.sample }, ...(s.more?.tp ?? [])],
      fp: [`${s.prefix}${'x'.repeat(20)}`, s.context(`${s.prefix}<token>`), ...(s.more?.fp ?? [])],
    },
  };
}

const routablePat = makeRoutable('glpat-', fake(B64URL, 40, 'gl-routable'));
/** A routable token whose CRC does not match is no token: a near miss. */
const routableBad = `${routablePat.slice(0, -1)}${routablePat.endsWith('0') ? '1' : '0'}`;
const routableRunner = makeRoutable('glrt-t1_', fake(B64URL, 40, 'gl-routable-runner'));
const session = fake(LOWNUM, 32, 'gl-session');

const list: SecretRule[] = [
  rule({
    id: 'gitlab-pat',
    title: 'GitLab personal, project or group access token',
    prefix: 'glpat-',
    body: '[\\w-]{20}',
    routable: true,
    severity: 'critical',
    where: 'User settings > Access tokens, or the project/group Settings > Access tokens',
    sample: `glpat-${fake(B64URL, 20, 'gl-pat')}`,
    context: (t) => `GITLAB_TOKEN=${t}`,
    more: { tp: [{ text: `PRIVATE-TOKEN: ${routablePat}`, secret: routablePat }], fp: [`PRIVATE-TOKEN: ${routableBad}`] },
  }),
  rule({
    id: 'gitlab-oauth-app-secret',
    title: 'GitLab OAuth application secret',
    prefix: 'gloas-',
    body: '[\\w-]{64}',
    routable: true,
    severity: 'high',
    where: 'User settings > Applications, or Admin > Applications: Renew secret',
    sample: `gloas-${fake(B64URL, 64, 'gl-oas')}`,
    context: (t) => `OAUTH_CLIENT_SECRET="${t}"`,
  }),
  rule({
    id: 'gitlab-deploy-token',
    title: 'GitLab deploy token',
    prefix: 'gldt-',
    body: '[\\w-]{20}',
    routable: true,
    severity: 'high',
    where: 'Settings > Repository > Deploy tokens',
    sample: `gldt-${fake(B64URL, 20, 'gl-dt')}`,
    context: (t) => `docker login registry.gitlab.com -u deployer -p ${t}`,
  }),
  rule({
    id: 'gitlab-runner-token',
    title: 'GitLab runner authentication token',
    prefix: 'glrt-',
    body: '[\\w-]{20}',
    routable: true,
    severity: 'high',
    where: "Settings > CI/CD > Runners: reset the runner's token or delete the runner",
    sample: routableRunner,
    context: (t) => `[[runners]]\n  url = "https://gitlab.com"\n  token = "${t}"`,
  }),
  rule({
    id: 'gitlab-runner-registration-token',
    title: 'GitLab runner registration token (deprecated)',
    prefix: 'GR1348941',
    body: '[\\w-]{20}',
    severity: 'high',
    where: 'Settings > CI/CD > Runners: reset the registration token, and move to runner authentication tokens',
    sample: `GR1348941${fake(B64URL, 20, 'gl-rrt')}`,
    context: (t) => `gitlab-runner register --registration-token "${t}"`,
  }),
  rule({
    id: 'gitlab-cicd-job-token',
    title: 'GitLab CI/CD job token',
    prefix: 'glcbt-',
    body: '[0-9a-zA-Z]{1,5}_[\\w-]{20}',
    severity: 'medium',
    where: 'job tokens expire with the job; cancel the job if it still runs',
    sample: `glcbt-${fake(HEX, 2, 'gl-cbt1')}_${fake(B64URL, 20, 'gl-cbt2')}`,
    context: (t) => `CI_JOB_TOKEN=${t}`,
  }),
  rule({
    id: 'gitlab-pipeline-trigger-token',
    title: 'GitLab pipeline trigger token',
    prefix: 'glptt-',
    body: '[a-f0-9]{40}',
    severity: 'high',
    where: 'Settings > CI/CD > Pipeline trigger tokens',
    sample: `glptt-${fake(HEX, 40, 'gl-ptt')}`,
    context: (t) => `curl -X POST --fail -F token=${t} -F ref=main https://gitlab.com/api/v4/projects/42/trigger/pipeline`,
  }),
  rule({
    id: 'gitlab-feed-token',
    title: 'GitLab feed token',
    prefix: 'glft-',
    body: '[\\w-]{20}',
    routable: true,
    severity: 'medium',
    where: 'User settings > Access tokens > Feed token: reset',
    sample: `glft-${fake(B64URL, 20, 'gl-ft')}`,
    context: (t) => `https://gitlab.com/dashboard/projects.atom?feed_token=${t}`,
  }),
  rule({
    id: 'gitlab-incoming-mail-token',
    title: 'GitLab incoming email token',
    prefix: 'glimt-',
    body: '[\\w-]{25}',
    routable: true,
    severity: 'medium',
    where: 'User settings > Access tokens > Incoming email token: reset',
    sample: `glimt-${fake(B64URL, 25, 'gl-imt')}`,
    context: (t) => `incoming_email_token: ${t}`,
  }),
  rule({
    id: 'gitlab-kubernetes-agent-token',
    title: 'GitLab agent for Kubernetes token',
    prefix: 'glagent-',
    body: '[\\w-]{50}',
    routable: true,
    severity: 'high',
    where: 'Operate > Kubernetes clusters > the agent > Access tokens: revoke',
    sample: `glagent-${fake(B64URL, 50, 'gl-agent')}`,
    context: (t) => `helm upgrade --install agent gitlab/gitlab-agent --set config.token=${t}`,
  }),
  rule({
    id: 'gitlab-scim-token',
    title: 'GitLab SCIM token',
    prefix: 'glsoat-',
    body: '[\\w-]{20}',
    routable: true,
    severity: 'high',
    where: "the group's Settings > SAML SSO > SCIM token: reset",
    sample: `glsoat-${fake(B64URL, 20, 'gl-soat')}`,
    context: (t) => `scim_token: ${t}`,
  }),
  rule({
    id: 'gitlab-feature-flag-client-token',
    title: 'GitLab feature flag client token',
    prefix: 'glffct-',
    body: '[\\w-]{20}',
    routable: true,
    severity: 'low',
    where: 'Deploy > Feature flags > Configure: reset the instance id and token',
    sample: `glffct-${fake(B64URL, 20, 'gl-ffct')}`,
    context: (t) => `UNLEASH_INSTANCE_ID=${t}`,
  }),
  {
    id: 'gitlab-session-cookie',
    title: 'GitLab session cookie',
    provider: 'GitLab',
    severity: 'medium',
    confidence: 'high',
    keywords: ['_gitlab_session='],
    pattern: /_gitlab_session=(?<secret>[0-9a-z]{32})(?![0-9a-z])/,
    minEntropy: 3,
    remediation: 'Sign out of that session (User settings > Active sessions > Revoke) and do not keep cookies in files or scripts.',
    samples: {
      tp: [{ text: `curl -b "_gitlab_session=${session}" https://gitlab.example.com/api/v4/user`, secret: session }],
      fp: ['Cookie: _gitlab_session=<session>', `_gitlab_session=${'0'.repeat(32)}`],
    },
  },
];

export default rules(list);
