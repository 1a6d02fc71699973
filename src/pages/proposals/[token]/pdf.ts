import type { APIRoute } from 'astro';
import { messages } from '../../../i18n/messages.ts';
import { proposalPageView } from '../../../server/proposals/proposal-page-view.ts';
import { proposalPdf } from '../../../server/proposals/proposal-pdf.ts';

/**
 * The proposal as a PDF (A4, Chinese then English), for the same link as the page: private, never cached, not
 * indexed. A link that does not work answers in words, as the page would.
 */
export const GET: APIRoute = async ({ params, locals }) => {
  const view = await proposalPageView(locals.runtime, params.token ?? '');
  const headers = { 'cache-control': 'no-store', 'x-robots-tag': 'noindex', 'referrer-policy': 'same-origin' };
  if (view.status !== 'ok') {
    const t = messages(locals.lang).proposalPage;
    const body =
      view.status === 'expired' ? t.expiredBody : view.status === 'withdrawn' ? t.withdrawnBody : t.invalidBody;
    return new Response(body, {
      status: view.status === 'invalid' ? 404 : 403,
      headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const pdf = await proposalPdf({
    document: view.document,
    sha256: view.sha256,
    plans: view.plans,
    status: view.proposal.status,
    acceptance: view.proposal.acceptance,
    acceptedAt: view.proposal.acceptedAt,
  });
  const name = `proposal-${view.document.tenant.reference}-v${view.document.version}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: {
      ...headers,
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${name}"`,
      'content-length': String(pdf.length),
    },
  });
};
