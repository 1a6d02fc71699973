declare namespace App {
  interface Locals {
    /** The page's language, from its URL: Chinese at /, English under /en/. */
    lang: import('./i18n/lang.ts').Lang;
    /** The path without its language prefix, for the language switch and canonical links. */
    pathWithoutLang: string;
    runtime: import('./server/runtime.ts').Runtime;
    /** The signed-in staff member, on console routes. */
    /** Set by the embed routes: which sites may frame this response (CSP frame-ancestors sources). */
    frameAncestors?: string;
    /** A refused form post's refusal, for the page that shows it again (server/errors/answer-outcome.ts). */
    refusal?: import('./server/errors/error-catalogue.ts').Refusal;
    /** What that refused form post had typed, for its page to fill in again (never a password or a token). */
    formValues?: Record<string, string>;
    staff?: { id: string; email: string; name: string; role: import('./server/db/auth-schema.ts').StaffRole };
  }
}
