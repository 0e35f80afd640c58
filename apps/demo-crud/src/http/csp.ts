// The Content-Security-Policy of every answer. The pages load nothing from elsewhere and run no
// script of ours; their one inline stylesheet carries the request's nonce (`'nonce'` becomes
// `'nonce-<value>'`, the value the templates get as `.Nonce`), so markup a user managed to inject
// could neither run a script nor style the page.
import type { ContentSecurityPolicy } from '@sloe/core';

/** The directives given to core's `secureHeaders()`. */
export const CONTENT_SECURITY_POLICY: ContentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'nonce'"],
  styleSrc: ["'nonce'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};
