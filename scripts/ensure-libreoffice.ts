/**
 * The download tests open every generated file with a real reader: Debian's LibreOffice Writer
 * (headless) converts the Word files to PDF, poppler-utils (pdfinfo, pdftotext, pdftoppm) reads
 * the PDFs. If either is missing, install it when we can (root + apt-get); otherwise stop with
 * one line saying what to do. Run by `npm test` before Vitest, and by test/integration/downloads.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const SOFFICE = '/usr/bin/soffice';
export const PDFTOTEXT = '/usr/bin/pdftotext';

const missing = [
  ...(existsSync(SOFFICE) ? [] : ['libreoffice-writer-nogui']),
  ...(existsSync(PDFTOTEXT) ? [] : ['poppler-utils']),
];
if (missing.length) {
  if (process.getuid?.() === 0) {
    console.log(`Missing for the download tests: installing Debian ${missing.join(' and ')} with apt-get …`);
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  if (!existsSync(SOFFICE) || !existsSync(PDFTOTEXT)) {
    console.error(
      'Download tests need LibreOffice Writer and poppler: run `sudo apt-get install libreoffice-writer-nogui poppler-utils`, then `npm test`.',
    );
    process.exit(1);
  }
}
