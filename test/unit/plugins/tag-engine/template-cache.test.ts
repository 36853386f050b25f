// A dialect tokenizes each template text once (template-cache.ts): the same text gives the same
// SqlTemplate, and the cache stays bounded.

import { describe, expect, it, vi } from 'vitest';
import { lexPostgres } from '../../../../electron/plugins/postgresql/sql-lexer';
import { cachedTemplates } from '../../../../electron/plugins/tag-engine/sql/template-cache';

describe('cachedTemplates', () => {
  it('tokenizes a text once and serves the same template again', () => {
    const lex = vi.fn(lexPostgres);
    const template = cachedTemplates(lex);
    const first = template('SELECT 1;\nSELECT 2');
    expect(template('SELECT 1;\nSELECT 2')).toBe(first);
    expect(lex).toHaveBeenCalledTimes(1);
    expect(first.statements).toHaveLength(2);
    expect(template('SELECT 3')).not.toBe(first);
    expect(lex).toHaveBeenCalledTimes(2);
  });

  it('drops the least recently used text beyond its size', () => {
    const lex = vi.fn(lexPostgres);
    const template = cachedTemplates(lex, 2);
    const a = template('SELECT 1');
    template('SELECT 2');
    expect(template('SELECT 1')).toBe(a); // used again: now the most recent
    template('SELECT 3'); // evicts SELECT 2
    expect(lex).toHaveBeenCalledTimes(3);
    expect(template('SELECT 1')).toBe(a);
    expect(lex).toHaveBeenCalledTimes(3);
    template('SELECT 2');
    expect(lex).toHaveBeenCalledTimes(4);
  });
});
