/**
 * Structured logs: one JSON object per line on stdout/stderr. Never pass personal data (names, phones, emails).
 *
 * Info lines written in the same turn of the event loop go out in one write (a busy server writes an access
 * line per request; stdout to a file or pipe is a synchronous system call each time). Warnings and errors go
 * out at once, after any info lines before them, and nothing is left unwritten when the process exits.
 */
import { requestContext } from './request-context.ts';

type Fields = Record<string, string | number | boolean | null | undefined>;

let pendingInfo = '';

function flushInfo(): void {
  if (pendingInfo === '') return;
  const lines = pendingInfo;
  pendingInfo = '';
  process.stdout.write(lines);
}

process.on('exit', flushInfo);

function write(level: 'info' | 'warn' | 'error', event: string, fields: Fields = {}): void {
  const requestId = requestContext.getStore()?.requestId;
  const line = `${JSON.stringify({ time: new Date().toISOString(), level, event, ...(requestId ? { requestId } : {}), ...fields })}\n`;
  if (level === 'info') {
    if (pendingInfo === '') setImmediate(flushInfo);
    pendingInfo += line;
    return;
  }
  flushInfo();
  process.stderr.write(line);
}

export const log = {
  info: (event: string, fields?: Fields) => write('info', event, fields),
  warn: (event: string, fields?: Fields) => write('warn', event, fields),
  error: (event: string, fields?: Fields) => write('error', event, fields),
};
