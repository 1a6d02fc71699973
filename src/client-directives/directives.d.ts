// The custom client directives' attributes, for type checking (registered in astro.config.mjs).
export {};
declare module 'astro' {
  interface AstroClientDirectives {
    /** Hydrate on first pointer, touch or keyboard focus (interaction.ts). */
    'client:interaction'?: boolean | { whenStored?: string };
  }
}
