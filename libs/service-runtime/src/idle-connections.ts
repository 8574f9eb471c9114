import type { Server } from 'node:http';

/** What a service tells its HTTP clients (`Keep-Alive: timeout=5`): drop a connection idle this long. */
export const ADVERTISED_KEEP_ALIVE_SECONDS = 5;
/** How long a service really keeps an idle connection open: a minute past what it advertises. */
export const IDLE_CONNECTION_KEPT_MS = 65_000;

/**
 * Keeps idle keep-alive connections open well past the timeout the service advertises, so a client never sends a
 * request on a socket the server is closing. Node's default closes at exactly the advertised 5 s, and clients (the
 * fetch of Node, its http.Agent) give up an idle socket a second before that, checked by timers of about a second's
 * resolution: a request sent on a socket idle 4–5 s met the server's close as `fetch failed` (ECONNRESET, "other side
 * closed"), more often the more the event loop lagged (many services in one process under load).
 */
export function keepIdleConnectionsPastAdvertised(server: Server): void {
  server.keepAliveTimeout = IDLE_CONNECTION_KEPT_MS;
  // Set before the application's own listener runs, so the header is in place before anything is written. Node
  // writes no Keep-Alive header of its own once one is set (it would say timeout=65).
  server.prependListener('request', (_request, response) => {
    response.setHeader('Keep-Alive', `timeout=${ADVERTISED_KEEP_ALIVE_SECONDS}`);
    // server.close() ends the connections idle at that moment and then waits for the others: one whose response was
    // still being written would idle the whole IDLE_CONNECTION_KEPT_MS, and the service's stop with it.
    response.once('finish', () => {
      if (!server.listening) setImmediate(() => server.closeIdleConnections());
    });
  });
}
