import { describe, expect, it } from 'vitest';
import { NameMatcher } from './data-names.ts';
import { patternBoundsLength } from './data-schema.ts';
import { SENSITIVE_FIELDS, SERVER_FIELDS } from './data-words.ts';

describe('NameMatcher', () => {
  const m = NameMatcher.of(['role', 'created at', '=id']);
  it('matches on the last words (the head noun), never on substrings', () => {
    expect(m.match('role')).toBeDefined();
    expect(m.match('userRole')).toBeDefined();
    expect(m.match('roleDescription')).toBeUndefined();
    expect(m.match('parole')).toBeUndefined();
    expect(m.match('post_created_at')).toBeDefined();
    expect(m.match('created')).toBeUndefined();
  });
  it('honours whole-name patterns', () => {
    expect(m.match('id')).toBeDefined();
    expect(m.match('_id')).toBeDefined();
    expect(m.match('customer_id')).toBeUndefined();
  });
  it('tags names by kind, longest pattern first', () => {
    expect(SERVER_FIELDS.match('is_admin')?.tag).toBe('privilege');
    expect(SERVER_FIELDS.match('createdAt')?.tag).toBe('audit');
    expect(SERVER_FIELDS.match('content_created_at')).toBeUndefined();
    expect(SENSITIVE_FIELDS.match('password_hash')?.tag.what).toBe('a password hash');
    expect(SENSITIVE_FIELDS.match('new_password')?.tag.what).toBe('a password');
    expect(SENSITIVE_FIELDS.match('token_type')).toBeUndefined();
  });
});

describe('patternBoundsLength', () => {
  it.each([
    ['^[A-Z]{2}[0-9]{1,8}$', true],
    ['^[0-9]{5}(-[0-9]{4})?$', true],
    ['^(red|green|blue)$', true],
    ['^\\d{3}\\.\\d{2}$', true],
    ['^[a-z]+$', false],
    ['^.*$', false],
    ['^[a-z]{2,}$', false],
    ['[0-9]{4}', false],
    ['^[0-9]{4}', false],
    ['^a$|^b+$', false],
    ['^[+*]{3}$', true],
    ['^a\\$', false],
    ['^a{3', false],
  ])('%s → %s', (p, bounded) => {
    expect(patternBoundsLength(p)).toBe(bounded);
  });
});
