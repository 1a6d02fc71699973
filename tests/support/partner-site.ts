/**
 * A partner's web site for embed tests: plain HTML pages served from "localhost" on another port, so a
 * different origin from the portal (which tests reach as 127.0.0.1).
 */
import { createServer } from 'node:http';
import { freePort } from './start-server.ts';

export interface PartnerSite {
  url: string;
  /** Pages by path: set `pages['/x.html'] = '<!doctype html>…'` before opening it. */
  pages: Record<string, string>;
  close: () => Promise<void>;
}

export async function startPartnerSite(): Promise<PartnerSite> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const pages: Record<string, string> = {};
  const server = createServer((request, response) => {
    const body = pages[new URL(request.url ?? '/', url).pathname];
    response.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url, pages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
