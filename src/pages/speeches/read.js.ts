import type { APIRoute } from 'astro';
import { bundle } from '../../lib/bundle.ts';

/** Speech-page enhancements (src/client/read.ts), loaded on the reader's first scroll, click or key. */
export const GET: APIRoute = () => bundle('src/client/read.ts');
