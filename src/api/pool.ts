// One ApiClient per API token, for HTTP mode where each request may bring its own MTS Link token.
// Clients share one undici Agent (one keep-alive pool per origin) but keep their own rate limit
// and caches, so organisations never share state. Keys are token hashes, never tokens.
import { createHash } from 'node:crypto';
import { Agent } from 'undici';
import { ApiClient } from './client.js';
import type { ApiClientOptions } from './types.js';

/** Enough for many organisations; the least recently used client goes first. */
const MAX_CLIENTS = 100;

export class ApiClientPool {
  private readonly agent = new Agent({ keepAliveTimeout: 10_000, connections: 16 });
  private readonly clients = new Map<string, ApiClient>();

  constructor(private readonly base: Omit<ApiClientOptions, 'token' | 'dispatcher'>) {}

  get(token: string): ApiClient {
    const key = createHash('sha256').update(token).digest('hex');
    let client = this.clients.get(key);
    if (client) {
      this.clients.delete(key); // re-insert: Map order is our LRU order
    } else {
      client = new ApiClient({ ...this.base, token, dispatcher: this.agent });
      if (this.clients.size >= MAX_CLIENTS) {
        const oldest = this.clients.keys().next().value;
        if (oldest !== undefined) this.clients.delete(oldest);
      }
    }
    this.clients.set(key, client);
    return client;
  }

  async close(): Promise<void> {
    this.clients.clear();
    await this.agent.close();
  }
}
