/**
 * Segment source write keys (32 characters) used from servers, recognised by a name that says Segment
 * and write key (https://segment.com/docs/connections/find-writekey/). With one, anyone can send events
 * into your pipeline; keys in browser snippets are public by design.
 */
import type { SecretRule } from '../../../engines/secrets/types.ts';
import { ALNUM, assigned, fake, rules } from '../_kit/kit.ts';

const key = fake(ALNUM, 32, 'segment');

const list: SecretRule[] = [
  {
    id: 'segment-write-key',
    title: 'Segment server-side write key',
    provider: 'Segment',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['segment'],
    pattern: assigned({ names: ['segment'], qualifiers: ['write_key', 'writekey', 'write-key', 'write.key'], value: '[A-Za-z0-9]{32}' }),
    minEntropy: 3.5,
    remediation:
      'Regenerate the write key of the source in Segment (Connections > Sources > your source > Settings > API keys) and load it from the environment.',
    samples: {
      tp: [{ text: `SEGMENT_WRITE_KEY=${key}`, secret: key }],
      fp: [`WRITE_KEY=${key}`, 'SEGMENT_WRITE_KEY=YOUR_WRITE_KEY'],
    },
  },
];

export default rules(list);
