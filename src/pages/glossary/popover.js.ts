import type { APIRoute } from 'astro';
import { bundle } from '../../lib/bundle.ts';

/** The glossary popover (src/annotate/popover.ts), loaded on the first hover, focus or tap on a term. */
export const GET: APIRoute = () => bundle('src/annotate/popover.ts');
