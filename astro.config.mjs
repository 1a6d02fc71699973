// @ts-check
import node from '@astrojs/node';
import react from '@astrojs/react';
import tailwindcss from '@tailwindcss/vite';
import { fileURLToPath } from 'node:url';
import { defineConfig, envField } from 'astro/config';

// Every setting the portal reads is declared here, once; .env.example and the README document them.
// Server settings are `access: 'secret'` even when they are not secret: Astro inlines "public" server values at
// build time, and these must be read when the server starts so that one build runs anywhere.
export default defineConfig({
  output: 'server',
  // No request body is read past 1 MB (the Stripe webhook's limit; every other route allows 64 KB, see
  // src/server/security/request-body-limit.ts). The adapter's default would be 1 GB.
  // Middleware mode only so that the build's entry exports the app's handler beside startServer(): scripts/serve.mjs
  // starts the standalone server and sends what cannot be a static file straight to the app.
  adapter: node({ mode: 'middleware', bodySizeLimit: 1024 * 1024 }),
  integrations: [
    react(),
    {
      // `client:interaction`: hydrate an island on first touch, focus or pointer (src/client-directives/interaction.ts).
      name: 'hydrate-on-interaction',
      hooks: {
        'astro:config:setup': ({ addClientDirective }) => {
          addClientDirective({
            name: 'interaction',
            entrypoint: fileURLToPath(new URL('./src/client-directives/interaction.ts', import.meta.url)),
          });
        },
      },
    },
  ],
  vite: {
    plugins: [tailwindcss()],
    // The park's photographs (src/server/catalog/photos.ts), found at build time. PHOTOS_DIR points a build at
    // another folder (the photo pipeline's end-to-end test builds with generated pictures).
    resolve: {
      alias: { '@photos': process.env.PHOTOS_DIR ?? fileURLToPath(new URL('./data/photos', import.meta.url)) },
    },
  },
  server: { host: '127.0.0.1', port: 4321 },
  security: {
    // Inquiries are a few kilobytes; nothing a visitor posts needs more.
    actionBodySizeLimit: 64 * 1024,
    // A Content-Security-Policy on every page: scripts only from this origin or hashed by Astro (no inline
    // scripts, no eval); style attributes allowed (Leaflet and server-rendered colours use them; they cannot
    // run code). img-src, with the map-tile host when one is configured, is added per request by the middleware;
    // frame-ancestors cannot be set in a <meta> and is sent as a header by the middleware.
    csp: {
      algorithm: 'SHA-256',
      directives: [
        "default-src 'self'",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
      ],
      styleDirective: { resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' }] },
    },
  },
  env: {
    schema: {
      PUBLIC_SITE_URL: envField.string({
        context: 'server',
        access: 'secret',
        url: true,
        default: 'http://localhost:4321',
      }),
      DATABASE_URL: envField.string({ context: 'server', access: 'secret', optional: true }),
      PGLITE_DIR: envField.string({ context: 'server', access: 'secret', default: '.data/pglite' }),
      MAP_TILES: envField.enum({
        context: 'server',
        access: 'secret',
        values: ['none', 'tianditu', 'amap', 'osm'],
        default: 'none',
      }),
      MAP_TILES_KEY: envField.string({ context: 'server', access: 'secret', optional: true }),
      SMTP_URL: envField.string({ context: 'server', access: 'secret', optional: true }),
      LEADS_NOTIFY_EMAIL: envField.string({ context: 'server', access: 'secret', optional: true }),
      WECOM_WEBHOOK_URL: envField.string({ context: 'server', access: 'secret', optional: true, url: true }),
      TRUST_PROXY: envField.boolean({ context: 'server', access: 'secret', default: false }),
      ADMIN_EMAIL: envField.string({ context: 'server', access: 'secret', optional: true }),
      ADMIN_PASSWORD: envField.string({ context: 'server', access: 'secret', optional: true, min: 10 }),
      STRIPE_SECRET_KEY: envField.string({ context: 'server', access: 'secret', optional: true }),
      STRIPE_WEBHOOK_SECRET: envField.string({ context: 'server', access: 'secret', optional: true }),
      STRIPE_API_URL: envField.string({ context: 'server', access: 'secret', optional: true, url: true }),
      DEPOSIT_CURRENCY: envField.string({ context: 'server', access: 'secret', default: 'cny' }),
      DEPOSIT_PAYMENT_METHODS: envField.string({
        context: 'server',
        access: 'secret',
        default: 'card,alipay,wechat_pay',
      }),
      DEPOSIT_MONTHS: envField.number({ context: 'server', access: 'secret', default: 1, gt: 0, max: 12 }),
      DEPOSIT_MIN_YUAN: envField.number({ context: 'server', access: 'secret', default: 5000, int: true, gt: 0 }),
      DEPOSIT_MAX_YUAN: envField.number({ context: 'server', access: 'secret', default: 50000, int: true, gt: 0 }),
    },
    validateSecrets: true,
  },
});
