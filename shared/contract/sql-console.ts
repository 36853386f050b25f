import { z } from 'zod';
import { defineMethods } from './define';

/** The most rows a run returns; the rest are counted, not sent (the grid shows a note). */
export const sqlConsoleRowLimit = 1000;
/** The longest text a cell keeps (characters); the rest is cut and the cut is said in the cell. */
export const sqlConsoleCellLimit = 64 * 1024;
/**
 * The most cell text one result keeps (characters, 8 Mi): rows beyond it are counted, not kept,
 * so that a result's answer stays small enough to serialize and send.
 */
export const sqlConsoleResultTextBudget = 8 * 1024 * 1024;
/** The longest statement text a run takes (a pasted script, not a data load). */
export const sqlConsoleMaxStatementLength = 100_000;

const sessionIdSchema = z.string().min(1).max(64);
/** A run's id, chosen by the caller, so that a Cancel stops that run and never a later one. */
const runIdSchema = z.string().min(1).max(64);

/**
 * What the server said beside the result (PostgreSQL's NOTICE, WARNING and INFO messages, e.g.
 * `RAISE NOTICE` or "relation already exists, skipping"), oldest first; at most the latest 100,
 * after a line counting the earlier ones. Absent when there were none.
 */
export const sqlNoticesSchema = z.array(z.string()).max(101).optional();

/** A column of a result, in the server's order (names may repeat: `select 1, 1`). */
export const sqlColumnSchema = z.object({
  name: z.string(),
  /** The server's type name when it says one (MySQL), or its type OID as text (PostgreSQL). */
  type: z.string(),
});

/**
 * What a statement the server ran came to. Values are display strings as the server sends them
 * (binary as hex), and `null` is SQL NULL, never the text "NULL".
 */
export const sqlRowsResultSchema = z.object({
  kind: z.literal('rows'),
  columns: z.array(sqlColumnSchema),
  rows: z.array(z.array(z.string().nullable())),
  /** Every row the statement returned; more than `rows.length` when truncated. */
  rowCount: z.number().int().min(0),
  /** Not every row is here (the row limit or the result's text budget): only the first ones. */
  truncated: z.boolean(),
  /** The command tag (`SELECT 3`, `UPDATE 2`), or MySQL's summary (`OK, 2 rows affected`). */
  command: z.string(),
  /** Rows inserted, updated or deleted, when the server says (null for a query). */
  affectedRows: z.number().int().min(0).nullable(),
  durationMs: z.number().min(0),
  notices: sqlNoticesSchema,
});

/** The server refused or failed the statement: its own message; the console stays usable. */
export const sqlErrorResultSchema = z.object({
  kind: z.literal('error'),
  message: z.string(),
  /** SQLSTATE (PostgreSQL) or the error number (MySQL), when the server gives one. */
  code: z.string().nullable(),
  /** 1-based character position in the statement text, when the server gives one (PostgreSQL). */
  position: z.number().int().min(1).nullable(),
  durationMs: z.number().min(0),
  notices: sqlNoticesSchema,
});

export const sqlRunResultSchema = z.discriminatedUnion('kind', [sqlRowsResultSchema, sqlErrorResultSchema]);
export type SqlRunResult = z.infer<typeof sqlRunResultSchema>;
export type SqlRowsResult = z.infer<typeof sqlRowsResultSchema>;
export type SqlErrorResult = z.infer<typeof sqlErrorResultSchema>;

/** One line of a session's SQL transcript: a statement as it started, or what it came to. */
export const sqlTranscriptEntrySchema = z.object({
  at: z.string(),
  kind: z.enum(['statement', 'rows', 'error', 'lost']),
  /** The statement (masked), the command tag and row count, or the server's message. */
  text: z.string(),
  durationMs: z.number().min(0).nullable(),
  /** Who ran the statement and through which transport (absent in lines written before this). */
  actor: z.string().optional(),
  transport: z.string().optional(),
});
export type SqlTranscriptEntry = z.infer<typeof sqlTranscriptEntrySchema>;

export const sqlConsoleMethods = defineMethods({
  'sqlConsole.run': {
    summary:
      "Run SQL in a PostgreSQL or MySQL session's console, logged in as the session's account (one statement at a time per session)",
    input: z.object({
      sessionId: sessionIdSchema,
      sql: z
        .string()
        .max(sqlConsoleMaxStatementLength, `At most ${sqlConsoleMaxStatementLength} characters`)
        .refine((text) => text.trim() !== '', 'Type a statement to run'),
      runId: runIdSchema.optional(),
    }),
    output: sqlRunResultSchema,
  },
  'sqlConsole.cancel': {
    summary: "Cancel the statement running in a session's SQL console",
    /** With runId: only that run (`canceled: false` once it is over, even if another one runs). */
    input: z.object({ sessionId: sessionIdSchema, runId: runIdSchema.optional() }),
    output: z.object({ canceled: z.boolean() }),
  },
  'sqlConsole.transcript': {
    summary: "The statements a session's SQL console ran and their outcomes, oldest first, secrets masked",
    input: z.object({ sessionId: sessionIdSchema }),
    output: z.object({ entries: z.array(sqlTranscriptEntrySchema) }),
  },
});
