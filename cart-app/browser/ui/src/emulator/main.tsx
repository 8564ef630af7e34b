import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { emulator } from './link.js';
import { Panel } from './panel.js';
import './emulator.css';

emulator.open();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Panel />
    </StrictMode>,
  );
}
