/**
 * Astro's image endpoint resizes only the photos the pages offer, at the sizes they offer
 * (server/catalog/photos.ts): any other file or size of the build would cost a second of CPU each, and a 500
 * for files that are not photos.
 */
import { defineMiddleware } from 'astro:middleware';
import { offeredPhotoUrls } from '../server/catalog/photos.ts';
import { passOf } from './request-pass.ts';

function noSuchImage(): Response {
  return new Response('图片不存在 · No such image', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}

export const guardImageEndpoint = defineMiddleware(async (context, next) => {
  const { target } = passOf(context);
  if (!target.isImageEndpoint) return next();
  // The pages offer `/_image?…`, without a language prefix.
  return (await offeredPhotoUrls()).has(`${target.path}${context.url.search}`) ? next() : noSuchImage();
});
