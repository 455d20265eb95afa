/**
 * Hostile text for the HTML-injection checks (Zammad CVE-2018-1000154 and kin): payloads that break
 * out of text, attributes and blockquotes, and the assertions that an HTML document carries them only
 * escaped.
 */
import { expect } from 'vitest';

/** One payload per place a user's text reaches: names, form fields, comments, decision comments. */
export const HOSTILE = {
  name: `Mallory "><img src=x onerror=alert('name')>`,
  /** A display name that also tries to inject a mail header through the subject line. */
  headerName: 'Eve\r\nBcc: attacker@evil.example\r\n<svg onload=alert(1)>',
  field: `<script>alert('field')</script>`,
  fieldAttr: `" autofocus onfocus="alert('attr')`,
  comment: `<a href="javascript:alert('comment')">click</a><iframe src="//evil.example"></iframe>`,
  decision: `</blockquote><img src=x onerror=alert('decision')>`,
} as const;

/** Markup that must never appear raw in a page or an e-mail built from the payloads above. */
const RAW_MARKERS = [
  /<script/i,
  /<img\s/i,
  /<svg/i,
  /<iframe/i,
  /<a href="javascript:/i,
  /<\/blockquote><img/i,
  /" autofocus onfocus="/i,
];

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** Markup an attacker wrote never appears raw in the document. */
export function expectNoRawMarkup(html: string, where: string) {
  for (const marker of RAW_MARKERS) expect(html, `${where}: raw ${marker}`).not.toMatch(marker);
}

/**
 * The payload is in the document, escaped (either `&#39;` or `&#x27;` for quotes): proof the text
 * was shown rather than dropped, so the "no raw markup" check above is meaningful.
 */
export function containsEscaped(html: string, payload: string): boolean {
  const normalised = html.replace(/&#x27;/gi, '&#39;').replace(/&#34;/g, '&quot;');
  return normalised.includes(escapeHtml(payload));
}
