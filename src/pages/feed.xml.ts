import type { APIRoute } from 'astro';
import { allSpeeches } from '../lib/speeches.ts';
import { absolute, site } from '../lib/site.ts';
import { feed, FEED_PATH } from '../lib/publish.ts';

/** The feed of the newest speeches (RSS 2.0), linked from every page's head. */
export const GET: APIRoute = async () => feed(`${site().name}：最新讲话`, FEED_PATH, await allSpeeches(), absolute);
