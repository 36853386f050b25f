/**
 * How many SQL statements each built-in template has (comments and blank pieces left out): a
 * successful run ran exactly those, so a hostile value that smuggled in another would show.
 */
export function statementCounts(
  templates: readonly { readonly key: string; readonly content: string }[],
): Map<string, number> {
  return new Map(
    templates.map((t) => [
      t.key,
      t.content.split(';').filter((s) => /\S/.test(s.replace(/--.*$/gm, ''))).length,
    ]),
  );
}
