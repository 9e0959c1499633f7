import type { Confidence, CweId, OwaspId, Severity } from '../../core/index.ts';

/**
 * A secret detection rule: data, as in gitleaks. Each rule carries its own true- and false-positive
 * samples; test/secrets.rules.test.ts runs them for every rule.
 */
export interface SecretRule {
  /** Stable kebab-case id, e.g. `github-pat`. */
  id: string;
  /** What the secret is, e.g. "GitHub personal access token". */
  title: string;
  /** Who issued it, e.g. "GitHub". */
  provider: string;
  severity: Severity;
  confidence: Confidence;
  /**
   * Lowercase literals, at least one of which must occur in the text for the pattern to run (a fast
   * prefilter). Empty only for rules whose pattern is cheap and selective on its own.
   */
  keywords: string[];
  /**
   * A linear pattern: no nested or adjacent unbounded quantifiers that can backtrack; bound every
   * repetition (`{20,80}`, not `+`). The named group `secret` holds the secret (else the whole match).
   * No `g`/`y` flags: the scanner adds them.
   */
  pattern: RegExp;
  /** Shannon entropy floor (bits per character) of the secret; below it the match is no secret. */
  minEntropy?: number;
  /** A format check (e.g. the CRC32 checksum of GitHub and npm tokens): false means not a secret. */
  validate?: (secret: string) => boolean;
  /** Patterns that, matched against the secret, mark documentation samples or placeholders. */
  allow?: RegExp[];
  /** What to do: where to revoke and rotate it, in one or two sentences. */
  remediation: string;
  /** Every `tp` must be found with exactly that secret; no `fp` may be found. */
  samples: { tp: SecretSample[]; fp: string[] };
  owasp?: OwaspId[];
  cwe?: CweId[];
}

/** A text that holds a secret, and the secret it must yield. */
export interface SecretSample {
  text: string;
  secret: string;
}

/** One secret found in a text. Offsets are UTF-16 code units into the scanned text. */
export interface SecretMatch {
  ruleId: string;
  /** The secret itself: it never leaves the engine (reporters get `redact(secret)`). */
  secret: string;
  start: number;
  end: number;
}

/** Where a secret sits in the original file (1-based lines and columns, `endColumn` exclusive). */
export interface FragmentRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/**
 * A piece of text to scan, from any source: a file, an added hunk of a commit, a value pulled out of a
 * Postman environment. The engine scans fragments with every rule and turns matches into findings.
 */
export interface Fragment {
  /** Path shown to users, relative to the working directory, with forward slashes. */
  file: string;
  text: string;
  /**
   * Maps a match (offsets into `text`) to its region in the original file. Sources whose text is not
   * the file itself (diff hunks, values extracted from JSON) provide it; default: positions in `text`.
   */
  locate?: (start: number, end: number) => FragmentRegion;
  /** JSON pointer of the value, for structured sources; part of the fingerprint when present. */
  pointer?: string;
  /** Set for fragments from git history. */
  git?: {
    commit: string;
    author?: string;
    date?: string;
    /** The secret's line is gone from the current HEAD version of the file. */
    removedInHead?: boolean;
  };
}
