/**
 * The URL a process reaches itself at: its host, unless it listens on every interface (`0.0.0.0`,
 * `::`), where loopback is the address that surely answers.
 */
export function ownUrl(host: string, port: number): string {
  if (host === "0.0.0.0" || host === "") return `http://127.0.0.1:${port}`;
  if (host === "::" || host === "[::]") return `http://[::1]:${port}`;
  return host.includes(":") && !host.startsWith("[") ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}
