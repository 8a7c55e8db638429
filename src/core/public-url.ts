/**
 * The public base URL: where people outside reach this Murmur (the dashboard, /r/<code>
 * short links, feedback and review pages, the CRM webhook, digest links). One rule for the
 * CLI, the API and the digests: $MURMUR_PUBLIC_URL, else the server's own listen address,
 * flagged as a guess. Never a request header: a forged Host would make links to another site.
 */
import { MurmurError } from './errors.ts';

/** Where `murmur serve` listens by default: the CLI's guess when no server address is known. */
export const DEFAULT_LISTEN_URL = 'http://127.0.0.1:8080';

export interface PublicBase {
  /** Absolute http(s) URL without a trailing slash (a path prefix behind a proxy is kept). */
  url: string;
  /** True when MURMUR_PUBLIC_URL is unset and `url` is the listen address, which outsiders may not reach. */
  guessed: boolean;
}

export class PublicUrlError extends MurmurError {
  override name = 'PublicUrlError';
  constructor(message: string) {
    // The server's configuration, not the caller's request, is wrong.
    super('bad_public_url', 500, message);
  }
}

/** A base someone gave (`source` names where: the variable or a CLI flag), checked. */
export function givenBase(value: string, source: string): PublicBase {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new PublicUrlError(`${source}: "${value}" is not an absolute URL (e.g. https://murmur.example.com)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PublicUrlError(`${source}: "${value}" must start with http:// or https://`);
  if (url.search || url.hash || url.username || url.password) throw new PublicUrlError(`${source}: "${value}" must not carry a query, a fragment or credentials`);
  return { url: `${url.origin}${url.pathname}`.replace(/\/+$/, ''), guessed: false };
}

/** $MURMUR_PUBLIC_URL when set (checked), else `listenUrl` marked as guessed. */
export function publicBase(listenUrl: string = DEFAULT_LISTEN_URL, env: Record<string, string | undefined> = process.env): PublicBase {
  const configured = env.MURMUR_PUBLIC_URL?.trim();
  if (configured) return givenBase(configured, 'MURMUR_PUBLIC_URL');
  return { url: listenUrl.replace(/\/+$/, ''), guessed: true };
}

/** An absolute address under the base: `path` starts with "/" and is appended (a base path prefix stays). */
export function publicUrl(base: PublicBase, path: string): string {
  return `${base.url}${path}`;
}

/** What a log line or the CLI says when links start with a guessed address. */
export function guessedBaseWarning(base: PublicBase): string | null {
  return base.guessed ? `MURMUR_PUBLIC_URL is not set: links Murmur gives start with ${base.url}, its own listen address; set it to the address people reach it at` : null;
}

/** The CLI's base: its --base-url flag when given, else the rule above (serve's default address as the guess). */
export function cliPublicBase(flag: string | undefined): PublicBase {
  return flag ? givenBase(flag, '--base-url') : publicBase();
}
