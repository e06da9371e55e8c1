// Per-relation caches of structures derived from a table's definition (the planned
// defaults of direct inserts, the audit's row shapes): one entry per relation OID,
// each owning a memory context, marked stale by a relcache callback (which may run
// while an entry is in use, so it only marks) and rebuilt when next needed.
//
// Plain PostgreSQL calls: run them inside pgCall() or from a callback. An Entry is a
// plain struct whose first member is `Oid relid` (the hash key) and that has
// `MemoryContext context` and `bool stale`.
#pragma once

#include "pg/runtime/postgres_headers.hpp"

namespace agentic::pg {

// The entry of `relid` in `*table` (created in `parent` on first use). `*rebuild` is
// true when the entry is new or stale: its old context is then deleted and `context`
// is NULL, for the caller to fill.
template <class Entry>
Entry* relationCacheEntry(HTAB** table, const char* name, MemoryContext parent, Oid relid,
                          bool* rebuild) {
  if (*table == nullptr) {
    HASHCTL ctl;
    MemSet(&ctl, 0, sizeof ctl);
    ctl.keysize = sizeof(Oid);
    ctl.entrysize = sizeof(Entry);
    ctl.hcxt = parent;
    *table = hash_create(name, 16, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
  }
  bool found = false;
  auto* entry = static_cast<Entry*>(hash_search(*table, &relid, HASH_ENTER, &found));
  *rebuild = !found || entry->stale;
  if (*rebuild) {
    if (found && entry->context != nullptr) MemoryContextDelete(entry->context);
    entry->context = nullptr;
    entry->stale = false;
  }
  return entry;
}

// Marks the entry of `relid` (every entry for InvalidOid) stale.
template <class Entry>
void markRelationCacheStale(HTAB* table, Oid relid) {
  if (table == nullptr) return;
  HASH_SEQ_STATUS scan;
  hash_seq_init(&scan, table);
  while (auto* entry = static_cast<Entry*>(hash_seq_search(&scan))) {
    if (relid == InvalidOid || entry->relid == relid) entry->stale = true;
  }
}

}  // namespace agentic::pg
