// Request decoding with PHP semantics: the real API is PHP, so `parse_str` decides what a
// form body or query string means (indexed and empty `[]` arrays, nested maps, later wins).
import { HttpError } from './errors.js';

export type Decoded = Record<string, unknown>;

/** PHP array: an ordered map plus the next free integer index for `[]`. */
interface PhpArray {
  map: Map<string, PhpValue>;
  next: number;
}
type PhpValue = string | PhpArray;

const newArray = (): PhpArray => ({ map: new Map(), next: 0 });
/** PHP turns canonical decimal integer keys ("0", "12", "-3") into integer keys. */
const INT_KEY = /^(0|-?[1-9][0-9]{0,17})$/;

/** `+` is a space, then percent-decoding; malformed escapes stay literal, as PHP does. */
export function urlDecode(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(/(%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** Splits `a[b][]` into ['a', 'b', ''] the way php_register_variable_ex does. */
function splitKey(rawKey: string): string[] | null {
  const key = rawKey.replace(/^ +/, '');
  const open = key.indexOf('[');
  const baseRaw = open === -1 ? key : key.slice(0, open);
  // PHP rewrites ' ' and '.' in the top-level name to '_'.
  const base = baseRaw.replace(/[ .]/g, '_');
  if (base === '') return null;
  if (open === -1) return [base];
  const parts = [base];
  let rest = key.slice(open);
  while (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1) {
      // An unmatched '[' is not an array: PHP keeps the name with the bracket made '_'.
      if (parts.length === 1) return [base + '_' + rest.slice(1).replace(/[ .[]/g, '_')];
      break;
    }
    parts.push(rest.slice(1, close));
    rest = rest.slice(close + 1); // text after a ']' that is not '[' is ignored
  }
  return parts;
}

function assign(root: PhpArray, path: string[], value: string): void {
  let node = root;
  for (let i = 0; i < path.length; i += 1) {
    let seg = path[i] as string;
    if (seg === '') seg = String(node.next); // `[]` appends a NEW element every time
    if (INT_KEY.test(seg)) node.next = Math.max(node.next, Number(seg) + 1);
    if (i === path.length - 1) {
      node.map.set(seg, value);
      return;
    }
    const child = node.map.get(seg);
    if (child === undefined || typeof child === 'string') {
      const created = newArray(); // a scalar is overwritten by an array, as in PHP
      node.map.set(seg, created);
      node = created;
    } else {
      node = child;
    }
  }
}

/** A PHP array whose keys are exactly 0..n-1 in order becomes a JS array, others an object. */
function finish(value: PhpValue): unknown {
  if (typeof value === 'string') return value;
  const keys = [...value.map.keys()];
  if (keys.length > 0 && keys.every((k, i) => k === String(i))) {
    return [...value.map.values()].map(finish);
  }
  return Object.fromEntries([...value.map].map(([k, v]) => [k, finish(v)]));
}

/** PHP `parse_str`: `users[][email]=a&users[][email]=b` gives two users. */
export function parseStr(text: string): Decoded {
  const root = newArray();
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = urlDecode(eq === -1 ? pair : pair.slice(0, eq));
    const rawValue = eq === -1 ? '' : urlDecode(pair.slice(eq + 1));
    const path = splitKey(rawKey);
    if (path) assign(root, path, rawValue);
  }
  const out = finish(root);
  return Array.isArray(out) ? { ...out } : (out as Decoded);
}

/** Decodes a request body by content type. JSON must be an object; empty bodies are `{}`. */
export function parseBody(contentType: string | undefined, raw: string): Decoded {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (raw.trim() === '') return {};
  if (type === 'application/json' || type.endsWith('+json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (err) {
      throw new HttpError(400, `Malformed JSON body: ${(err as Error).message}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new HttpError(400, 'JSON body must be an object');
    }
    return parsed as Decoded;
  }
  if (type === '' || type === 'application/x-www-form-urlencoded' || type === 'text/plain') {
    return parseStr(raw);
  }
  // INFERRED: multipart (file attach) is not simulated yet; say so instead of guessing.
  throw new HttpError(415, `Unsupported content type: ${type}`);
}
