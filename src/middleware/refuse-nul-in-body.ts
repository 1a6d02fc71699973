/**
 * A form or JSON body holding a NUL character gets 400 before any handler reads it: PostgreSQL text cannot hold
 * one (server/security/refuse-nul-characters.ts).
 */
import { defineMiddleware } from 'astro:middleware';
import { refuseNulCharacters } from '../server/security/refuse-nul-characters.ts';
import { passOf } from './request-pass.ts';

export const refuseNulInBody = defineMiddleware((context, next) =>
  refuseNulCharacters(context.request, passOf(context).target, () => next()),
);
