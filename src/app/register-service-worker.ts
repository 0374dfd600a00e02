/**
 * Registers the build's service worker (vite.config.ts emits /sw.js) so the app loads offline
 * after the first visit. Production builds only, and only where browsers allow service workers:
 * https, or http on localhost / 127.0.0.1.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const { protocol, hostname } = window.location;
  const secure = protocol === 'https:' || (protocol === 'http:' && (hostname === 'localhost' || hostname === '127.0.0.1'));
  if (!secure) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // best effort: the app works online without it
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
