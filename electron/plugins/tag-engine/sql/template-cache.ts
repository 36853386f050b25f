import { SqlTemplate } from './sql-template';
import type { SqlLexer } from './tokens';

/** How many distinct template texts a dialect keeps tokenized: more than a fleet's JIT pairs. */
export const TEMPLATE_CACHE_SIZE = 64;

/**
 * A dialect's `template(text)`, tokenizing each text once: a JIT session runs the same creation
 * and deletion templates every time, and tokenizing them again was a measurable part of the
 * core's CPU at twenty sessions at once (docs/testing.md, the lifecycle bench). A SqlTemplate is
 * immutable (render and validate read it, never change it) and a template's text holds no secret
 * (values are written in at render), so one may serve every run. Least recently used goes first.
 */
export function cachedTemplates(lex: SqlLexer, size = TEMPLATE_CACHE_SIZE): (text: string) => SqlTemplate {
  const kept = new Map<string, SqlTemplate>();
  return (text) => {
    const found = kept.get(text);
    if (found !== undefined) {
      kept.delete(text);
      kept.set(text, found);
      return found;
    }
    const template = new SqlTemplate(text, lex);
    kept.set(text, template);
    if (kept.size > size) {
      const oldest = kept.keys().next();
      if (oldest.done !== true) kept.delete(oldest.value);
    }
    return template;
  };
}
