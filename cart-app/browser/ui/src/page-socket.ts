/** The WebSocket at `ws` beside the page that served it (wss: under https:), for the cart UI and the emulator panel alike. */
export function pageSocketUrl(): URL {
  const url = new URL('ws', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url;
}
