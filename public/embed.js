/*
 * Live listings of the Fengtai Aerospace Innovation Center for any web page.
 *
 *   <div data-park-listings data-building="rd-1" data-min-area="200" data-lang="en"></div>
 *   <script src="https://<portal>/embed.js" async></script>
 *
 * Every element with data-park-listings (also ones added later, e.g. by a single-page app) gets a lazily
 * loaded iframe of /embed/listings (or /embed/units/<id> with data-unit) with its data-* attributes as
 * filters. The framed page runs this same file, which reports its height; the frame follows it. Messages are
 * accepted only from the portal's origin and only from the frame they size.
 */
(function () {
  'use strict';
  var root = document.documentElement;

  // Inside the widget: tell the partner page how tall the content is whenever it changes.
  if (root.hasAttribute('data-park-embed')) {
    if (window.parent === window) return;
    var last = 0;
    var report = function () {
      var height = Math.ceil(root.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      window.parent.postMessage({ type: 'aic:resize', height: height }, '*');
    };
    if (window.ResizeObserver) new ResizeObserver(report).observe(root);
    window.addEventListener('load', report);
    report();
    return;
  }

  // On the partner page.
  if (window.__parkListings) return window.__parkListings.scan();
  var script = document.currentScript || document.querySelector('script[src*="/embed.js"]');
  var origin = new URL(script ? script.src : '/', location.href).origin;
  var SKIP = { parkListings: 1, parkListingsReady: 1, unit: 1, title: 1, height: 1 };
  var frames = [];

  function mount(el) {
    el.setAttribute('data-park-listings-ready', '');
    var params = new URLSearchParams();
    Object.keys(el.dataset).forEach(function (key) {
      if (!SKIP[key]) params.set(key, el.dataset[key]);
    });
    params.set('host', location.host);
    var unit = el.dataset.unit;
    var path = unit ? '/embed/units/' + encodeURIComponent(unit) : '/embed/listings';
    var frame = document.createElement('iframe');
    frame.src = origin + path + '?' + params.toString();
    frame.title = el.dataset.title || (el.dataset.lang === 'en' ? 'Available spaces' : '在租房源');
    frame.loading = 'lazy';
    frame.setAttribute('scrolling', 'no');
    frame.style.cssText =
      'display:block;width:100%;border:0;overflow:hidden;height:' + (Number(el.dataset.height) || 360) + 'px';
    el.appendChild(frame);
    frames.push(frame);
  }

  function scan() {
    var found = document.querySelectorAll('[data-park-listings]:not([data-park-listings-ready])');
    for (var i = 0; i < found.length; i++) mount(found[i]);
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== origin || !event.data || event.data.type !== 'aic:resize') return;
    var height = Number(event.data.height);
    if (!(height > 0 && height < 20000)) return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) frames[i].style.height = Math.ceil(height) + 'px';
    }
  });

  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    setTimeout(function () {
      pending = false;
      scan();
    }, 0);
  }).observe(root, { childList: true, subtree: true });
  window.__parkListings = { scan: scan };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
  else scan();
})();
