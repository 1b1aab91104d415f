// E-mail addresses as people paste them, made comparable and sendable. One address is one
// person: `Semenov@Пример.РФ`, `semenov@пример.рф` and `semenov@xn--e1afmkfd.xn--p1ai` are the
// same registration.
//
// INFERRED (README assumptions): the API validates addresses as PHP's filter_var does, which
// takes ASCII domains only, so an internationalised domain is sent in its ASCII (punycode)
// form, lower case; the local part is sent as written (Unicode NFC). No public source shows
// what the API does with a Cyrillic domain.
import { domainToASCII } from 'node:url';

const MAX_LENGTH = 254;
const LOCAL_PART = /^[^\s@"<>()[\]\\,;:]{1,64}$/u;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
/** Spaces that spreadsheets and mail programs leave inside cells (NBSP, zero-width). */
const INVISIBLE = /[\s\u00a0\u200b-\u200d\u2060\ufeff]+/gu;

/** The address in the form the API is sent (see above), or undefined when it is not one. */
export function wireEmail(text: string): string | undefined {
  const value = text.normalize('NFC');
  const at = value.lastIndexOf('@');
  if (at <= 0) return undefined;
  const local = value.slice(0, at);
  if (!LOCAL_PART.test(local) || local.startsWith('.') || local.endsWith('.')) return undefined;
  if (local.includes('..')) return undefined;
  // NFKC first: full-width letters and dots in domains are common in pasted Asian text.
  const domain = domainToASCII(
    value
      .slice(at + 1)
      .normalize('NFKC')
      .toLowerCase(),
  );
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return undefined;
  if (!/^([a-z]{2,63}|xn--[a-z0-9-]+)$/.test(labels.at(-1) ?? '')) return undefined;
  const email = `${local}@${domain}`;
  return email.length <= MAX_LENGTH ? email : undefined;
}

export const isEmail = (text: string) => wireEmail(text) !== undefined;

/** What a filter or a write is sent: the wire form where the text is an address, else as given. */
export const sentEmail = (text: string) => wireEmail(text.trim()) ?? text;

/**
 * The comparison key: the wire form, lower case throughout (mail systems treat local parts
 * case-insensitively in practice, and so does registration). Not an address: the trimmed text.
 */
export const emailKey = (text: string) => (wireEmail(text.trim()) ?? text.trim()).toLowerCase();

/**
 * A cell meant to hold an address, tidied as a person would: invisible spaces, `mailto:`,
 * angle brackets and quotes around it, a trailing full stop or comma.
 */
export function tidyEmailCell(cell: string): string {
  return cell
    .replace(INVISIBLE, ' ')
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/^[<"'«]+|[>"'»]+$/g, '')
    .replace(/[.,;]+$/, '')
    .replace(/ /g, '');
}
