import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { serve } from '../../scripts/serve.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Build the site from the seeds exactly as `npm run build` does, then serve dist/. */
export default async function setup(project: TestProject) {
  const run = (script: string, ...args: string[]) =>
    execFileSync(process.execPath, [script, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  run('scripts/convert.ts', '--quiet');
  run('node_modules/astro/bin/astro.mjs', 'build', '--silent');
  const { server, url } = await serve('dist');
  project.provide('baseUrl', url);
  return () => new Promise<void>((done) => server.close(() => done()));
}
