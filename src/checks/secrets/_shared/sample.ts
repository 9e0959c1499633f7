import type { SecretSample } from '../../../engines/secrets/types.ts';

/**
 * A true-positive sample written with `§` where the secret goes: the secret is put in at load time, so
 * the source file never holds a key next to its value (our own scan of this repository stays quiet).
 */
export function at(text: string, secret: string): SecretSample {
  return { text: text.replace('§', secret), secret };
}
