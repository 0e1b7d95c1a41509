import type { APIRoute } from 'astro';
import { bundle } from '../../lib/bundle.ts';

/** The 引用与下载 page's script (src/client/cite.ts): today's access date, ?at= citations, copy buttons. */
export const GET: APIRoute = () => bundle('src/client/cite.ts');
