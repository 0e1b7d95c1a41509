import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadSite } from '../../src/lib/site.ts';

interface Step {
  uses?: string;
  run?: string;
  id?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
const workflow = parse(readFileSync('.github/workflows/pages.yml', 'utf8')) as {
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[]; needs?: string }>;
};

/** What `${{ steps.pages.outputs.X }}` becomes, for a project site and for a user site. */
function expand(value: string, outputs: Record<string, string>): string {
  return value.replace(/\$\{\{\s*steps\.pages\.outputs\.(\w+)\s*\}\}/gu, (_, k: string) => outputs[k] ?? '');
}

describe('the GitHub Pages workflow', () => {
  const build = workflow.jobs['build']!.steps;
  const step = build.find((s) => s.run === 'npm run build')!;

  it('builds with the Pages address and path, and publishes dist/', () => {
    expect(build.findIndex((s) => s.uses?.startsWith('actions/configure-pages@'))).toBeLessThan(build.indexOf(step));
    expect(build.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))!.with!['path']).toBe('dist');
    expect(workflow.jobs['deploy']!.needs).toBe('build');
    expect(workflow.jobs['deploy']!.steps.some((s) => s.uses?.startsWith('actions/deploy-pages@'))).toBe(true);
    expect(workflow.permissions).toMatchObject({ pages: 'write', 'id-token': 'write' });
  });

  it('gives the site its repository path on a project site and / on a user site', () => {
    const project = { base_url: 'https://owner.github.io/yanlu', base_path: '/yanlu' };
    const user = { base_url: 'https://owner.github.io', base_path: '' };
    const env = (o: Record<string, string>) =>
      Object.fromEntries(Object.entries(step.env!).map(([k, v]) => [k, expand(v, o)]));
    expect(loadSite('.', env(project))).toMatchObject({ base: '/yanlu/', url: 'https://owner.github.io/yanlu/' });
    expect(loadSite('.', env(user))).toMatchObject({ base: '/', url: 'https://owner.github.io/' });
  });
});
