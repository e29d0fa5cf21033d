import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../src/lib/server/db';
const h = await openDatabase({ databaseUrl: null, dataDir: '/tmp/rt-db-' + Date.now() });
await h.execute('create table if not exists t (id serial primary key, b bytea)', []);
const data = new Uint8Array(60);
async function time(label: string, fn: () => Promise<unknown>) {
  const ts: number[] = [];
  for (let i = 0; i < 500; i++) { const t = performance.now(); await fn(); ts.push(performance.now() - t); }
  ts.sort((a, b) => a - b);
  console.log(label, 'p50', ts[250].toFixed(3), 'p99', ts[495].toFixed(3));
}
await time('remote insert', () => h.execute('insert into t (b) values ($1)', [data]));
await time('remote select', () => h.execute('select 1 as x', []));
await h.close();
const pg = await PGlite.create('/tmp/rt-db2-' + Date.now());
await pg.query('create table if not exists t (id serial primary key, b bytea)');
await time('local insert', () => pg.query('insert into t (b) values ($1)', [data]));
await time('local select', () => pg.query('select 1 as x'));
