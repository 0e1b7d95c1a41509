import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../scripts/serve.ts';

/** A raw GET, path exactly as given (fetch would normalise it). */
const get = (url: string, path: string) =>
  new Promise<{ status: number; body: string }>((done, fail) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });

describe('scripts/serve.ts', () => {
  let base: string;
  let close: () => void;
  let prefixed: string;
  let closePrefixed: () => void;
  beforeAll(async () => {
    const top = mkdtempSync(join(tmpdir(), 'yanlu-serve-'));
    mkdirSync(join(top, 'dist'));
    mkdirSync(join(top, 'dist-x'));
    writeFileSync(join(top, 'dist', 'index.html'), 'home');
    writeFileSync(join(top, 'dist', '404.html'), 'nothing here');
    writeFileSync(join(top, 'dist-x', 'secret.txt'), 'secret');
    const { server, url } = await serve(join(top, 'dist'));
    base = url;
    close = () => server.close();
    const sub = await serve(join(top, 'dist'), 0, '/yanlu/');
    prefixed = sub.url;
    closePrefixed = () => sub.server.close();
  });
  afterAll(() => {
    close();
    closePrefixed();
  });

  it('never serves a file outside its folder, even one whose name starts like it', async () => {
    for (const path of ['/..%2fdist-x/secret.txt', '/../dist-x/secret.txt', '/%2e%2e/dist-x/secret.txt']) {
      const r = await get(base, path);
      expect(r.body, path).not.toContain('secret');
      expect(r.status, path).toBe(404);
    }
  });

  it('answers a malformed escape with 400 and keeps serving', async () => {
    expect((await get(base, '/%E0%A4%A')).status).toBe(400);
    expect(await get(base, '/')).toEqual({ status: 200, body: 'home' });
  });

  it('under a base path, serves only inside it: its own 404 page there, a bare 404 elsewhere', async () => {
    expect(await get(prefixed, '/yanlu/')).toEqual({ status: 200, body: 'home' });
    expect(await get(prefixed, '/yanlu/nope/')).toEqual({ status: 404, body: 'nothing here' });
    for (const path of [
      '/',
      '/index.html',
      '/yanlux/',
      '/yanlu/..%2f..%2fdist-x/secret.txt',
      '/yanlu/../dist-x/secret.txt',
    ]) {
      const r = await get(prefixed, path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toMatch(/home|secret/u);
    }
  });
});
