/**
 * Browser tests run in Debian's Chromium (no browser download works here), with Debian's CJK
 * fonts (without them, screenshots and layout checks see empty boxes for every Chinese
 * character). If either is missing, install it when we can (root + apt-get); otherwise stop with
 * one line saying what to do.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
/** A file of Debian's fonts-noto-cjk: its presence says the package is installed. */
const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

const missing = [...(existsSync(CHROMIUM) ? [] : ['chromium']), ...(existsSync(CJK_FONT) ? [] : ['fonts-noto-cjk'])];
if (missing.length) {
  if (process.getuid?.() === 0) {
    console.log(`Missing for the browser tests: installing Debian ${missing.join(' and ')} with apt-get …`);
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  if (!existsSync(CHROMIUM) || !existsSync(CJK_FONT)) {
    console.error(
      `Browser tests need Chromium and CJK fonts: run \`sudo apt-get install chromium fonts-noto-cjk\`, then \`npm test\`.`,
    );
    process.exit(1);
  }
}
