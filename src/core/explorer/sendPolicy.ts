/** Methods that only read: sent at once. The others may change data and are confirmed first. */
const READ_ONLY = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether sending needs the user's "yes" first: anything but a read, unless it goes to a loopback
 * host (127.0.0.0/8, ::1, localhost and *.localhost: the sandbox or another local emulator, where
 * nothing real can be changed). Decided on the URL's text, never by a DNS lookup.
 */
export function needsConfirmation(method: string, url: string): boolean {
  if (READ_ONLY.has(method.toUpperCase())) return false;
  return !isLoopbackHost(new URL(url).hostname);
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** "api.boomtownroi.com/v1/leads/L-1": what the confirmation names (no scheme, no query: it may carry data). */
export function hostAndPath(url: string): string {
  const parsed = new URL(url);
  return `${parsed.host}${parsed.pathname}`;
}
