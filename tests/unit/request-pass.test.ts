import type { APIContext, MiddlewareNext } from 'astro';
import { describe, expect, it } from 'vitest';
import { beginPass, firstPassOnly, passOf } from '../../src/middleware/request-pass.ts';
import { classifyPath } from '../../src/server/http/classify-path.ts';

const answer = (text: string) => Promise.resolve(new Response(text));
const context = () => ({}) as APIContext;

describe('the request pass', () => {
  it('runs once-per-request stages on the first pass only, and says which pass a context is on', async () => {
    const stage = firstPassOnly(() => answer('stage'));
    const next: MiddlewareNext = () => answer('next');
    const [first, again] = [context(), context()];
    beginPass(first, { isFirst: true, requestId: 'r1', target: classifyPath('/en/units'), isHttps: false });
    beginPass(again, { isFirst: false, requestId: 'r1', target: classifyPath('/units'), isHttps: false });
    expect(await (await stage(first, next))!.text()).toBe('stage');
    expect(await (await stage(again, next))!.text()).toBe('next');
    expect(passOf(first).target.lang).toBe('en');
  });

  it('refuses a stage that runs before the pipeline opened the request', () => {
    expect(() => passOf(context())).toThrow(/openRequest/);
  });
});
