export { createApp, MAX_BODY } from './app.js';
