/**
 * Structured logs: one JSON object per line on stdout/stderr.
 *
 * No line may carry personal data or anything a person typed. So a line holds only the fields the code names
 * (ids, counts, states, paths) and, for a failure, what `describeError` keeps of the error: its kind (class
 * name, code, constraint, table, column) and where it was thrown, never its message. Messages are where input
 * leaks: a database error's message quotes the failed query and its parameters ("Failed query: … params: …"),
 * a parse error quotes the text it could not parse. `message` and `error` fields are refused for that reason.
 *
 * Info lines written in the same turn of the event loop go out in one write (a busy server writes an access
 * line per request; stdout to a file or pipe is a synchronous system call each time). Warnings and errors go
 * out at once, after any info lines before them, and nothing is left unwritten when the process exits.
 */
import { requestContext } from './http/request-context.ts';

type Value = string | number | boolean | null | undefined;
/** A log line's own fields. Free text from errors goes through the `error` argument instead. */
export type LogFields = Record<string, Value> & { message?: never; error?: never };

let pendingInfo = '';

function flushInfo(): void {
  if (pendingInfo === '') return;
  const lines = pendingInfo;
  pendingInfo = '';
  process.stdout.write(lines);
}

process.on('exit', flushInfo);

/** Properties of database and system errors that name what failed without quoting any value. */
const KIND_PROPERTIES = ['code', 'constraint', 'table', 'column', 'routine'] as const;
const IDENTIFIER = /^[\w.$-]{1,63}$/;
const MAX_CAUSES = 4;
const MAX_FRAMES = 6;

/**
 * What may be logged about an error: for it and each cause, the class name and its code, constraint, table and
 * column (when they are plain identifiers), and the top stack frames without the message line.
 */
function describeError(error: unknown): { error: string; at?: string } {
  const kinds: string[] = [];
  let e: unknown = error;
  for (
    let depth = 0;
    e !== undefined && e !== null && depth < MAX_CAUSES;
    depth++, e = (e as { cause?: unknown }).cause
  ) {
    if (typeof e !== 'object') {
      kinds.push(typeof e);
      break;
    }
    const name = (e as { name?: unknown }).name;
    const parts = [typeof name === 'string' && IDENTIFIER.test(name) ? name : (e.constructor?.name ?? 'Object')];
    for (const key of KIND_PROPERTIES) {
      const value = (e as Record<string, unknown>)[key];
      if ((typeof value === 'string' || typeof value === 'number') && IDENTIFIER.test(String(value)))
        parts.push(`${key}=${value}`);
    }
    kinds.push(parts.join(' '));
  }
  // V8's stack is "<name>: <message>" followed by the frames. The message may span lines and may itself contain
  // lines that look like frames (a database error quotes the values a person typed), so frames are read only
  // after the exact header; a stack that does not start with it gives no frames at all.
  const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : '';
  const header = error instanceof Error ? String(error) : '';
  const afterHeader = header && stack.startsWith(`${header}\n`) ? stack.slice(header.length + 1) : '';
  const frames = afterHeader
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES)
    .map((line) => line.trim().slice(0, 200));
  return frames.length ? { error: kinds.join(' ← '), at: frames.join(' | ') } : { error: kinds.join(' ← ') };
}

function write(level: 'info' | 'warn' | 'error', event: string, fields: LogFields = {}, error?: unknown): void {
  const requestId = requestContext.getStore()?.requestId;
  // Refused at runtime too, for callers the type checker does not see (plain JavaScript).
  const { message: _message, error: _error, ...own } = fields as Record<string, Value>;
  const line = `${JSON.stringify({ time: new Date().toISOString(), level, event, ...(requestId ? { requestId } : {}), ...own, ...(error === undefined ? {} : describeError(error)) })}\n`;
  if (level === 'info') {
    if (pendingInfo === '') setImmediate(flushInfo);
    pendingInfo += line;
    return;
  }
  flushInfo();
  process.stderr.write(line);
}

export const log = {
  info: (event: string, fields?: LogFields) => write('info', event, fields),
  warn: (event: string, fields?: LogFields, error?: unknown) => write('warn', event, fields, error),
  error: (event: string, fields?: LogFields, error?: unknown) => write('error', event, fields, error),
};

/**
 * What a failed request throws on to the framework once its cause is logged: Astro logs what it catches with
 * the message, so this one's names only the request.
 */
export class RequestFailedError extends Error {
  constructor(requestId: string) {
    super(`request ${requestId} failed (see the request.failed log line)`);
    this.name = 'RequestFailedError';
  }
}
