// Search client for pathways sites. Reads the static index under <root>search/ (built by the
// `search` module of pathways) with plain fetches: the manifest first, then only the shards the
// query's words fall in, then one small record per result shown. No framework, no server.
//
// It never stems: it looks typed words up in the index's vocabulary (word -> stem), which is
// also how prefixes ("decomp" while typing) and one-letter typos ("decompresion") are found.
// Its tokenising rules must match src/search/text.rs; tests/e2e/search-engine.test.mjs checks
// them against the built index.
(function (global) {
  'use strict';

  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  var MAX_WORD = 40;
  // Word weights by how the word was found; the typed word itself counts most.
  var EXACT = 1, GLOSSARY = 0.8, PREFIX = 0.7, TYPO = 0.6, STRIPPED = 0.5;
  var TITLE = 0x80, HEADING = 0x40, TF = 0x3f;
  var SUFFIXES = ['ations', 'ation', 'ings', 'ing', 'ions', 'ion', 'ments', 'ment', 'ness', 'ies', 'es', 'ed', 'ly', 's'];

  function chars(w) { return Array.from(w).length; }

  /** Index words of `text`: lowercased, 2 to 40 letters or digits, not stop words. */
  function tokenize(text, stop) {
    var out = [];
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      var n = chars(m[0]);
      if (n < 2 || n > MAX_WORD) continue;
      var w = m[0].toLowerCase();
      if (!stop || !stop.has(w)) out.push(w);
    }
    return out;
  }

  /** True when a and b differ by at most one insertion, deletion, substitution or swap. */
  function withinOneEdit(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  function varint(b, st) {
    var v = 0, mul = 1, x;
    do {
      x = b[st.pos++];
      if (x === undefined) throw new Error('truncated search shard');
      v += (x & 0x7f) * mul;
      mul *= 128;
    } while (x >= 0x80);
    return v;
  }

  /** Decodes a shard (format in src/search/shard.rs): sorted words with stems, and postings. */
  function decodeShard(buffer) {
    var b = new Uint8Array(buffer);
    var st = { pos: 0 };
    var dec = new TextDecoder();
    var n = varint(b, st);
    var raw = [], prev = new Uint8Array(0);
    for (var i = 0; i < n; i++) {
      var shared = varint(b, st), len = varint(b, st);
      var w = new Uint8Array(shared + len);
      w.set(prev.subarray(0, shared));
      w.set(b.subarray(st.pos, st.pos + len), shared);
      st.pos += len;
      raw.push([w, varint(b, st)]);
      prev = w;
    }
    var ns = varint(b, st);
    var stems = [], postings = new Map();
    for (var j = 0; j < ns; j++) {
      var sl = varint(b, st);
      var stem = dec.decode(b.subarray(st.pos, st.pos + sl));
      st.pos += sl;
      var docs = varint(b, st), plen = varint(b, st);
      postings.set(stem, { df: docs, bytes: b.subarray(st.pos, st.pos + plen), list: null });
      st.pos += plen;
      stems.push(stem);
    }
    var words = raw.map(function (r) { return [dec.decode(r[0]), stems[r[1]]]; });
    return { words: words, postings: postings };
  }

  /** A stem's postings as parallel arrays of document numbers and weight bytes. */
  function postingList(entry) {
    if (entry.list) return entry.list;
    var docs = new Uint32Array(entry.df), weights = new Uint8Array(entry.df);
    var st = { pos: 0 }, doc = 0;
    for (var i = 0; i < entry.df; i++) {
      doc += varint(entry.bytes, st);
      docs[i] = doc;
      weights[i] = entry.bytes[st.pos++];
    }
    entry.list = { docs: docs, weights: weights };
    return entry.list;
  }

  /** First index in sorted `words` whose word is >= w. */
  function lowerBound(words, w) {
    var lo = 0, hi = words.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (words[mid][0] < w) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /**
   * The search engine over one site's index. `load(path)` fetches a file below search/:
   * `load(path, 'json')` resolves to parsed JSON, otherwise to an ArrayBuffer.
   */
  function Engine(load) {
    this.load = load;
    this.shards = new Map();
    this.records = new Map();
    this.ready = Promise.all([load('manifest.json', 'json'), load('filters.json', 'json')]).then((function (r) {
      var m = r[0];
      if (m.format !== 1) throw new Error('unknown search index format ' + m.format);
      this.manifest = m;
      this.stop = new Set(m.stop);
      this.filters = r[1];
      this.conditionIndex = {};
      r[1].condition.values.forEach((function (v, i) { this.conditionIndex[v[0]] = i; }).bind(this));
      this.docFacets = {};
      for (var name in r[1]) {
        this.docFacets[name] = r[1][name].docs.split(' ').map(function (d) {
          return d === '' ? [] : d.split(',').map(function (x) { return parseInt(x, 36); });
        });
      }
    }).bind(this));
  }

  Engine.prototype.shardIndex = function (word) {
    var s = this.manifest.shards, lo = 0, hi = s.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (s[mid][0] <= word) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  Engine.prototype.shard = function (i) {
    if (!this.shards.has(i)) {
      var p = this.load('s/' + this.manifest.shards[i][1]).then(decodeShard);
      this.shards.set(i, p);
      p.catch((function () { this.shards.delete(i); }).bind(this));
    }
    return this.shards.get(i);
  };

  /** Shards a prefix may continue into (at most three). */
  Engine.prototype.prefixShards = function (p) {
    var s = this.manifest.shards, i = this.shardIndex(p), out = [i];
    while (i + 1 < s.length && s[i + 1][0].startsWith(p) && out.length < 3) out.push(++i);
    return out;
  };

  /**
   * Ways to read one typed word: [{terms: [[stem, shard]], w, via, word}]. `open` means the
   * person may still be typing it, so completions count.
   */
  Engine.prototype.wordAlternatives = async function (word, open) {
    var home = this.shardIndex(word);
    var alts = [], seen = new Set();
    function add(stem, shard, w, via, spelled) {
      if (seen.has(stem)) return;
      seen.add(stem);
      alts.push({ terms: [[stem, shard]], w: w, via: via, word: spelled });
    }
    var shard = await this.shard(home);
    var k = lowerBound(shard.words, word);
    var exact = k < shard.words.length && shard.words[k][0] === word;
    if (exact) add(shard.words[k][1], home, EXACT, 'exact', word);
    if (open && chars(word) >= 2) {
      var found = [];
      var list = this.prefixShards(word);
      for (var si = 0; si < list.length; si++) {
        var sh = await this.shard(list[si]);
        for (var j = lowerBound(sh.words, word); j < sh.words.length && sh.words[j][0].startsWith(word); j++) {
          found.push([sh.postings.get(sh.words[j][1]).df, sh.words[j], list[si]]);
        }
      }
      found.sort(function (a, b) { return b[0] - a[0] || (a[1][0] < b[1][0] ? -1 : 1); });
      found.slice(0, 12).forEach(function (f) { add(f[1][1], f[2], PREFIX, 'prefix', f[1][0]); });
    }
    if (!exact && chars(word) >= 5) {
      // A near-miss can sort just across a shard boundary: look at the neighbours that share
      // the word's first three letters too.
      var near = [home], head = word.slice(0, 3), firsts = this.manifest.shards;
      if (home + 1 < firsts.length && firsts[home + 1][0].startsWith(head)) near.push(home + 1);
      if (home > 0 && firsts[home][0].startsWith(head)) near.push(home - 1);
      for (var ni = 0; ni < near.length; ni++) {
        (await this.shard(near[ni])).words.forEach(function (e) {
          if (e[0] !== word && withinOneEdit(word, e[0])) add(e[1], near[ni], TYPO, 'typo', e[0]);
        });
      }
      if (!alts.length) {
        for (var x = 0; x < SUFFIXES.length; x++) {
          var suf = SUFFIXES[x];
          if (!word.endsWith(suf) || chars(word) - suf.length < 3) continue;
          var base = word.slice(0, word.length - suf.length);
          var bi = this.shardIndex(base), bs = await this.shard(bi);
          for (var y = lowerBound(bs.words, base); y < bs.words.length && bs.words[y][0].startsWith(base) && alts.length < 6; y++) {
            add(bs.words[y][1], bi, STRIPPED, 'typo', bs.words[y][0]);
          }
          if (alts.length) break;
        }
      }
    }
    return alts;
  };

  /** Glossary phrases matched at position i of the typed words: [{group, length}], longest first. */
  Engine.prototype.glossaryAt = function (tokens, alts, i, open) {
    var best = null;
    var groups = this.manifest.glossary;
    for (var g = 0; g < groups.length; g++) {
      var phrases = groups[g].p;
      for (var p = 0; p < phrases.length; p++) {
        var ph = phrases[p];
        var n = 0;
        while (n < ph.length && i + n < tokens.length) {
          var t = tokens[i + n], pw = ph[n];
          var last = i + n === tokens.length - 1;
          var ok = t === pw[0] || alts[i + n].some(function (a) { return a.via === 'exact' && a.terms[0][0] === pw[1]; }) ||
            (last && open && n >= 1 && pw[0].startsWith(t));
          if (!ok) break;
          n++;
        }
        var whole = n === ph.length;
        var partial = n >= 2 && i + n === tokens.length && open;
        if ((whole || partial) && (!best || n > best.length)) best = { group: g, length: n };
      }
    }
    return best;
  };

  /** Turns a query into clauses: every clause must match; each has alternative term sets. */
  Engine.prototype.plan = async function (q) {
    await this.ready;
    var self = this;
    var open = !/\s$/.test(q);
    var tokens = tokenize(q, this.stop);
    var alts = await Promise.all(tokens.map(function (t, i) {
      return self.wordAlternatives(t, open && i === tokens.length - 1);
    }));
    var clauses = [];
    for (var i = 0; i < tokens.length;) {
      var gm = this.glossaryAt(tokens, alts, i, open);
      if (gm) {
        var group = this.manifest.glossary[gm.group];
        var span = alts.slice(i, i + gm.length);
        var clause = { label: tokens.slice(i, i + gm.length).join(' '), alts: [], condition: group.c };
        // The words as typed still count fully, whatever the glossary adds.
        if (gm.length === 1) {
          clause.alts = span[0].slice();
        } else if (span.every(function (a) { return a.length && a[0].via === 'exact'; })) {
          clause.alts.push({ terms: span.map(function (a) { return a[0].terms[0]; }), w: EXACT, via: 'exact', word: clause.label });
        }
        group.p.forEach(function (ph) {
          if (ph.every(function (pw) { return pw[2] >= 0; })) {
            clause.alts.push({ terms: ph.map(function (pw) { return [pw[1], pw[2]]; }), w: GLOSSARY, via: 'glossary', word: ph.map(function (pw) { return pw[0]; }).join(' ') });
          }
        });
        clauses.push(clause);
        i += gm.length;
      } else {
        clauses.push({ label: tokens[i], alts: alts[i], condition: -1 });
        i++;
      }
    }
    // Load every shard the alternatives need (glossary phrases can name other shards).
    var need = new Set();
    clauses.forEach(function (c) { c.alts.forEach(function (a) { a.terms.forEach(function (t) { need.add(t[1]); }); }); });
    await Promise.all(Array.from(need).map(function (s) { return self.shard(s); }));
    return { query: q, clauses: clauses };
  };

  /** Scores every document against a plan. Returns the matches and what was matched. */
  Engine.prototype.score = async function (plan) {
    var N = this.manifest.docs, self = this;
    var n = plan.clauses.length;
    var cover = new Uint8Array(N), total = new Float64Array(N);
    var titleAll = new Uint8Array(N).fill(1), headAll = new Uint8Array(N).fill(1);
    var stems = new Set(), corrected = [];
    var condDocs = this.docFacets.condition;
    for (var ci = 0; ci < n; ci++) {
      var c = plan.clauses[ci];
      var best = new Float64Array(N), flags = new Uint8Array(N);
      for (var ai = 0; ai < c.alts.length; ai++) {
        var a = c.alts[ai];
        var acc = new Float64Array(N), cnt = new Uint8Array(N), fl = new Uint8Array(N).fill(3);
        var usable = true;
        for (var ti = 0; ti < a.terms.length; ti++) {
          var sh = await self.shard(a.terms[ti][1]);
          var entry = sh.postings.get(a.terms[ti][0]);
          if (!entry) { usable = false; break; }
          var pl = postingList(entry), idf = Math.log(1 + N / entry.df);
          for (var k = 0; k < pl.docs.length; k++) {
            var d = pl.docs[k], wt = pl.weights[k];
            var field = wt & TITLE ? 4 : wt & HEADING ? 2 : 1;
            acc[d] += idf * field * (1 + Math.log2(Math.max(1, wt & TF)));
            cnt[d]++;
            fl[d] &= (wt & TITLE ? 3 : wt & HEADING ? 2 : 0);
          }
        }
        if (!usable) continue;
        var used = false;
        for (var dd = 0; dd < N; dd++) {
          if (cnt[dd] !== a.terms.length) continue;
          var s = a.w * acc[dd] / a.terms.length;
          if (s > best[dd]) { best[dd] = s; flags[dd] = fl[dd]; }
          used = true;
        }
        if (used) {
          a.terms.forEach(function (t) { stems.add(t[0]); });
          if (a.via === 'typo') corrected.push(a.word);
        }
      }
      if (c.condition >= 0) {
        // Documents tagged with the condition match it even where the text never names it.
        for (var dc = 0; dc < N; dc++) {
          if (condDocs[dc].indexOf(c.condition) >= 0 && best[dc] < GLOSSARY) best[dc] = Math.max(best[dc], GLOSSARY);
        }
      }
      for (var di = 0; di < N; di++) {
        if (best[di] > 0) {
          cover[di]++;
          total[di] += best[di];
          if (!(flags[di] & 1)) titleAll[di] = 0;
          if (!(flags[di] & 2)) headAll[di] = 0;
        } else {
          titleAll[di] = 0;
          headAll[di] = 0;
        }
      }
    }
    // Every word must match; if no document has them all, show those missing just one.
    var need = n;
    if (n > 1 && !cover.some(function (x) { return x === n; })) need = n - 1;
    var matches = [];
    if (n > 0) {
      for (var m = 0; m < N; m++) {
        if (cover[m] >= need) {
          matches.push({ doc: m, cover: cover[m], tier: cover[m] === n ? titleAll[m] * 2 + (headAll[m] && !titleAll[m] ? 1 : 0) : 0, score: total[m] });
        }
      }
    }
    // Title matches first, then whole-heading matches, then by score.
    matches.sort(function (x, y) { return y.cover - x.cover || y.tier - x.tier || y.score - x.score || x.doc - y.doc; });
    var words = new Set();
    for (var si of this.shards.keys()) {
      var shard = await this.shards.get(si);
      shard.words.forEach(function (e) { if (stems.has(e[1])) words.add(e[0]); });
    }
    return { matches: matches, words: words, complete: need === n, corrected: Array.from(new Set(corrected)) };
  };

  /** True when document d passes the filters {network, kind, audience, condition}. */
  Engine.prototype.passes = function (d, f) {
    var F = this.filters, D = this.docFacets;
    if (f.network) {
      var net = F.network.values[D.network[d][0]][0];
      if (net !== f.network && (f.network === 'national' || net !== 'national')) return false;
    }
    if (f.kind && F.kind.values[D.kind[d][0]][0] !== f.kind) return false;
    if (f.audience) {
      var aud = F.audience.values[D.audience[d][0]][0];
      if (aud !== f.audience && aud !== 'both') return false;
    }
    if (f.condition) {
      if (this.conditionIndex[f.condition] === undefined || D.condition[d].indexOf(this.conditionIndex[f.condition]) < 0) return false;
    }
    return true;
  };

  /**
   * How many matches each filter value would show, with the other filters as they are. A
   * network counts its own documents and the national ones, as its filter shows both.
   */
  Engine.prototype.counts = function (matches, f) {
    var self = this, out = {};
    ['network', 'kind', 'audience', 'condition'].forEach(function (name) {
      var others = Object.assign({}, f);
      others[name] = '';
      var values = self.filters[name].values, tally = new Array(values.length).fill(0);
      matches.forEach(function (m) {
        if (!self.passes(m.doc, others)) return;
        self.docFacets[name][m.doc].forEach(function (v) { tally[v]++; });
      });
      var byId = {};
      values.forEach(function (v, i) { byId[v[0]] = tally[i]; });
      out[name] = {};
      values.forEach(function (v, i) {
        var c = tally[i];
        if (name === 'network' && v[0] !== 'national') c += byId.national || 0;
        if (name === 'audience' && v[0] !== 'both') c += byId.both || 0;
        out[name][v[0]] = c;
      });
    });
    return out;
  };

  /** Runs a query: ranked matches, the words to highlight, and counts per filter value. */
  Engine.prototype.search = async function (q, filters) {
    var plan = await this.plan(q);
    var r = await this.score(plan);
    var self = this, f = filters || {};
    r.results = r.matches.filter(function (m) { return self.passes(m.doc, f); });
    r.counts = this.counts(r.matches, f);
    r.plan = plan;
    return r;
  };

  Engine.prototype.record = function (d) {
    if (!this.records.has(d)) {
      var p = this.load('d/' + d + '.json?v=' + this.manifest.build, 'json');
      this.records.set(d, p);
      p.catch((function () { this.records.delete(d); }).bind(this));
    }
    return this.records.get(d);
  };

  /** Pieces of `text` as [string, highlighted] pairs. */
  function marks(text, words, prefix) {
    var out = [], last = 0, m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      var w = m[0].toLowerCase();
      if (words.has(w) || (prefix && chars(prefix) >= 2 && w.startsWith(prefix))) {
        if (m.index > last) out.push([text.slice(last, m.index), false]);
        out.push([m[0], true]);
        last = m.index + m[0].length;
      }
    }
    if (last < text.length) out.push([text.slice(last), false]);
    return out;
  }

  function hits(text, words) {
    return marks(text, words, null).filter(function (p) { return p[1]; }).length;
  }

  /** How many different matched words a text has. */
  function distinct(text, words) {
    var seen = new Set();
    marks(text, words, null).forEach(function (p) { if (p[1]) seen.add(p[0].toLowerCase()); });
    return seen.size;
  }

  /** The section a result should land on, and an excerpt of about `size` characters around the first match. */
  function excerpt(record, words, size) {
    var best = null, bestScore = 0;
    record.x.forEach(function (s) {
      // Prefer a heading that matches, then text using more of the query's words, then more often.
      var score = distinct(s[1], words) * 8 + distinct(s[2], words) * 2 + Math.min(hits(s[2], words), 5);
      if (score > bestScore) { best = s; bestScore = score; }
    });
    var anchor = best ? best[0] : '', heading = best ? best[1] : '';
    // A section matched by its heading alone still shows its own opening words.
    var text = best && best[2] ? best[2] : record.m;
    var first = marks(text, words, null).reduce(function (acc, p) {
      if (acc.found) return acc;
      if (p[1]) return { found: true, at: acc.at };
      return { found: false, at: acc.at + p[0].length };
    }, { found: false, at: 0 });
    var start = first.found ? Math.max(0, first.at - Math.floor(size / 3)) : 0;
    if (start > 0) { var sp = text.indexOf(' ', start); start = sp >= 0 && sp < first.at ? sp + 1 : start; }
    var end = Math.min(text.length, start + size);
    if (end < text.length) { var ep = text.lastIndexOf(' ', end); if (ep > start) end = ep; }
    var piece = (start > 0 ? '… ' : '') + text.slice(start, end) + (end < text.length ? ' …' : '');
    return { anchor: anchor, heading: heading, headingPieces: marks(heading, words, null), pieces: marks(piece, words, null) };
  }

  var api = { tokenize: tokenize, withinOneEdit: withinOneEdit, decodeShard: decodeShard, postingList: postingList, excerpt: excerpt, marks: marks, Engine: Engine };
  global.PathwaysSearch = api;

  // ---- The search page ----

  function ui() {
    var form = document.getElementById('search-form');
    if (!form || !global.fetch) return;
    var root = form.getAttribute('data-root') || '/';
    var base = root + 'search/';
    // Each language has its own index (search/<code>/); English is search/ itself.
    var engines = {};
    function engineFor(lang) {
      if (!engines[lang]) {
        var dir = base + (lang ? lang + '/' : '');
        engines[lang] = new Engine(function (path, as) {
          return fetch(dir + path).then(function (r) {
            if (!r.ok) throw new Error(r.status + ' ' + path);
            return as === 'json' ? r.json() : r.arrayBuffer();
          });
        });
      }
      return engines[lang];
    }
    var langSelect = form.querySelector('select[name=lang]');
    function language() { return langSelect ? langSelect.value : ''; }
    var engine = engineFor('');
    global.pathwaysSearchEngine = engine;
    document.documentElement.classList.add('search-js');
    var input = form.querySelector('[name=q]');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    var more = document.getElementById('search-more');
    var widen = document.getElementById('search-widen');
    var selects = Array.prototype.slice.call(form.querySelectorAll('select'));
    var params = new URLSearchParams(location.search);
    input.value = params.get('q') || '';
    selects.forEach(function (s) {
      var v = params.get(s.name) || '';
      if (!Array.prototype.some.call(s.options, function (o) { return o.value === v; })) v = '';
      s.value = v;
      s.setAttribute('data-default', v);
    });
    var seq = 0, shown = 0, last = null, timer = null;
    var PAGE = 10;

    function filters() {
      var f = {};
      selects.forEach(function (s) { f[s.name] = s.value; });
      return f;
    }

    function syncUrl() {
      var p = new URLSearchParams();
      if (input.value) p.set('q', input.value);
      selects.forEach(function (s) { if (s.value) p.set(s.name, s.value); });
      var qs = p.toString();
      history.replaceState(null, '', location.pathname + (qs ? '?' + qs : ''));
    }

    function updateCounts(r) {
      selects.forEach(function (s) {
        if (s.name === 'lang') return;
        Array.prototype.forEach.call(s.options, function (o) {
          if (!o.hasAttribute('data-label')) o.setAttribute('data-label', o.textContent);
          var label = o.getAttribute('data-label');
          var c = o.value && r ? r.counts[s.name][o.value] : null;
          o.textContent = c === null || c === undefined ? label : label + ' (' + c + ')';
        });
      });
    }

    function el(tag, cls, text) {
      var e = document.createElement(tag);
      if (cls) e.className = cls;
      if (text) e.textContent = text;
      return e;
    }

    // In results in another language, the site's own words stay marked as the page's language.
    function english(e) {
      if (list.hasAttribute('lang')) { e.setAttribute('lang', document.documentElement.lang || 'en'); e.setAttribute('dir', 'ltr'); }
      return e;
    }

    async function renderMore(mySeq) {
      var r = last, slice = r.results.slice(shown, shown + PAGE);
      shown += slice.length;
      var recs = await Promise.all(slice.map(function (m) { return r.engine.record(m.doc); }));
      if (mySeq !== seq) return;
      recs.forEach(function (rec) {
        var ex = excerpt(rec, r.words, 220);
        var li = el('li', 'search-result');
        var h = el('h2', 'search-result-title');
        var a = el('a', null, rec.t);
        a.href = root + rec.u + (ex.anchor ? '#' + ex.anchor : '');
        h.appendChild(a);
        li.appendChild(h);
        if (ex.heading) {
          var sec = el('p', 'search-result-section');
          sec.appendChild(english(el('span', null, 'Section: ')));
          ex.headingPieces.forEach(function (piece) {
            sec.appendChild(piece[1] ? el('mark', null, piece[0]) : document.createTextNode(piece[0]));
          });
          li.appendChild(sec);
        }
        var meta = el('p', 'search-result-meta');
        [rec.n, rec.k, 'Version ' + rec.v, rec.s].forEach(function (t, i) {
          if ((i === 2 && !rec.v) || (i === 3 && !rec.s)) return;
          var span = el('span', i === 3 ? 'search-status search-status-' + rec.s : null, t);
          meta.appendChild(span);
        });
        li.appendChild(english(meta));
        var p = el('p', 'search-result-excerpt');
        ex.pieces.forEach(function (piece) {
          p.appendChild(piece[1] ? el('mark', null, piece[0]) : document.createTextNode(piece[0]));
        });
        li.appendChild(p);
        list.appendChild(li);
      });
      more.hidden = shown >= r.results.length;
    }

    function describe(r, q) {
      var n = r.results.length;
      var msg = n === 0 ? 'No results for “' + q + '”' : n + (n === 1 ? ' result' : ' results') + ' for “' + q + '”';
      var f = filters();
      var scope = [];
      if (f.network) scope.push(f.network === 'national' ? 'national documents' : selectedLabel('network', 'data-name') + ' and national documents');
      if (f.kind) scope.push(selectedLabel('kind').toLowerCase());
      if (f.audience) scope.push('for ' + f.audience);
      if (f.condition) scope.push(selectedLabel('condition'));
      if (scope.length) msg += ' in ' + scope.join(', ');
      if (!r.complete) msg += '. No document has every word; showing those that match all but one';
      if (r.corrected.length) msg += '. Including results for ' + r.corrected.slice(0, 3).join(', ');
      return msg + '.';
    }

    function selectedLabel(name, attr) {
      var s = form.querySelector('select[name=' + name + ']');
      var o = s.options[s.selectedIndex];
      return o ? (o.getAttribute(attr || 'data-label') || o.textContent) : '';
    }

    async function run() {
      var q = input.value.trim() ? input.value : '';
      var mySeq = ++seq;
      syncUrl();
      widen.hidden = !filters().network && !filters().audience;
      if (!q) {
        list.textContent = '';
        more.hidden = true;
        status.textContent = '';
        updateCounts(null);
        return;
      }
      try {
        var lang = language(), eng = engineFor(lang);
        var r = await eng.search(q, filters());
        if (mySeq !== seq) return;
        r.engine = eng;
        last = r;
        // Results in a right-to-left language read from the right.
        var opt = langSelect && langSelect.options[langSelect.selectedIndex];
        if (lang) { list.setAttribute('lang', lang); list.setAttribute('dir', (opt && opt.getAttribute('data-dir')) || 'ltr'); }
        else { list.removeAttribute('lang'); list.removeAttribute('dir'); }
        shown = 0;
        list.textContent = '';
        updateCounts(r);
        status.textContent = describe(r, q.trim());
        await renderMore(mySeq);
      } catch (e) {
        if (mySeq !== seq) return;
        status.textContent = 'Search is not available right now (' + e.message + '). Browse the documents from the home page instead.';
      }
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(run, 60);
    });
    selects.forEach(function (s) { s.addEventListener('change', run); });
    form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); run(); });
    more.addEventListener('click', function () { renderMore(seq); });
    widen.addEventListener('click', function () {
      form.querySelector('select[name=network]').value = '';
      form.querySelector('select[name=audience]').value = '';
      run();
      input.focus();
    });
    run();
  }

  if (typeof document !== 'undefined') {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ui);
    else ui();
  }
})(typeof window !== 'undefined' ? window : globalThis);
