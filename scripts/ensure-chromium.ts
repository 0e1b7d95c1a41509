/**
 * Browser tests run in Debian's Chromium (no browser download works here). If it is missing,
 * install it when we can (root + apt-get); otherwise stop with one line saying what to do.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() === 0) {
    console.log('Chromium is missing: installing Debian chromium with apt-get …');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  if (!existsSync(CHROMIUM)) {
    console.error(
      'Browser tests need Chromium at /usr/bin/chromium: run `sudo apt-get install chromium`, then `npm test`.',
    );
    process.exit(1);
  }
}
