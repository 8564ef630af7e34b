import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../shared/base.css';
import { App } from './app.js';
import './dashboard.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
