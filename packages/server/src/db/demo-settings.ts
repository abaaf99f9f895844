/** The settings rows of the demo workspace (features/demo), named here so that the export (src/export.ts) can leave the password out. */
export const DEMO_LOGINS_SETTING = 'demo_logins';
/** The demo accounts' shared password and its hash: `{ password, hash }` (JSON). */
export const DEMO_PASSWORD_SETTING = 'demo_password';
