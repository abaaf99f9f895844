import { createApp } from './app.js';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
createApp().listen(port, host, () => {
  process.stdout.write(`PeerLens is running at http://localhost:${port} (Ctrl+C to stop). Nothing you type leaves this machine.\n`);
});
