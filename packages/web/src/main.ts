import { DIMENSIONS } from '@peerlens/core';

const app = document.getElementById('app');
if (app) app.textContent = `PeerLens: ${DIMENSIONS.length} dimensions`;
