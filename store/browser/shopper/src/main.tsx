import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../shared/base.css';
import { ShopperApp } from './app.js';
import './shopper.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ShopperApp />
    </StrictMode>,
  );
}
