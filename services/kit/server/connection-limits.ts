/**
 * How long a client may take and how much it may hold on the one port (the `HTTP_*` and
 * `CONNECTION_*` settings). Node's own HTTP/1.1 timeouts only run for a server that listens
 * itself, and the one port hands sockets over, so the listener applies every one of these.
 */
export interface ConnectionLimits {
  /** A new connection must send enough bytes to tell HTTP/1.1 from HTTP/2 within this time. */
  readonly firstBytesTimeoutMs: number;
  /** HTTP/1.1: a request's headers must arrive within this time of its first byte. */
  readonly headersTimeoutMs: number;
  /** HTTP/1.1 and HTTP/2: a whole request (headers and body) must arrive within this time; responses, streams included, are not limited. */
  readonly requestTimeoutMs: number;
  /** HTTP/1.1: an idle keep-alive connection is closed after this time. */
  readonly keepAliveTimeoutMs: number;
  /** HTTP/2: the client's SETTINGS frame must follow its preface within this time. */
  readonly http2SettingsTimeoutMs: number;
  /** HTTP/2: a session without open streams for this long is closed (GOAWAY). */
  readonly http2IdleTimeoutMs: number;
  /** HTTP/2: the most streams one session may have open at once (SETTINGS_MAX_CONCURRENT_STREAMS). */
  readonly http2MaxConcurrentStreams: number;
  /** The most connections open at once; further ones are closed as soon as they are accepted. */
  readonly maxConnections: number;
  /**
   * The most connections one client address may have open at once, so that a single client
   * (say, anonymous Health/Watch streams) cannot take every slot of `maxConnections`; 0 for no
   * such cap, the default, since behind a proxy or load balancer every client has its address.
   */
  readonly maxConnectionsPerAddress: number;
}
