import { resolve } from 'node:path';

/**
 * The project root the site is built from: the repository itself, or a fixture or benchmark
 * collection named by `YANLU_ROOT` (its `content/` converted into its own `.generated/`).
 */
export const projectRoot = () => resolve(process.env['YANLU_ROOT'] ?? '.');

/** A path inside the collection stage's output for the current root. */
export const generated = (...parts: string[]) => resolve(projectRoot(), '.generated', ...parts);
