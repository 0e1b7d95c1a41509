import type { APIRoute } from 'astro';
import { bundle } from '../../lib/bundle.ts';

/** The search code (src/search/ui.ts), loaded by pages only when the reader reaches for search. */
export const GET: APIRoute = () => bundle('src/search/ui.ts');
