/* dossier — search client. Plain script, no modules, no build step, no eval: it must run from
 * file://, where fetch, ES modules and WebAssembly are blocked, under a CSP of
 * script-src 'self'. The index is a set of scripts (search/manifest.js, search/s-NNN.js) that
 * call window.dossierSearch.manifest(...) and .shard(n, ...); this file adds them with
 * <script src> when a query needs them. Scores are BM25, computed at build time (src/search).
 * The word rules below mirror src/search/tokenize.rs: change both together. */
(function () {
  'use strict';

  var FORMAT = 1;
  var PREFIX_MIN = 3;          // a term this long also finds longer words that start with it
  var PREFIX_WEIGHT = 0.5;     // ...scored at this fraction of an exact match
  var MAX_SHARDS_PER_TERM = 2; // bounds the bytes a short prefix can pull in
  var MAX_EXPANSIONS = 40;
  var MAX_RESULTS = 50;
  var DEBOUNCE_MS = 200;
  var KINDS = { a: 'Article', c: 'Actor', t: 'Timeline' };
  var SPECIAL = { 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'đ': 'd', 'ł': 'l', 'ı': 'i',
    'þ': 'th', 'ð': 'd', 'ħ': 'h', 'ŧ': 't', 'ŀ': 'l' };

  var WORD;
  try {
    WORD = new RegExp('^[\\p{Alphabetic}\\p{N}\\u0300-\\u036f\\u00ad]$', 'u');
  } catch (e) {
    WORD = /^[0-9A-Za-z\u00aa-\u02ff\u0300-\u036f\u0370-\u1fff\u3040-\ufaff]$/;
  }

  var state = { manifest: null, shards: {}, scripts: {}, stop: {} };
  var api = window.dossierSearch = window.dossierSearch || {};
  api.manifest = function (m) { state.manifest = m; };
  api.shard = function (n, data) { state.shards[n] = data; };

  /* ---- words, as tokenize.rs cuts them ---- */

  function isWordChar(c) { return WORD.test(c); }
  function isHyphen(c) { return c === '-' || c === '\u2010' || c === '\u2011'; }
  function isApostrophe(c) { return c === "'" || c === '\u2019' || c === '\u02bc'; }

  /* Word ranges [start, end) in UTF-16 offsets: letters/digits joined by single hyphens or
   * apostrophes. */
  function words(text) {
    var cs = [];
    for (var i = 0; i < text.length;) {
      var ch = String.fromCodePoint(text.codePointAt(i));
      cs.push([i, ch]);
      i += ch.length;
    }
    var out = [];
    var k = 0;
    while (k < cs.length) {
      if (!isWordChar(cs[k][1])) { k++; continue; }
      var j = k + 1;
      for (;;) {
        while (j < cs.length && isWordChar(cs[j][1])) j++;
        if (j + 1 < cs.length && (isHyphen(cs[j][1]) || isApostrophe(cs[j][1])) &&
            isWordChar(cs[j + 1][1])) { j++; continue; }
        break;
      }
      out.push([cs[k][0], j < cs.length ? cs[j][0] : text.length]);
      k = j;
    }
    return out;
  }

  function normalizePart(part) {
    var s = part.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f\u00ad]/g, '')
      .normalize('NFC').replace(/[\u2019\u02bc]/g, "'")
      .replace(/[ßæœøđłıþðħŧŀ]/g, function (c) { return SPECIAL[c]; });
    if (s.slice(-2) === "'s") s = s.slice(0, -2);
    return s.replace(/'/g, '');
  }

  function parts(word) {
    return word.split(/[-\u2010\u2011]/).map(normalizePart).filter(function (p) { return p; });
  }

  function keep(t) { return Array.from(t).length > 1 && !state.stop[t]; }

  /* The one term a query word stands for (a hyphenated word stays whole), or null. */
  function queryTerm(word) {
    var p = parts(word);
    if (p.length === 0) return null;
    if (p.length === 1) return keep(p[0]) ? p[0] : null;
    return p.join('-');
  }

  /* Every form the index holds for a word: whole, run together, and its parts. */
  function indexForms(word) {
    var p = parts(word);
    if (p.length < 2) return p;
    return [p.join('-'), p.join('')].concat(p);
  }

  function queryTerms(q) {
    var out = [];
    words(q).forEach(function (r) {
      var t = queryTerm(q.slice(r[0], r[1]));
      if (t && out.indexOf(t) < 0) out.push(t);
    });
    return out;
  }

  function matches(form, term) {
    return form === term || (term.length >= PREFIX_MIN && form.indexOf(term) === 0);
  }

  /* ---- loading ---- */

  function load(src) {
    if (!state.scripts[src]) {
      state.scripts[src] = new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = src;
        s.onload = function () { resolve(); };
        s.onerror = function () { delete state.scripts[src]; s.remove(); reject(new Error(src)); };
        document.head.appendChild(s);
      });
    }
    return state.scripts[src];
  }

  function shardName(n) {
    var s = String(n);
    while (s.length < 3) s = '0' + s;
    return 's-' + s + '.js';
  }

  /* Shards that can hold `term` or, for a prefix, words starting with it. */
  function shardsFor(term) {
    var firsts = state.manifest.shards;
    var lo = 0;
    var hi = firsts.length - 1;
    while (lo < hi) { // last shard whose first term <= term
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= term) lo = mid; else hi = mid - 1;
    }
    var out = [lo];
    if (term.length >= PREFIX_MIN) {
      for (var n = lo + 1; n < firsts.length && out.length < MAX_SHARDS_PER_TERM &&
           firsts[n].indexOf(term) === 0; n++) out.push(n);
    }
    return out;
  }

  /* ---- ranking ---- */

  function search(terms, base) {
    var need = {};
    var perTerm = terms.map(function (t) {
      var ns = shardsFor(t);
      ns.forEach(function (n) { need[n] = true; });
      return ns;
    });
    var names = Object.keys(need).map(function (n) { return base + 'search/' + shardName(+n); });
    return Promise.all(names.map(load)).then(function () {
      var docs = {};
      var found = {};
      terms.forEach(function (t, i) {
        var expansions = 0;
        perTerm[i].forEach(function (n) {
          var shard = state.shards[n];
          shard.docs.forEach(function (row) { docs[row[0]] = row; });
          shard.terms.forEach(function (entry) {
            var exact = entry[0] === t;
            if (!exact && !(matches(entry[0], t) && expansions++ < MAX_EXPANSIONS)) return;
            var weight = exact ? 1 : PREFIX_WEIGHT;
            entry[1].forEach(function (p) {
              var f = found[p[0]];
              if (!f) f = found[p[0]] = { doc: p[0], scores: terms.map(function () { return 0; }), snippets: [] };
              f.scores[i] = Math.max(f.scores[i], p[1] * weight);
              f.snippets.push({ anchor: p[2], text: p[3], score: p[1] * weight });
            });
          });
        });
      });
      var all = Object.keys(found).map(function (d) {
        var f = found[d];
        f.matched = f.scores.filter(function (s) { return s > 0; }).length;
        f.score = f.scores.reduce(function (a, b) { return a + b; }, 0);
        return f;
      });
      var every = all.filter(function (f) { return f.matched === terms.length; });
      var partial = every.length === 0 && all.length > 0;
      var list = partial ? all : every;
      list.sort(function (a, b) {
        return b.matched - a.matched || b.score - a.score || a.doc - b.doc;
      });
      return { results: list.slice(0, MAX_RESULTS), partial: partial, docs: docs };
    });
  }

  /* The excerpt naming the most query terms, then the best scored. */
  function bestSnippet(f, terms) {
    var best = null;
    f.snippets.forEach(function (s) {
      var seen = {};
      words(s.text).forEach(function (r) {
        indexForms(s.text.slice(r[0], r[1])).forEach(function (form) {
          terms.forEach(function (t) { if (matches(form, t)) seen[t] = true; });
        });
      });
      s.hits = Object.keys(seen).length;
      if (!best || s.hits > best.hits || (s.hits === best.hits && s.score > best.score)) best = s;
    });
    return best;
  }

  /* ---- display: DOM only, never innerHTML from data ---- */

  function highlighted(p, text, terms) {
    var at = 0;
    words(text).forEach(function (r) {
      var hit = indexForms(text.slice(r[0], r[1])).some(function (form) {
        return terms.some(function (t) { return matches(form, t); });
      });
      if (!hit) return;
      if (r[0] > at) p.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(r[0], r[1]);
      p.appendChild(mark);
      at = r[1];
    });
    if (at < text.length) p.appendChild(document.createTextNode(text.slice(at)));
  }

  function resultItem(f, row, terms, base) {
    var kind = row[1];
    var snippet = bestSnippet(f, terms);
    var li = document.createElement('li');
    li.className = 'result result-' + (KINDS[kind] || 'Page').toLowerCase();
    var label = document.createElement('p');
    label.className = 'result-kind';
    label.textContent = KINDS[kind] || 'Page';
    var h = document.createElement('h2');
    h.className = 'result-title';
    var a = document.createElement('a');
    a.href = base + row[3] + (snippet && snippet.anchor ? '#' + snippet.anchor : '');
    a.textContent = row[2];
    h.appendChild(a);
    li.appendChild(label);
    li.appendChild(h);
    if (snippet) {
      var p = document.createElement('p');
      p.className = 'excerpt';
      highlighted(p, snippet.text, terms);
      li.appendChild(p);
    }
    return li;
  }

  function quoted(q) { return '\u201c' + q + '\u201d'; }

  /* ---- page wiring ---- */

  function start() {
    var form = document.getElementById('search-form');
    var input = document.getElementById('q');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    if (!form || !input || !status || !list) return;
    var base = form.getAttribute('data-root') || '';
    var nojs = document.getElementById('search-nojs');
    if (nojs) nojs.hidden = true;
    document.documentElement.classList.add('js');

    var ready = load(base + 'search/manifest.js').then(function () {
      var m = state.manifest;
      if (!m || m.format !== FORMAT) throw new Error('search index format');
      m.stop.forEach(function (w) { state.stop[w] = true; });
    });
    var generation = 0;
    var timer = null;

    function setUrl(q) {
      try {
        var url = location.pathname + (q ? '?q=' + encodeURIComponent(q) : '') + location.hash;
        history.replaceState(null, '', url);
      } catch (e) { /* some browsers refuse replaceState on file:// */ }
    }

    function show(q, out, terms) {
      while (list.firstChild) list.removeChild(list.firstChild);
      var n = out.results.length;
      if (n === 0) {
        status.textContent = 'No results for ' + quoted(q);
        return;
      }
      var text = n + (n === 1 ? ' result' : ' results') + ' for ' + quoted(q);
      if (out.partial) text += ' (no page has every word; showing pages with some)';
      status.textContent = text;
      out.results.forEach(function (f) {
        var row = out.docs[f.doc];
        if (row) list.appendChild(resultItem(f, row, terms, base));
      });
    }

    function run(q) {
      var mine = ++generation;
      q = q.trim();
      setUrl(q);
      if (!q) {
        status.textContent = '';
        while (list.firstChild) list.removeChild(list.firstChild);
        return;
      }
      status.textContent = 'Searching\u2026';
      ready.then(function () {
        var terms = queryTerms(q);
        if (terms.length === 0) return { results: [], partial: false, docs: {} };
        return search(terms, base).then(function (out) { out.terms = terms; return out; });
      }).then(function (out) {
        if (mine === generation) show(q, out, out.terms || []);
      }).catch(function () {
        if (mine !== generation) return;
        status.textContent = 'The search index could not be loaded. Every article is listed on the article index.';
      });
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      run(input.value);
    });
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, DEBOUNCE_MS);
    });
    var initial = '';
    try { initial = new URLSearchParams(location.search).get('q') || ''; } catch (e) { initial = ''; }
    if (initial) {
      input.value = initial;
      run(initial);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());
