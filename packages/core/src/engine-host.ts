import { pino, type Logger } from 'pino';
import { Keyring } from './cookies/keyring.js';
import { CoreError } from './errors.js';
import type { ContextHost } from './host.js';
import type { EngineOptions, ResolvedEngineOptions } from './options.js';
import { HTMLRenderer } from './render/html.js';
import type { BodyLimits } from './request/body.js';
import type { EngineStats } from './serving.js';
import { TrustedProxies } from './request/client-ip.js';
import { RequestIds } from './request/request-ids.js';
import { SchemaCompiler } from './validation/schema.js';

/** What every Context of an Engine reads: limits, proxies, logger, schemas, templates, ids. */
export class EngineHost implements ContextHost {
  readonly limits: BodyLimits;
  readonly trustedProxies: TrustedProxies;
  logger: Logger;
  readonly schemas: SchemaCompiler;
  readonly keys: Keyring | undefined;
  renderer: HTMLRenderer | undefined;
  /** Set by the Engine to its servers' counts. */
  stats: () => EngineStats = () => ({ inflight: 0, connections: 0, accepted: 0, parseErrors: 0 });
  readonly #requestIds = new RequestIds();

  constructor(o: EngineOptions, resolved: ResolvedEngineOptions) {
    this.limits = { body: resolved.bodyLimit, multipart: resolved.multipartLimit, file: resolved.fileLimit, parts: resolved.maxParts };
    this.trustedProxies = new TrustedProxies(o.trustedProxies);
    this.schemas = new SchemaCompiler(o);
    this.logger = o.logger ?? pino({ enabled: false });
    this.keys = o.keys === undefined ? undefined : new Keyring(o.keys);
  }

  renderHTML(name: string, data: unknown): string {
    if (this.renderer === undefined) throw new CoreError('ERR_CORE_NO_TEMPLATES', 'c.html needs templates: call app.setHTMLTemplate(t) or app.loadHTMLGlob(pattern)');
    return this.renderer.render(name, data);
  }

  nextRequestId(): string {
    return this.#requestIds.next();
  }
}
