/**
 * Any string of code points, lone surrogates included: `fc.string({ unit: 'binary' })`, made once when a test file
 * loads. Making it the first time takes fast-check seconds of synchronous work on a loaded machine (7 s measured
 * under this machine's usual load). Made inside a property test, that work blocked the test's event loop between
 * two requests for longer than the server keeps an idle connection open (Node: 5 s + 1 s), and Node's fetch
 * (undici 7, dispatching from an I/O callback) then sent the next POST on the connection the server had closed:
 * `fetch failed`, `other side closed`. Made here, it runs before any connection is open.
 */
import fc from 'fast-check';

export const binaryString = fc.string({ unit: 'binary' });
