/**
 * Local stand-ins for the services notices go to: a real SMTP server (smtp-server) that keeps what it receives,
 * and an HTTP server that answers like a WeCom group robot (or fails on demand).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

/**
 * `rejects`: recipients the server refuses for good, as a mail server does a mailbox that does not exist
 * (`550 5.1.1` at RCPT TO, RFC 5321 §4.2.5).
 */
export async function startSmtpServer(
  options: { rejects?: (address: string) => boolean } = {},
): Promise<{ url: string; mails: ReceivedMail[]; close: () => Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!options.rejects?.(address.address)) return callback();
      const error = Object.assign(new Error('5.1.1 No such mailbox'), { responseCode: 550 });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** How the robot refuses a message: by default HTTP 502; or WeCom's way, 200 with an `errcode` (and an errmsg that may quote the message). */
type WecomRefusal = (body: string) => { errcode: number; errmsg: string };

export async function startWecomRobot(): Promise<{
  url: string;
  messages: unknown[];
  failNext: (n: number, refusal?: WecomRefusal) => void;
  close: () => Promise<void>;
}> {
  const messages: unknown[] = [];
  let failures = 0;
  let refuse: WecomRefusal | undefined;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (failures > 0) {
        failures -= 1;
        if (refuse) response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(refuse(body)));
        else response.writeHead(502).end('bad gateway');
        return;
      }
      messages.push(JSON.parse(body));
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=test`,
    messages,
    failNext: (n, refusal) => {
      failures = n;
      refuse = refusal;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
