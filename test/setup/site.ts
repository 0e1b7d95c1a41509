import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { serve } from '../../scripts/serve.ts';
import { SITE_ROOT, site } from '../helpers/site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/**
 * Build the fixture collection (test/sites/basic) exactly as `npm run build` builds the
 * repository's, then serve its dist/.
 */
export default async function setup(project: TestProject) {
  execFileSync(process.execPath, ['scripts/build.ts', '--root', SITE_ROOT], { stdio: ['ignore', 'ignore', 'inherit'] });
  const { server, url } = await serve(site('dist'));
  project.provide('baseUrl', url);
  return () => new Promise<void>((done) => server.close(() => done()));
}
