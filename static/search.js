/* dossier — search client. Plain script, no modules, no build step, no eval: it must run from
 * file://, where fetch, ES modules and WebAssembly are blocked, under a CSP of
 * script-src 'self'. The index is a set of scripts (search/manifest.js, search/s-NNN.js) that
 * call window.dossierSearch.manifest(...) and .shard(n, ...); this file adds them with
 * <script src> when a query needs them. Scores are BM25, computed at build time (src/search).
 * The word rules below mirror src/search/tokenize.rs, the spelling folds src/search/spelling.rs
 * and the keys src/search/stem.rs (stemmed by static/porter2.js, loaded before this file):
 * change both sides together. */
(function () {
  'use strict';

  var FORMAT = 2;
  var PREFIX_MIN = 3;          // a term this long also finds longer words that start with it
  var PREFIX_WEIGHT = 0.5;     // ...scored at this fraction of an exact match
  var MAX_SHARDS_PER_TERM = 2; // bounds the bytes a short prefix can pull in
  var MAX_SHARDS = 6;          // ...and the whole query: exact words first, then prefixes, typos
  var MAX_EXPANSIONS = 40;
  var FUZZY_MIN = 4;           // a word this long that matches nothing gets a typo correction
  var MAX_RESULTS = 50;
  var DEBOUNCE_MS = 200;
  var KINDS = { a: 'Article', c: 'Actor', t: 'Timeline' };

  var W = window.dossierSearchWords;
  var state = { manifest: null, shards: {}, scripts: {} };
  var api = window.dossierSearch = window.dossierSearch || {};
  api.manifest = function (m) { state.manifest = m; };
  api.shard = function (n, data) { state.shards[n] = data; };

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

  /* Index of the last shard whose first term is <= term. */
  function shardOf(term) {
    var firsts = state.manifest.shards;
    var lo = 0;
    var hi = firsts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /* Shards that can hold `term` or, for a prefix, words starting with it. */
  function shardsFor(term, prefix) {
    var firsts = state.manifest.shards;
    var lo = shardOf(term);
    var out = [lo];
    if (prefix && term.length >= PREFIX_MIN) {
      for (var n = lo + 1; n < firsts.length && out.length < MAX_SHARDS_PER_TERM &&
           firsts[n].indexOf(term) === 0; n++) out.push(n);
    }
    return out;
  }

  /* Loads shards `ns` (numbers) within the query's budget; resolves to those now loaded. */
  function loadShards(ns, base, budget) {
    var todo = [];
    ns.forEach(function (n) {
      if (budget.used[n]) return;
      if (Object.keys(budget.used).length >= MAX_SHARDS) return;
      budget.used[n] = true;
      todo.push(n);
    });
    return Promise.all(todo.map(function (n) { return load(base + 'search/' + shardName(n)); }))
      .then(function () { return ns.filter(function (n) { return state.shards[n]; }); });
  }

  /* ---- typos ---- */

  /* Edit distance with adjacent swaps (optimal string alignment), or max + 1 past `max`. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null;
    var prev = [];
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      var cur = [i];
      var low = i;
      for (var k = 1; k <= b.length; k++) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        var d = Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + cost);
        if (prev2 && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) {
          d = Math.min(d, prev2[k - 2] + 1);
        }
        cur.push(d);
        if (d < low) low = d;
      }
      if (low > max) return max + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  /* The dictionary word nearest to a key that matched nothing, from the shards around it:
   * {key, entry} or null. Nearer first, then the word more pages have, then the best scored. */
  function nearest(key, shards) {
    if (key.length < FUZZY_MIN) return null;
    var max = key.length >= 8 ? 2 : 1;
    var best = null;
    shards.forEach(function (n) {
      state.shards[n].terms.forEach(function (entry) {
        var t = entry[0];
        if (t === key || t.length < FUZZY_MIN - 1) return;
        var d = distance(key, t, max);
        if (d > max) return;
        var pages = entry[1].length;
        var top = entry[1].length ? entry[1][0][1] : 0;
        if (!best || d < best.d || (d === best.d && (pages > best.pages ||
            (pages === best.pages && (top > best.top || (top === best.top && t < best.key)))))) {
          best = { key: t, entry: entry, d: d, pages: pages, top: top };
        }
      });
    });
    return best;
  }

  /* The word as the text writes it that gives `key`, from the entry's excerpts, for "Did you
   * mean". */
  function surfaceOf(key, entry) {
    // A word that is the key on its own first, then the part of a compound that is.
    for (var pass = 0; pass < 2; pass++) {
      for (var i = 0; i < entry[1].length; i++) {
        var text = entry[1][i][3];
        var ws = W.words(text);
        for (var j = 0; j < ws.length; j++) {
          var word = text.slice(ws[j][0], ws[j][1]).replace(/['\u2019]s$/i, '');
          var pieces = pass === 0 ? [word] : word.split(/[-\u2010\u2011]/);
          for (var k = 0; k < pieces.length; k++) {
            var forms = W.indexForms(pieces[k]);
            if (forms.length === 1 && forms[0] === key) return pieces[k];
          }
        }
      }
    }
    return key;
  }

  /* ---- ranking ---- */

  /* The query's terms: one per distinct key, with whether it may match as a prefix (not inside
   * a phrase) and the phrases it is in. */
  function queryPlan(parsed) {
    var terms = [];
    var byKey = {};
    parsed.forEach(function (w) {
      if (w.key === null) return;
      var t = byKey[w.key];
      if (!t) {
        t = byKey[w.key] = { key: w.key, text: w.text, prefix: false, loose: false };
        terms.push(t);
      }
      if (w.phrase < 0) t.loose = true;
    });
    terms.forEach(function (t) { t.prefix = t.loose; });
    var phrases = [];
    parsed.forEach(function (w) {
      if (w.phrase < 0 || w.key === null) return;
      (phrases[w.phrase] = phrases[w.phrase] || []).push({ term: terms.indexOf(byKey[w.key]), offset: w.offset });
    });
    return { terms: terms, phrases: phrases.filter(function (p) { return p && p.length > 1; }) };
  }

  function decode(deltas) {
    var out = [];
    var at = 0;
    (deltas || []).forEach(function (d) { at += d; out.push(at); });
    return out;
  }

  /* Whether the document's positions hold the phrase's words one after another. */
  function hasPhrase(f, phrase) {
    var first = f.positions[phrase[0].term] || [];
    return first.some(function (p) {
      return phrase.every(function (w) {
        var at = f.positions[w.term] || [];
        return at.indexOf(p + w.offset - phrase[0].offset) >= 0;
      });
    });
  }

  function passes(row, filters) {
    if (!row) return false;
    if (filters.outlet && row[4] !== filters.outlet) return false;
    if (filters.year && row[5] !== filters.year) return false;
    if (filters.actor >= 0 && (row[6] || []).indexOf(filters.actor) < 0) return false;
    return true;
  }

  function search(plan, base, filters) {
    var terms = plan.terms;
    var budget = { used: {} };
    var exact = terms.map(function (t) { return shardsFor(t.key, false); });
    var all = [];
    exact.forEach(function (ns) { all = all.concat(ns); });
    return loadShards(all, base, budget).then(function () {
      var more = [];
      terms.forEach(function (t) {
        if (t.prefix) more = more.concat(shardsFor(t.key, true));
      });
      return loadShards(more, base, budget);
    }).then(function () {
      var docs = {};
      var found = {};
      var corrections = [];
      var pending = [];
      function entriesFor(t, ns) {
        var list = [];
        var expansions = 0;
        ns.forEach(function (n) {
          var shard = state.shards[n];
          if (!shard) return;
          shard.docs.forEach(function (row) { docs[row[0]] = row; });
          shard.terms.forEach(function (entry) {
            var isExact = entry[0] === t.key;
            if (isExact || (t.prefix && matches(entry[0], t.key) && expansions++ < MAX_EXPANSIONS)) {
              list.push({ entry: entry, weight: isExact ? 1 : PREFIX_WEIGHT, exact: isExact });
            }
          });
        });
        return list;
      }
      var lists = terms.map(function (t) { return entriesFor(t, shardsFor(t.key, t.prefix)); });
      terms.forEach(function (t, i) {
        if (lists[i].length === 0 && t.key.length >= FUZZY_MIN) pending.push(i);
      });
      // A word that matched nothing: its neighbours in the dictionary, the shard before too.
      var around = [];
      pending.forEach(function (i) {
        var n = shardOf(terms[i].key);
        around.push(n);
        if (n > 0) around.push(n - 1);
      });
      return loadShards(around, base, budget).then(function () {
        pending.forEach(function (i) {
          var n = shardOf(terms[i].key);
          var near = nearest(terms[i].key, n > 0 ? [n - 1, n] : [n]);
          if (!near) return;
          var shardNo = state.shards[n] && state.shards[n].terms.indexOf(near.entry) >= 0 ? n : n - 1;
          state.shards[shardNo].docs.forEach(function (row) { docs[row[0]] = row; });
          lists[i] = [{ entry: near.entry, weight: 1, exact: true }];
          corrections.push({ from: terms[i].text, to: surfaceOf(near.key, near.entry), key: near.key, term: i });
        });
        lists.forEach(function (list, i) {
          list.forEach(function (m) {
            m.entry[1].forEach(function (p) {
              if (!passes(docs[p[0]], filters)) return;
              var f = found[p[0]];
              if (!f) {
                f = found[p[0]] = { doc: p[0], scores: terms.map(function () { return 0; }), snippets: [], positions: {} };
              }
              f.scores[i] = Math.max(f.scores[i], p[1] * m.weight);
              f.snippets.push({ anchor: p[2], text: p[3], score: p[1] * m.weight });
              if (m.exact) f.positions[i] = decode(p[4]);
            });
          });
        });
        var all = Object.keys(found).map(function (d) {
          var f = found[d];
          f.matched = f.scores.filter(function (s) { return s > 0; }).length;
          f.score = f.scores.reduce(function (a, b) { return a + b; }, 0);
          return f;
        });
        if (plan.phrases.length) {
          all = all.filter(function (f) { return plan.phrases.every(function (ph) { return hasPhrase(f, ph); }); });
        }
        var every = all.filter(function (f) { return f.matched === terms.length; });
        var partial = every.length === 0 && all.length > 0 && plan.phrases.length === 0;
        var list = partial ? all : every;
        list.sort(function (a, b) {
          return b.matched - a.matched || b.score - a.score || a.doc - b.doc;
        });
        var keys = terms.map(function (t) { return t.key; });
        corrections.forEach(function (c) { keys[c.term] = c.key; });
        return { results: list.slice(0, MAX_RESULTS), total: list.length, partial: partial, docs: docs,
          keys: keys, corrections: corrections };
      });
    });
  }

  /* The excerpt naming the most query terms, then the best scored. */
  function bestSnippet(f, keys) {
    var best = null;
    f.snippets.forEach(function (s) {
      var seen = {};
      W.words(s.text).forEach(function (r) {
        W.indexForms(s.text.slice(r[0], r[1])).forEach(function (form) {
          keys.forEach(function (t) { if (matches(form, t)) seen[t] = true; });
        });
      });
      s.hits = Object.keys(seen).length;
      if (!best || s.hits > best.hits || (s.hits === best.hits && s.score > best.score)) best = s;
    });
    return best;
  }

  /* ---- display: DOM only, never innerHTML from data ---- */

  function highlighted(p, text, keys) {
    var at = 0;
    W.words(text).forEach(function (r) {
      var hit = W.indexForms(text.slice(r[0], r[1])).some(function (form) {
        return keys.some(function (t) { return matches(form, t); });
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

  function resultItem(f, row, keys, base, fuzzy) {
    var kind = row[1];
    var snippet = bestSnippet(f, keys);
    var li = document.createElement('li');
    li.className = 'result result-' + (KINDS[kind] || 'Page').toLowerCase();
    var label = document.createElement('p');
    label.className = 'result-kind';
    label.textContent = (KINDS[kind] || 'Page') + (fuzzy ? ' \u00b7 similar spelling' : '');
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
      highlighted(p, snippet.text, keys);
      li.appendChild(p);
    }
    return li;
  }

  function quoted(q) { return '\u201c' + q + '\u201d'; }

  /* The query with each corrected word replaced by its correction. */
  function corrected(q, corrections) {
    var out = q;
    corrections.forEach(function (c) { out = out.split(c.from).join(c.to); });
    return out;
  }

  /* ---- filters ---- */

  var FILTERS = [
    { name: 'actor', label: 'Actor', any: 'Any actor', list: 'actors' },
    { name: 'outlet', label: 'Outlet', any: 'Any outlet', list: 'outlets' },
    { name: 'year', label: 'Year', any: 'Any year', list: 'years' }
  ];

  /* Adds a <select> per filter the index has values for into #search-filters. */
  function buildFilters(box, m, params) {
    var selects = {};
    FILTERS.forEach(function (spec) {
      var values = m[spec.list] || [];
      if (values.length === 0) return;
      var id = 'filter-' + spec.name;
      var wrap = document.createElement('span');
      wrap.className = 'filter';
      var label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = spec.label;
      var select = document.createElement('select');
      select.id = id;
      select.name = spec.name;
      var any = document.createElement('option');
      any.value = '';
      any.textContent = spec.any;
      select.appendChild(any);
      values.forEach(function (v) {
        var o = document.createElement('option');
        o.value = String(v);
        o.textContent = String(v);
        select.appendChild(o);
      });
      var want = params.get(spec.name);
      if (want !== null && values.map(String).indexOf(want) >= 0) select.value = want;
      wrap.appendChild(label);
      wrap.appendChild(select);
      box.appendChild(wrap);
      selects[spec.name] = select;
    });
    box.hidden = Object.keys(selects).length === 0;
    return selects;
  }

  /* The filters chosen, as numbers the document rows hold. */
  function chosen(selects, m) {
    var f = { actor: -1, outlet: 0, year: 0 };
    if (selects.actor && selects.actor.value) f.actor = m.actors.indexOf(selects.actor.value);
    if (selects.outlet && selects.outlet.value) f.outlet = m.outlets.indexOf(selects.outlet.value) + 1;
    if (selects.year && selects.year.value) f.year = +selects.year.value;
    return f;
  }

  /* ---- page wiring ---- */

  function start() {
    var form = document.getElementById('search-form');
    var input = document.getElementById('q');
    var status = document.getElementById('search-status');
    var suggest = document.getElementById('search-suggest');
    var list = document.getElementById('search-results');
    var box = document.getElementById('search-filters');
    if (!form || !input || !status || !list) return;
    var base = form.getAttribute('data-root') || '';
    var nojs = document.getElementById('search-nojs');
    if (nojs) nojs.hidden = true;
    document.documentElement.classList.add('js');
    var params;
    try { params = new URLSearchParams(location.search); } catch (e) { params = { get: function () { return null; } }; }
    var selects = {};

    var ready = load(base + 'search/manifest.js').then(function () {
      var m = state.manifest;
      if (!m || m.format !== FORMAT || !W || !window.dossierPorter2) throw new Error('search index format');
      W.setStopWords(m.stop);
      if (box) selects = buildFilters(box, m, params);
      Object.keys(selects).forEach(function (name) {
        selects[name].addEventListener('change', function () { run(input.value); });
      });
    });
    var generation = 0;
    var timer = null;

    function setUrl(q) {
      try {
        var parts = [];
        if (q) parts.push('q=' + encodeURIComponent(q));
        Object.keys(selects).forEach(function (name) {
          if (selects[name].value) parts.push(name + '=' + encodeURIComponent(selects[name].value));
        });
        var url = location.pathname + (parts.length ? '?' + parts.join('&') : '') + location.hash;
        history.replaceState(null, '', url);
      } catch (e) { /* some browsers refuse replaceState on file:// */ }
    }

    function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }

    function showSuggestion(q, out) {
      if (!suggest) return;
      clear(suggest);
      suggest.hidden = out.corrections.length === 0;
      if (suggest.hidden) return;
      var better = corrected(q, out.corrections);
      suggest.appendChild(document.createTextNode('Did you mean '));
      var a = document.createElement('a');
      a.href = '?q=' + encodeURIComponent(better);
      a.textContent = better;
      a.addEventListener('click', function (e) {
        e.preventDefault();
        input.value = better;
        run(better);
      });
      suggest.appendChild(a);
      suggest.appendChild(document.createTextNode('?'));
    }

    function show(q, out) {
      clear(list);
      showSuggestion(q, out);
      var n = out.results.length;
      var filtered = Object.keys(selects).some(function (k) { return selects[k].value; });
      if (n === 0) {
        status.textContent = 'No results for ' + quoted(q) + (filtered ? ' with these filters' : '');
        return;
      }
      var text = n + (n === 1 ? ' result' : ' results') + ' for ' + quoted(q);
      if (out.corrections.length) {
        text = n + (n === 1 ? ' result' : ' results') + ' for ' + quoted(corrected(q, out.corrections)) +
          ' (similar spelling: no page has ' + out.corrections.map(function (c) { return quoted(c.from); }).join(', ') + ')';
      }
      if (out.partial) text += ' (no page has every word; showing pages with some)';
      if (filtered) text += ', filtered';
      status.textContent = text;
      var fuzzyKeys = out.corrections.map(function (c) { return c.term; });
      out.results.forEach(function (f) {
        var row = out.docs[f.doc];
        var fuzzy = fuzzyKeys.some(function (i) { return f.scores[i] > 0; });
        if (row) list.appendChild(resultItem(f, row, out.keys, base, fuzzy));
      });
    }

    function run(q) {
      var mine = ++generation;
      q = q.trim();
      setUrl(q);
      if (!q) {
        status.textContent = '';
        if (suggest) { clear(suggest); suggest.hidden = true; }
        clear(list);
        return;
      }
      status.textContent = 'Searching\u2026';
      ready.then(function () {
        var plan = queryPlan(W.parseQuery(q));
        if (plan.terms.length === 0) return { results: [], partial: false, docs: {}, keys: [], corrections: [] };
        return search(plan, base, chosen(selects, state.manifest));
      }).then(function (out) {
        if (mine === generation) show(q, out);
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
    var initial = params.get('q') || '';
    ready.then(function () {
      if (initial) {
        input.value = initial;
        run(initial);
      } else if (Object.keys(selects).some(function (k) { return selects[k].value; })) {
        run('');
      }
    }, function () {
      if (initial) { input.value = initial; run(initial); }
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());
