// Dialect-neutral pieces of the SQL plugins: the token model, statement splitting, and writing tag
// values into the contexts the dialect's tokenizer found. Each dialect brings its tokenizer and
// its escaping rules (postgresql/, mysql/).
export { SqlTemplate, type SqlValueRules, type StringPlacement } from './sql-template';
export { splitStatements, type SqlStatement } from './statements';
export { cachedTemplates } from './template-cache';
export {
  isWhitespace,
  tagLengthAt,
  TokenList,
  type LexProblem,
  type Lexed,
  type SqlLexer,
  type SqlPlace,
  type SqlToken,
  type SqlTokenKind,
} from './tokens';
export { runSqlTemplate, type SqlDriver, type SqlSession } from './run-sql';
export { rowsText } from './result-text';
