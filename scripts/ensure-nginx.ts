/**
 * The nginx test (test/e2e/nginx.test.ts) serves a build with deploy/nginx.conf through Debian's
 * nginx. If it is missing, install it when we can (root + apt-get, as scripts/ensure-chromium.ts
 * does for the browser); otherwise stop with one line saying what to do.
 *
 * Usage: node scripts/ensure-nginx.ts (or import { ensureNginx })
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const NGINX = '/usr/sbin/nginx';

/** Debian's nginx binary, installed first when missing and we are root; throws one line otherwise. */
export function ensureNginx(): string {
  if (!existsSync(NGINX) && process.getuid?.() === 0) {
    console.log('Missing for the nginx test: installing Debian nginx with apt-get …');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'nginx'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  if (!existsSync(NGINX))
    throw new Error('The nginx test needs Debian nginx: run `sudo apt-get install nginx`, then `npm test`.');
  return NGINX;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    ensureNginx();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
