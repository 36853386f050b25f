// Order matters: the stores import api/client.ts, whose evaluation takes the launch token out of
// `#token=...` and resets the hash to `#/`. That must happen before the hash router reads the
// address, so the stores come first and the router is created below, after every import has run.
import './stores/app-store';
import './stores/settings-store';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createAppRouter } from './router';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const router = createAppRouter();
createRoot(container).render(
  <StrictMode>
    <App router={router} />
  </StrictMode>,
);
