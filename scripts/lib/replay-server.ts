/**
 * The baseline for `npm run bench`: Node's bare http server answering each method and path with bytes recorded
 * from the portal (status, headers, body: security headers, cookies and all), and doing nothing else. Runs as its own process so that it does
 * not share a CPU with the load generator, as the portal does not.
 *
 *   node scripts/lib/replay-server.ts <recorded.json>     (prints the port it listens on, then serves)
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

export interface RecordedResponse {
  method: string;
  path: string;
  status: number;
  /** Name/value pairs as the portal sent them (set-cookie once per cookie), without date, connection and length. */
  headers: Array<[string, string]>;
  /** Base64. */
  body: string;
}

const recorded = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as RecordedResponse[];
const answers = new Map(recorded.map((r) => [`${r.method} ${r.path}`, { ...r, bytes: Buffer.from(r.body, 'base64') }]));

const server = createServer((request, response) => {
  const answer = answers.get(`${request.method} ${request.url}`);
  // Read the body (as the portal must) before answering.
  request.resume();
  request.on('end', () => {
    if (!answer) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(answer.status, [...answer.headers.flat(), 'content-length', String(answer.bytes.length)]);
    response.end(answer.bytes);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(typeof address === 'object' && address ? address.port : 0);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
