/** The settings of decision 022: DATABASE_URL, PEERLENS_PG_POOL, PEERLENS_TRUST_PROXY, and what trusting a proxy changes. */
import { describe, expect, it } from 'vitest';
import { trustProxyFromEnv } from '../src/app.js';
import { databaseUrlFromEnv, poolSizeFromEnv } from '../src/db/database.js';
import { PASSWORD, setupAdmin, startServer } from './helpers.js';

describe('settings', () => {
  it('DATABASE_URL: unset or empty is SQLite; a postgres:// address is PostgreSQL; anything else is refused, saying what it should be', () => {
    expect(databaseUrlFromEnv({})).toBeUndefined();
    expect(databaseUrlFromEnv({ DATABASE_URL: ' ' })).toBeUndefined();
    expect(databaseUrlFromEnv({ DATABASE_URL: 'postgres://app:pw@db.internal:5432/peerlens' })).toBe(
      'postgres://app:pw@db.internal:5432/peerlens',
    );
    expect(databaseUrlFromEnv({ DATABASE_URL: 'postgresql://db/peerlens' })).toBe('postgresql://db/peerlens');
    expect(() => databaseUrlFromEnv({ DATABASE_URL: 'mysql://db/peerlens' })).toThrow(/PostgreSQL address/);
  });

  it('PEERLENS_PG_POOL: 10 by default, a whole number of connections otherwise', () => {
    expect(poolSizeFromEnv({})).toBe(10);
    expect(poolSizeFromEnv({ PEERLENS_PG_POOL: '25' })).toBe(25);
    expect(() => poolSizeFromEnv({ PEERLENS_PG_POOL: '0' })).toThrow(/PEERLENS_PG_POOL/);
  });

  it('PEERLENS_TRUST_PROXY: a comma-separated list of addresses or ranges', () => {
    expect(trustProxyFromEnv({})).toEqual([]);
    expect(trustProxyFromEnv({ PEERLENS_TRUST_PROXY: '10.0.0.5, 10.0.1.0/24' })).toEqual(['10.0.0.5', '10.0.1.0/24']);
  });
});

describe('behind a reverse proxy', () => {
  const tries = async (trustProxy: string[] | undefined, from: string[]) => {
    const server = await startServer({ demo: false, ...(trustProxy ? { trustProxy } : {}), passwordWork: { perAddressFailures: 3 } });
    try {
      await setupAdmin(server.app);
      const statuses: number[] = [];
      // a different username each time: only the limit per address can refuse
      for (const [i, address] of from.entries())
        statuses.push(
          (
            await server.app.inject({
              method: 'POST',
              url: '/api/login',
              headers: { 'x-forwarded-for': address },
              payload: { username: `nobody${i}`, password: `${PASSWORD} wrong` },
            })
          ).statusCode,
        );
      return statuses;
    } finally {
      await server.close();
    }
  };

  it('trusted, counts failed sign-ins per client address (X-Forwarded-For), not per proxy', async () => {
    expect(await tries(['127.0.0.1'], ['10.0.0.1', '10.0.0.1', '10.0.0.1', '10.0.0.1', '10.0.0.2'])).toEqual([401, 401, 401, 429, 401]);
  });

  it('not trusted (the default), ignores X-Forwarded-For: every client behind the proxy shares its address', async () => {
    expect(await tries(undefined, ['10.0.0.1', '10.0.0.1', '10.0.0.1', '10.0.0.1', '10.0.0.2'])).toEqual([401, 401, 401, 429, 429]);
  });
});
