// @ts-check
/**
 * Which requests may be for a file of the build's client folder (dist/client: /_astro/ bundles, /embed.js, the
 * favicon …). Only those go through the adapter's static handler, which asks the file system (a stat, often two)
 * on every request it sees; every other request — every page, API call and form post — goes straight to the
 * app. The folder is listed once at start: the build does not change while the portal runs.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The URL paths of the folder's files and subfolders (not of the folder itself).
 * @param {URL} folder
 * @returns {Set<string>}
 */
export function listStaticPaths(folder) {
  const root = fileURLToPath(folder);
  /** @type {Set<string>} */
  const paths = new Set();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    paths.add(`/${relative(root, join(entry.parentPath, entry.name)).split(sep).join('/')}`);
  }
  return paths;
}

/**
 * Whether the static handler should see the request: a GET or HEAD of a listed path (with or without a trailing
 * slash), or a URL it must refuse itself (one that does not decode).
 * @param {Set<string>} staticPaths
 * @param {import('node:http').IncomingMessage} req
 */
export function mayBeStatic(staticPaths, req) {
  const url = req.url ?? '/';
  let path;
  try {
    path = decodeURI(url.split(/[?#]/, 1)[0] ?? '/');
  } catch {
    return true;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  return staticPaths.has(path) || (path.length > 1 && path.endsWith('/') && staticPaths.has(path.slice(0, -1)));
}
