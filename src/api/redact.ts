// Token redaction. Every message, excerpt and log line of the HTTP layer goes through `redact`,
// so the API token cannot leak into tool results, logs or stack traces.

const REDACTED = '[REDACTED]';
const EXCERPT_MAX = 300;

/** Remove every occurrence of the token (raw and URL-encoded) from a text. */
export function redact(text: string, token: string | undefined): string {
  if (!token) return text;
  let out = text.split(token).join(REDACTED);
  const encoded = encodeURIComponent(token);
  if (encoded !== token) out = out.split(encoded).join(REDACTED);
  return out;
}

/** First `EXCERPT_MAX` characters of a body; redacted before cutting so no token half survives. */
export function excerpt(text: string, token: string | undefined): string {
  const clean = redact(text, token);
  return clean.length > EXCERPT_MAX ? `${clean.slice(0, EXCERPT_MAX - 1)}…` : clean;
}
