// agentic.bounded_tsvector(config, a_text, b_text): the search_vector of the tables,
//   setweight(to_tsvector(config, a_text), 'A') || setweight(to_tsvector(config, b_text), 'B')
// when that fits in a tsvector (then the result is that value, byte for byte), and
// otherwise the same of the leading words that fit: a tsvector stores at most MAXSTRPOS
// bytes of lexemes and positions, and PostgreSQL refuses more (54000 "string is too long
// for tsvector"). The a_text words come first; the b_text words fill what is left.
//
// The text is parsed once with PostgreSQL's parser (parsetext) and the vector is built
// with make_tsvector, as to_tsvector does; when the lexemes would overflow, only the
// first words (in text order) are given to make_tsvector, as many as an upper bound of
// their storage allows. Everything here runs inside pgCall: plain C over PostgreSQL
// data, no C++ object alive while PostgreSQL may raise an error.
#include "pg/runtime/boundary.hpp"

extern "C" {
#include "tsearch/ts_type.h"
#include "tsearch/ts_utils.h"
#include "utils/builtins.h"
}

extern "C" {
PG_FUNCTION_INFO_V1(agentic_bounded_tsvector);
}

namespace agentic::pg {
namespace {

constexpr int kPosBytes = static_cast<int>(sizeof(WordEntryPos));
constexpr int kCountBytes = static_cast<int>(sizeof(uint16));

// Upper bound of the storage one lexeme takes: its bytes, an alignment pad, the
// position count and its first position (each further position adds kPosBytes).
int lexemeBound(int len) { return len + 1 + kCountBytes + kPosBytes; }

// The parsed words of one text, in text order (positions never decrease).
ParsedText parse(Oid config, text* document) {
  ParsedText prs;
  const int32 length = static_cast<int32>(VARSIZE_ANY_EXHDR(document));
  prs.lenwords = length / 6;  // as to_tsvector: an estimate of the word count
  if (prs.lenwords < 2) {
    prs.lenwords = 2;
  } else if (static_cast<Size>(prs.lenwords) > MaxAllocSize / sizeof(ParsedWord)) {
    prs.lenwords = static_cast<int32>(MaxAllocSize / sizeof(ParsedWord));
  }
  prs.curwords = 0;
  prs.pos = 0;
  prs.words = static_cast<ParsedWord*>(palloc(sizeof(ParsedWord) * prs.lenwords));
  parsetext(config, &prs, VARDATA_ANY(document), length);
  return prs;
}

// Cheap upper bound of the storage of every word of prs, as if none repeated.
int64 quickBound(const ParsedText& prs) {
  int64 total = 0;
  for (int32 i = 0; i < prs.curwords; i++) total += lexemeBound(prs.words[i].len);
  return total;
}

// make_tsvector's order: lexeme (tsvector order), then position, then text order.
int compareWords(const void* left, const void* right, void* arg) {
  const ParsedWord* words = static_cast<const ParsedWord*>(arg);
  const int32 a = *static_cast<const int32*>(left);
  const int32 b = *static_cast<const int32*>(right);
  const int cmp = tsCompareString(words[a].word, words[a].len, words[b].word, words[b].len, false);
  if (cmp != 0) return cmp;
  if (words[a].pos.pos != words[b].pos.pos) return words[a].pos.pos < words[b].pos.pos ? -1 : 1;
  return a < b ? -1 : (a > b ? 1 : 0);
}

// The exact storage make_tsvector needs for all the words (merged lexemes, distinct
// positions, at most MAXNUMPOS - 1 of them, SHORTALIGNed position vectors), and in
// contribution[i] what word i adds to an upper bound of the storage of any leading
// part of the text that includes it.
int64 analyse(const ParsedText& prs, int64* contribution) {
  const int32 n = prs.curwords;
  if (n == 0) return 0;
  int32* order = static_cast<int32*>(palloc(sizeof(int32) * n));
  for (int32 i = 0; i < n; i++) order[i] = i;
  qsort_arg(order, n, sizeof(int32), compareWords, prs.words);
  int64 exact = 0;
  int32 k = 0;
  while (k < n) {
    const ParsedWord& first = prs.words[order[k]];
    int npos = 1;
    uint16 last = first.pos.pos;
    contribution[order[k]] = lexemeBound(first.len);
    int32 j = k + 1;
    for (; j < n; j++) {
      const ParsedWord& w = prs.words[order[j]];
      if (tsCompareString(first.word, first.len, w.word, w.len, false) != 0) break;
      contribution[order[j]] = 0;
      if (npos < MAXNUMPOS - 1 && last != MAXENTRYPOS - 1 && last != w.pos.pos) {
        npos++;
        last = w.pos.pos;
        contribution[order[j]] = kPosBytes;
      }
    }
    exact = SHORTALIGN(exact + first.len) + kCountBytes + static_cast<int64>(npos) * kPosBytes;
    k = j;
  }
  pfree(order);
  return exact;
}

// How many leading words fit in budget bytes by their contributions.
int32 leadingWords(const int64* contribution, int32 n, int64 budget) {
  int64 used = 0;
  int32 i = 0;
  for (; i < n; i++) {
    if (used + contribution[i] > budget) break;
    used += contribution[i];
  }
  return i;
}

// A copy of prs whose words make_tsvector may consume.
ParsedText copyWords(const ParsedText& prs) {
  ParsedText copy = prs;
  copy.lenwords = prs.curwords < 1 ? 1 : prs.curwords;
  copy.words = static_cast<ParsedWord*>(palloc(sizeof(ParsedWord) * copy.lenwords));
  for (int32 i = 0; i < prs.curwords; i++) {
    copy.words[i] = prs.words[i];
    copy.words[i].word = static_cast<char*>(palloc(prs.words[i].len + 1));
    memcpy(copy.words[i].word, prs.words[i].word, prs.words[i].len);
    copy.words[i].word[prs.words[i].len] = '\0';
  }
  return copy;
}

// Upper bound of the storage of v's lexemes and positions inside a concatenation.
int64 storageBound(TSVector v) {
  int64 total = 0;
  WordEntry* entries = ARRPTR(v);
  for (int32 i = 0; i < v->size; i++) {
    total += entries[i].len + 1 + kCountBytes +
             static_cast<int64>(POSDATALEN(v, &entries[i])) * kPosBytes;
  }
  return total;
}

// How many of src's positions tsvector_concat adds after clen positions ending at last.
int addedPositions(TSVector src, WordEntry* entry, int clen, int last, int maxpos) {
  const int start = clen;
  const int slen = POSDATALEN(src, entry);
  WordEntryPos* pos = POSDATAPTR(src, entry);
  for (int i = 0; i < slen && clen < MAXNUMPOS && (clen == 0 || last != MAXENTRYPOS - 1); i++) {
    last = LIMITPOS(WEP_GETPOS(pos[i]) + maxpos);
    clen++;
  }
  return clen - start;
}

// The storage tsvector_concat(a, b) computes before it checks MAXSTRPOS.
int64 concatStorage(TSVector a, TSVector b) {
  int maxpos = 0;
  WordEntry* ea = ARRPTR(a);
  WordEntry* eb = ARRPTR(b);
  for (int32 i = 0; i < a->size; i++) {
    WordEntryPos* p = POSDATAPTR(a, &ea[i]);
    for (int j = 0; j < POSDATALEN(a, &ea[i]); j++) maxpos = Max(maxpos, WEP_GETPOS(p[j]));
  }
  int64 off = 0;
  int32 i1 = 0;
  int32 i2 = 0;
  auto addB = [&](WordEntry* e, int clen, int last) {
    const int added = addedPositions(b, e, clen, last, maxpos);
    return added;
  };
  while (i1 < a->size || i2 < b->size) {
    int cmp;
    if (i1 == a->size) {
      cmp = 1;
    } else if (i2 == b->size) {
      cmp = -1;
    } else {
      cmp = tsCompareString(STRPTR(a) + ea[i1].pos, ea[i1].len, STRPTR(b) + eb[i2].pos, eb[i2].len,
                            false);
    }
    if (cmp < 0) {
      off += ea[i1].len;
      if (ea[i1].haspos) off = SHORTALIGN(off) + kCountBytes + POSDATALEN(a, &ea[i1]) * kPosBytes;
      i1++;
    } else if (cmp > 0) {
      off += eb[i2].len;
      if (eb[i2].haspos) {
        const int added = addB(&eb[i2], 0, 0);
        if (added > 0) off = SHORTALIGN(off) + kCountBytes + added * kPosBytes;
      }
      i2++;
    } else {
      off += ea[i1].len;
      if (ea[i1].haspos) {
        const int npos = POSDATALEN(a, &ea[i1]);
        off = SHORTALIGN(off) + kCountBytes + npos * kPosBytes;
        if (eb[i2].haspos) {
          const int last = npos > 0 ? WEP_GETPOS(POSDATAPTR(a, &ea[i1])[npos - 1]) : 0;
          off += addB(&eb[i2], npos, last) * kPosBytes;
        }
      } else if (eb[i2].haspos) {
        const int added = addB(&eb[i2], 0, 0);
        if (added > 0) off = SHORTALIGN(off) + kCountBytes + added * kPosBytes;
      }
      i1++;
      i2++;
    }
  }
  return off;
}

TSVector weighted(TSVector v, char weight) {
  return DatumGetTSVector(
      DirectFunctionCall2(tsvector_setweight, PointerGetDatum(v), CharGetDatum(weight)));
}

TSVector concat(TSVector a, TSVector b) {
  return DatumGetTSVector(
      DirectFunctionCall2(tsvector_concat, PointerGetDatum(a), PointerGetDatum(b)));
}

// The vector of prs when it fits in budget bytes, else of its leading words that do.
TSVector boundedVector(ParsedText& prs, int64 budget) {
  if (quickBound(prs) > budget) {
    int64* contribution = static_cast<int64*>(palloc(sizeof(int64) * (prs.curwords + 1)));
    if (analyse(prs, contribution) > budget) {
      prs.curwords = leadingWords(contribution, prs.curwords, budget);
    }
  }
  return make_tsvector(&prs);
}

TSVector boundedSearchVector(Oid config, text* aText, text* bText) {
  ParsedText a = parse(config, aText);
  ParsedText b = parse(config, bText);
  if (quickBound(a) + quickBound(b) <= MAXSTRPOS) {
    // Ordinary text: exactly what the unbounded expression does.
    TSVector va = weighted(make_tsvector(&a), 'A');
    return concat(va, weighted(make_tsvector(&b), 'B'));
  }
  TSVector va = weighted(boundedVector(a, MAXSTRPOS), 'A');
  int64* contribution = static_cast<int64*>(palloc(sizeof(int64) * (b.curwords + 1)));
  if (analyse(b, contribution) <= MAXSTRPOS) {
    ParsedText whole = copyWords(b);
    TSVector vb = weighted(make_tsvector(&whole), 'B');
    if (concatStorage(va, vb) <= MAXSTRPOS) return concat(va, vb);
  }
  b.curwords = leadingWords(contribution, b.curwords, MAXSTRPOS - storageBound(va));
  return concat(va, weighted(make_tsvector(&b), 'B'));
}

Datum boundedTsvectorCall(FunctionCallInfo fcinfo) {
  return pgCall([&] {
    const Oid config = PG_GETARG_OID(0);
    text* aText = PG_GETARG_TEXT_PP(1);
    text* bText = PG_GETARG_TEXT_PP(2);
    return PointerGetDatum(boundedSearchVector(config, aText, bText));
  });
}

}  // namespace
}  // namespace agentic::pg

Datum agentic_bounded_tsvector(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::boundedTsvectorCall(fcinfo); });
}
