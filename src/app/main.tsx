import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../index.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <p className="p-4">Artifact Studio</p>
  </StrictMode>,
);
