/**
 * The approve-by-e-mail link as a browser follows it: the mailed URL carries its token in the fragment
 * (`/api/email-decision#token=…`), the browser asks for the bare page, and the page's script posts the
 * token as a form, which answers the confirmation page.
 */

/** The decision token of a mail's link (the fragment; the query of links mailed before). */
export const decisionTokenIn = (text: string): string | undefined =>
  /\/api\/email-decision[?#]token=([\w-]+)/.exec(text)?.[1];

/** The confirmation page for a token: what the opener page's script posts. Changes nothing. */
export const openDecisionPage = (baseUrl: string, token: string, headers: Record<string, string> = {}) =>
  fetch(`${baseUrl}/api/email-decision`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ token }),
  });
