/**
 * How a tenant signs a proposal. The portal's own provider is click-to-accept: the signer types their name,
 * title and company and confirms, and the evidence is what the portal saw (the document's SHA-256, the time, the
 * address and the browser). A licensed Chinese e-signature service (法大大, e签宝) fits the same interface: it
 * would answer `redirect` with its signing page and later report the signature through its callback, which calls
 * acceptProposal with that provider's evidence; nothing else in the acceptance changes.
 */

interface Signer {
  name: string;
  title: string;
  company: string;
}

interface SignatureRequest {
  proposalId: string;
  documentSha256: string;
  signer: Signer;
  /** Where the request came from, as the portal saw it. */
  ip: string;
  userAgent: string;
  at: Date;
}

/** What is kept as proof of the signature (the proposal's `acceptance`), all text. */
export type SignatureEvidence = Record<string, string> & {
  provider: string;
  name: string;
  title: string;
  company: string;
  documentSha256: string;
  signedAt: string;
};

type SignatureOutcome =
  | { status: 'signed'; evidence: SignatureEvidence }
  /** The signer continues at the provider; the acceptance arrives later. */
  | { status: 'redirect'; url: string }
  | { status: 'refused'; reason: string };

export interface SignatureProvider {
  readonly name: string;
  sign(request: SignatureRequest): Promise<SignatureOutcome>;
}

/** The built-in click-to-accept: signed at once, with what the portal saw as the evidence. */
export const clickToAccept: SignatureProvider = {
  name: 'click-to-accept',
  sign(request) {
    return Promise.resolve({
      status: 'signed',
      evidence: {
        provider: 'click-to-accept',
        name: request.signer.name,
        title: request.signer.title,
        company: request.signer.company,
        documentSha256: request.documentSha256,
        signedAt: request.at.toISOString(),
        ip: request.ip,
        userAgent: request.userAgent,
      },
    });
  },
};
