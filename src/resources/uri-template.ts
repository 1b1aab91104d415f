// Resource templates whose query parameters are optional, as RFC 6570 §3.2.8 reads `{?from,to}`.
// The SDK's UriTemplate (2.4.0) matches a `{?…}` part only when every parameter is present and
// in template order (modelcontextprotocol/typescript-sdk#1079), so `…/sessions.csv?from=…` with
// no `to` was "resource not found". Drop this file once the SDK's own match does the same.
import { UriTemplate, type Variables } from '@modelcontextprotocol/server';

const QUERY_PART = /\{\?([^}]+)\}$/;

export class OptionalQueryTemplate extends UriTemplate {
  private readonly pathOnly: UriTemplate;
  private readonly queryNames: string[];

  constructor(template: string) {
    super(template);
    const query = QUERY_PART.exec(template);
    this.pathOnly = new UriTemplate(query ? template.slice(0, query.index) : template);
    this.queryNames = query ? query[1]!.split(',').map((name) => name.trim()) : [];
  }

  /** The path as the SDK matches it; then any of the query parameters, in any order, decoded. */
  override match(uri: string): Variables | null {
    const at = uri.search(/[?#]/);
    const vars = this.pathOnly.match(at < 0 ? uri : uri.slice(0, at));
    if (!vars) return null;
    const query = at < 0 || uri[at] === '#' ? '' : uri.slice(at + 1).split('#')[0]!;
    for (const pair of query.split('&')) {
      const eq = pair.indexOf('=');
      const name = decode(eq < 0 ? pair : pair.slice(0, eq));
      if (this.queryNames.includes(name) && !(name in vars)) {
        vars[name] = decode(eq < 0 ? '' : pair.slice(eq + 1));
      }
    }
    return vars;
  }
}

/** Percent-decoded; `+` stays a plus (an offset in `…T10:00+03:00`), as RFC 3986 reads it. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
