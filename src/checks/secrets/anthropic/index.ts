/**
 * Anthropic (https://docs.anthropic.com/en/api/getting-started#authentication): API keys
 * `sk-ant-api03-…AA`, Admin API keys `sk-ant-admin01-…AA`, Claude OAuth access and refresh tokens
 * `sk-ant-oat01-…`/`sk-ant-ort01-…`, and Claude Code remote session URLs, which let their holder drive a
 * running session.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, B64URL, fake, rules } from '../_kit/kit.ts';

const body = (n: number, seed: string) => fake(B64URL, n, seed).replace(/^[-_]/, 'a');
const api = 'sk-ant-' + 'api03-' + body(93, 'ant-api') + 'AA';
const admin = 'sk-ant-' + 'admin01-' + body(93, 'ant-admin') + 'AA';
const oat = 'sk-ant-' + 'oat01-' + body(93, 'ant-oat') + 'AA';
const ort = 'sk-ant-' + 'ort01-' + body(93, 'ant-ort') + 'AA';
const session = 'https://claude.ai/code/session_' + fake(ALNUM, 24, 'claude-session');

const consoleKeys =
  'Delete the key at https://console.anthropic.com/settings/keys (a leaked key is also disabled automatically when GitHub reports it), check usage, and load a new key from the environment or a secret manager.';

const list: SecretRule[] = [
  {
    id: 'anthropic-api-key',
    title: 'Anthropic API key',
    provider: 'Anthropic',
    severity: 'high',
    confidence: 'high',
    keywords: ['sk-ant-api03-'],
    pattern: /\b(?<secret>sk-ant-api03-[A-Za-z0-9_-]{93}AA)(?![\w-])/,
    minEntropy: 4,
    remediation: consoleKeys,
    samples: {
      tp: [
        { text: `ANTHROPIC_API_KEY=${api}`, secret: api },
        { text: `client = anthropic.Anthropic(api_key="${api}")`, secret: api },
      ],
      fp: ['ANTHROPIC_API_KEY=sk-ant-api03-...', `sk-ant-api03-${body(93, 'bad')}BB`, 'sk-ant-api03-xxxxxxxx'],
    },
  },
  {
    id: 'anthropic-admin-key',
    title: 'Anthropic Admin API key',
    provider: 'Anthropic',
    severity: 'critical',
    confidence: 'high',
    keywords: ['sk-ant-admin01-'],
    pattern: /\b(?<secret>sk-ant-admin01-[A-Za-z0-9_-]{93}AA)(?![\w-])/,
    minEntropy: 4,
    remediation: `Admin keys manage the organization's members, workspaces and keys. ${consoleKeys.replace('settings/keys', 'settings/admin-keys')}`,
    samples: {
      tp: [{ text: `ANTHROPIC_ADMIN_KEY="${admin}"`, secret: admin }],
      fp: ['ANTHROPIC_ADMIN_KEY=sk-ant-admin01-<key>'],
    },
  },
  {
    id: 'anthropic-oauth-token',
    title: 'Anthropic (Claude) OAuth access or refresh token',
    provider: 'Anthropic',
    severity: 'high',
    confidence: 'high',
    keywords: ['sk-ant-oat01-', 'sk-ant-ort01-'],
    pattern: /\b(?<secret>sk-ant-o[ar]t01-[A-Za-z0-9_-]{40,200})(?![\w-])/,
    minEntropy: 4,
    remediation:
      'The token acts as the Claude account that granted it: log out (`/logout` in Claude Code) or sign out of all sessions in the Claude account settings, which revokes it, and keep tokens in the system credential store, not in files.',
    samples: {
      tp: [
        { text: `CLAUDE_CODE_OAUTH_TOKEN=${oat}`, secret: oat },
        { text: `"refreshToken": "${ort}"`, secret: ort },
      ],
      fp: ['CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-tooShort'],
    },
  },
  {
    id: 'claude-code-session-url',
    title: 'Claude Code remote session URL',
    provider: 'Anthropic',
    severity: 'medium',
    confidence: 'high',
    keywords: ['claude.ai/code/session_'],
    pattern: /(?<secret>https?:\/\/claude\.ai\/code\/session_[A-Za-z0-9]{16,64})\b/,
    minEntropy: 3.5,
    remediation:
      'Whoever opens the URL can follow and steer the session: end the session in Claude Code and do not paste session links into files or tickets.',
    samples: {
      tp: [{ text: `see ${session} for the run`, secret: session }],
      fp: ['https://claude.ai/code/session_short', `https://claude.ai/chat/session_${fake(ALNUM, 24, 'cs2')}`],
    },
  },
];

export default rules(list);
