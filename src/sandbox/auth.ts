// Who is calling: an API key in `x-auth-token` (CONFIRMED: 401 without it, 403
// `x-auth-token value is wrong` for an unknown one), or an OAuth access token of a partner
// application in `Authorization: Bearer` (H21125; its error answers are INFERRED: 401 for an
// unknown token, as OAuth servers answer). A plan without API access refuses valid credentials
// with the key's 403 message (CONFIRMED: the key "stops working" with that answer).
import type { IncomingHttpHeaders } from 'node:http';
import { HttpError } from './errors.js';

export interface Credentials {
  apiKeys: readonly string[];
  oauthTokens: readonly string[];
  /** false: the organisation's plan has no API access (the `--no-api-access` knob). */
  apiAccess: boolean;
}

/** The caller's credential (the rate limit's key), or an HttpError saying what is wrong. */
export function authenticate(headers: IncomingHttpHeaders, creds: Credentials): string {
  const key = headers['x-auth-token'];
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
  let credential: string;
  if (typeof key === 'string' && key !== '') {
    if (!creds.apiKeys.includes(key)) throw new HttpError(403, 'x-auth-token value is wrong');
    credential = key;
  } else if (bearer !== undefined) {
    if (!creds.oauthTokens.includes(bearer)) {
      throw new HttpError(401, 'The access token is invalid or has expired', {
        authorization: 'invalid_token',
      });
    }
    credential = bearer;
  } else {
    throw new HttpError(401, 'x-auth-token header is missing');
  }
  if (!creds.apiAccess) throw new HttpError(403, 'x-auth-token value is wrong');
  return credential;
}
