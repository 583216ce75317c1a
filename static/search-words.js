/* dossier — search words: how a query is cut into words and each word into the key the index
 * is keyed by. Mirrors, rule for rule, src/search/tokenize.rs (words and terms),
 * src/search/spelling.rs (British/American folding) and src/search/stem.rs (keys, stemmed with
 * the Porter2 stemmer of static/porter2.js, loaded before this file): change both sides
 * together; tests/fixtures/search-keys.tsv is the word list both must agree on. Plain script,
 * no modules: it runs from file:// under script-src 'self'. Published as
 * window.dossierSearchWords for static/search.js. */
(function () {
  'use strict';

  var SPECIAL = { 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'đ': 'd', 'ł': 'l', 'ı': 'i',
    'þ': 'th', 'ð': 'd', 'ħ': 'h', 'ŧ': 't', 'ŀ': 'l' };

  var WORD;
  try {
    WORD = new RegExp('^[\\p{Alphabetic}\\p{N}\\u0300-\\u036f\\u00ad]$', 'u');
  } catch (e) {
    WORD = /^[0-9A-Za-z\u00aa-\u02ff\u0300-\u036f\u0370-\u1fff\u3040-\ufaff]$/;
  }

  var porter2 = window.dossierPorter2;
  var stop = {};

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

  function keep(t) { return Array.from(t).length > 1 && !stop[t]; }

  /* ---- British/American spelling, as spelling.rs folds it ---- */

  var IZE_ENDINGS = ['e', 'es', 'ed', 'ing', 'er', 'ers', 'ation', 'ations', 'able'];
  var OUR_ENDINGS = ['', 's', 'ed', 'ing', 'er', 'ers', 'ful', 'fully', 'able', 'ably', 'ite',
    'ites', 'al', 'ally', 'less', 'ist', 'ists', 'ism', 'y', 'ies', 'hood', 'hoods'];
  var LL_ENDINGS = ['', 's', 'ed', 'ing', 'er', 'ers', 'or', 'ors', 'ment', 'ments'];

  function isVowel(c) { return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u'; }
  function hasVowel(s) { return /[aeiou]/.test(s); }
  function endsWith(s, end) { return s.length >= end.length && s.slice(s.length - end.length) === end; }
  function strip(s, end) { return endsWith(s, end) ? s.slice(0, s.length - end.length) : null; }

  /* word = stem + middle + one of endings, longest ending first: [stem, ending] or null. */
  function split(word, middle, endings) {
    var best = null;
    endings.forEach(function (ending) {
      var head = strip(word, ending);
      var stem = head === null ? null : strip(head, middle);
      if (stem !== null && (!best || ending.length > best[1].length)) best = [stem, ending];
    });
    return best;
  }

  function pairs(word, list, minStem) {
    for (var i = 0; i < list.length; i++) {
      var stem = strip(word, list[i][0]);
      if (stem !== null && stem.length >= minStem) return stem + list[i][1];
    }
    return null;
  }

  var RULES = [
    function ize(word) {
      var forms = [['iz', 'is'], ['yz', 'ys']];
      for (var i = 0; i < forms.length; i++) {
        var m = split(word, forms[i][0], IZE_ENDINGS);
        if (m && (m[0].length >= 3 || (forms[i][0] === 'yz' && m[0].length >= 2))) {
          return m[0] + forms[i][1] + m[1];
        }
      }
      return null;
    },
    function our(word) {
      var m = split(word, 'our', OUR_ENDINGS);
      return m && m[0].length >= 2 && hasVowel(m[0]) ? m[0] + 'or' + m[1] : null;
    },
    function tre(word) {
      var ends = ['tre', 'tres', 'bre', 'bres'];
      for (var i = 0; i < ends.length; i++) {
        var stem = strip(word, ends[i]);
        if (stem !== null && stem.length >= 2) {
          return stem + ends[i][0] + 'er' + (endsWith(ends[i], 's') ? 's' : '');
        }
      }
      var forms = [['tred', 'tered'], ['tring', 'tering']];
      for (var j = 0; j < forms.length; j++) {
        var s = strip(word, forms[j][0]);
        if (s === null) continue;
        var last = s.length ? s[s.length - 1] : ' ';
        if (s.length >= 3 && (isVowel(last) || last === 'n')) return s + forms[j][1];
      }
      return null;
    },
    function ogue(word) {
      return pairs(word, [['ogue', 'og'], ['ogues', 'ogs'], ['ogued', 'oged'], ['oguing', 'oging']], 3);
    },
    function ence(word) {
      return pairs(word, [['fence', 'fense'], ['fences', 'fenses'], ['cence', 'cense'], ['cences', 'censes']], 2);
    },
    function ll(word) {
      var m = split(word, 'll', LL_ENDINGS);
      if (!m || m[0].length < 2) return null;
      var vowel = m[0][m[0].length - 1];
      var before = m[0].slice(0, -1);
      return isVowel(vowel) && hasVowel(before) && !isVowel(before[before.length - 1])
        ? m[0] + 'l' + m[1] : null;
    },
    function dgement(word) {
      return pairs(word, [['dgement', 'dgment'], ['dgements', 'dgments']], 0);
    },
    function amme(word) {
      return pairs(word, [['amme', 'am'], ['ammes', 'ams']], 4);
    }
  ];

  function foldSpelling(word) {
    if (word.length < 4 || !/^[a-z]+$/.test(word)) return word;
    for (var i = 0; i < RULES.length; i++) {
      var folded = RULES[i](word);
      if (folded !== null) return folded;
    }
    return word;
  }

  /* ---- keys, as stem.rs makes them ---- */

  function wordKey(word) {
    if (!/^[a-z]+$/.test(word)) return word;
    return porter2.stem(foldSpelling(word));
  }

  function key(term) {
    return term.split('-').map(wordKey).join('-');
  }

  /* The one term a query word stands for (a hyphenated word stays whole), or null. */
  function queryTerm(word) {
    var p = parts(word);
    if (p.length === 0) return null;
    if (p.length === 1) return keep(p[0]) ? p[0] : null;
    return p.join('-');
  }

  /* Every key the index holds for a word: whole, run together, and its parts. */
  function indexForms(word) {
    var p = parts(word);
    if (p.length < 2) return p.map(key);
    return [p.join('-'), p.join('')].concat(p.filter(keep)).map(key);
  }

  var QUOTES = /["\u201c\u201d\u201e\u00ab\u00bb]/;

  /* A query as what it asks for: `words`, each {text, key, phrase, offset}, where `phrase` is
   * the number of the "quoted phrase" the word is in (-1 for none) and `offset` its place in
   * that phrase counting stop words; a stop word or a one-letter word has no key. */
  function parseQuery(q) {
    var out = [];
    var phrase = -1;
    var phrases = 0;
    var inQuote = false;
    var at = 0;
    var offset = 0;
    function take(text) {
      words(text).forEach(function (r) {
        var surface = text.slice(r[0], r[1]);
        var term = queryTerm(surface);
        out.push({ text: surface, key: term === null ? null : key(term), phrase: phrase, offset: offset });
        if (phrase >= 0) offset++;
      });
    }
    for (var i = 0; i <= q.length; i++) {
      if (i < q.length && !QUOTES.test(q[i])) continue;
      take(q.slice(at, i));
      at = i + 1;
      if (i === q.length) break;
      inQuote = !inQuote;
      phrase = inQuote ? phrases++ : -1;
      offset = 0;
    }
    return out;
  }

  window.dossierSearchWords = {
    words: words,
    parseQuery: parseQuery,
    indexForms: indexForms,
    key: key,
    foldSpelling: foldSpelling,
    setStopWords: function (list) { list.forEach(function (w) { stop[w] = true; }); },
    /* The keys a word gives in the index, for the agreement test: as tokenize.rs and
     * stem.rs give them for the same word. */
    indexKeys: function (word) {
      var out = [];
      words(word).forEach(function (r) {
        var p = parts(word.slice(r[0], r[1]));
        var terms = p.length < 2 ? p.filter(keep)
          : [p.join('-'), p.join('')].concat(p.filter(keep));
        terms.forEach(function (t) { out.push(key(t)); });
      });
      return out;
    }
  };
}());
