/**
 * The W3C Nu HTML checker (vnu.jar from the `vnu-jar` package, run by the machine's Java) on a batch of HTML
 * documents: one JVM for the whole batch, because it takes seconds to start.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface NuMessage {
  /** The label the document was given. */
  document: string;
  type: string;
  subType?: string;
  message: string;
  line?: number;
  extract?: string;
}

interface VnuOutput {
  messages: Array<{
    type: string;
    subType?: string;
    url?: string;
    message: string;
    lastLine?: number;
    extract?: string;
  }>;
}

const vnuJar: string = createRequire(import.meta.url)('vnu-jar');

/**
 * Checks each document (label → HTML text) and returns every error (warnings and info left out), each with the
 * label of its document. Throws when the checker could not run at all.
 */
export async function checkHtml(documents: Map<string, string>): Promise<NuMessage[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nu-'));
  const labels = new Map<string, string>();
  try {
    let n = 0;
    for (const [label, html] of documents) {
      const file = join(dir, `${String(n++).padStart(3, '0')}.html`);
      writeFileSync(file, html);
      labels.set(file, label);
    }
    const stdout = await new Promise<string>((resolve, reject) => {
      // vnu exits 1 when it found errors; the JSON on stdout is the answer either way.
      execFile(
        'java',
        ['-Xss4m', '-jar', vnuJar, '--format', 'json', '--stdout', ...labels.keys()],
        { maxBuffer: 64 * 1024 * 1024 },
        (error, out, err) => {
          if (out.trim().startsWith('{')) resolve(out);
          else reject(new Error(`vnu did not answer: ${error?.message ?? ''}\n${err}`));
        },
      );
    });
    const output = JSON.parse(stdout) as VnuOutput;
    return output.messages
      .filter((m) => m.type === 'error' || m.type === 'non-document-error')
      .map((m) => {
        const file = m.url ? decodeURIComponent(new URL(m.url).pathname) : '';
        return {
          document: labels.get(file) ?? file,
          type: m.type,
          subType: m.subType,
          message: m.message,
          line: m.lastLine,
          extract: m.extract,
        };
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
