import type { APIRoute } from 'astro';
import { bundle } from '../../lib/bundle.ts';

/** The trends page's script (src/trends/page.ts), loaded by that page only. */
export const GET: APIRoute = () => bundle('src/trends/page.ts');
