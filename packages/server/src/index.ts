export { buildApp, JSON_LIMIT, UPLOAD_LIMIT, DEFAULT_WEB_DIST, type AppOptions } from './app.js';
export { dataDirFromEnv, migrate, openDatabase, DB_FILE } from './db/database.js';
export type { Database } from './db/types.js';
export { VERSION } from './version.js';
