/**
 * The contract of the PeerLens API (decision 021): every request and reply shape as a zod schema
 * (the server validates with them and @fastify/swagger describes them), the TypeScript types the
 * web's API client uses (`@peerlens/contract/types`, from `types.ts`), and the table of the web app's pages (`pages.ts`; the web
 * imports it alone as `@peerlens/contract/pages`).
 */
export * from './dates.js';
export * from './analysis.js';
export * from './people.js';
export * from './organization.js';
export * from './history.js';
export * from './learning.js';
export * from './pages.js';
