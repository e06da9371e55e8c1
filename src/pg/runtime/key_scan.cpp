#include "pg/runtime/key_scan.hpp"

extern "C" {
#include "access/nbtree.h"
#include "access/relscan.h"
#include "catalog/pg_am.h"
#include "access/tableam.h"
#include "nodes/primnodes.h"
#include "utils/relcache.h"
#include "access/xact.h"
#include "executor/tuptable.h"
#include "utils/snapmgr.h"
#include "utils/fmgroids.h"
}

namespace agentic::pg {
namespace {

// The index each (table, column) reads through, found once per backend and again
// after the table's definition changes.
struct ChosenIndex {
  Oid relid;
  AttrNumber column;
  Oid index;
};
constexpr int kMaxChosen = 16;
ChosenIndex chosen[kMaxChosen];
int chosenCount = 0;

void forgetChosen(Datum, Oid relid) {
  for (int i = 0; i < chosenCount;) {
    if (relid == InvalidOid || chosen[i].relid == relid)
      chosen[i] = chosen[--chosenCount];
    else
      ++i;
  }
}

// Whether a partial index holds every row a lookup of a key of `column` can find:
// its predicate is `column IS NOT NULL` (the key is never NULL), as for the index of an
// optional foreign key.
bool coversEveryKey(Relation index, AttrNumber column) {
  List* predicate = RelationGetIndexPredicate(index);
  if (list_length(predicate) != 1 || !IsA(linitial(predicate), NullTest)) return false;
  const auto* test = static_cast<const NullTest*>(linitial(predicate));
  return test->nulltesttype == IS_NOT_NULL && test->arg != nullptr && IsA(test->arg, Var) &&
         reinterpret_cast<const Var*>(test->arg)->varattno == column;
}

// A valid btree index of `rel` whose first column is `column` and that holds every
// row with a key (no predicate, or `column IS NOT NULL`), the narrowest such one.
Oid leadingIndex(Relation rel, AttrNumber column) {
  Oid best = InvalidOid;
  int bestWidth = 0;
  List* indexes = RelationGetIndexList(rel);
  ListCell* cell;
  foreach (cell, indexes) {
    const Oid indexOid = lfirst_oid(cell);
    Relation index = index_open(indexOid, AccessShareLock);
    const Form_pg_index form = index->rd_index;
    const bool fits = form->indisvalid && index->rd_rel->relam == BTREE_AM_OID &&
                      form->indnatts > 0 && form->indkey.values[0] == column &&
                      (heap_attisnull(index->rd_indextuple, Anum_pg_index_indpred, nullptr) ||
                       coversEveryKey(index, column));
    if (fits && (best == InvalidOid || form->indnatts < bestWidth)) {
      best = indexOid;
      bestWidth = form->indnatts;
    }
    index_close(index, AccessShareLock);
  }
  list_free(indexes);
  return best;
}

Oid indexFor(Relation rel, AttrNumber column) {
  const Oid relid = RelationGetRelid(rel);
  for (int i = 0; i < chosenCount; ++i) {
    if (chosen[i].relid == relid && chosen[i].column == column) return chosen[i].index;
  }
  const Oid index = leadingIndex(rel, column);
  if (!OidIsValid(index))
    elog(ERROR, "table \"%s\" has no btree index leading with column %d",
         RelationGetRelationName(rel), column);
  if (chosenCount < kMaxChosen) chosen[chosenCount++] = ChosenIndex{relid, column, index};
  return index;
}

}  // namespace

void scanByKey(Oid relid, AttrNumber keyColumn, std::int64_t key, Snapshot snapshot,
               KeyScanVisitor visit, void* state) {
  Relation rel = table_open(relid, AccessShareLock);
  Relation index = index_open(indexFor(rel, keyColumn), AccessShareLock);
  ScanKeyData scanKey;
  ScanKeyInit(&scanKey, 1, BTEqualStrategyNumber, F_INT8EQ, Int64GetDatum(key));
  TupleTableSlot* slot = table_slot_create(rel, nullptr);
  IndexScanDesc scan = index_beginscan(rel, index, snapshot, 1, 0);
  index_rescan(scan, &scanKey, 1, nullptr, 0);
  while (index_getnext_slot(scan, ForwardScanDirection, slot)) visit(slot, state);
  index_endscan(scan);
  ExecDropSingleTupleTableSlot(slot);
  index_close(index, AccessShareLock);
  table_close(rel, AccessShareLock);
}

namespace {

void rememberTid(TupleTableSlot* row, void* state) {
  auto* tid = static_cast<ItemPointerData*>(state);
  if (!ItemPointerIsValid(tid)) *tid = row->tts_tid;
}

}  // namespace

TupleTableSlot* lockRowByKey(Oid relid, AttrNumber keyColumn, std::int64_t key,
                             LockTupleMode mode) {
  // As a query run from the trigger: the statement's own changes are visible.
  CommandCounterIncrement();
  Snapshot snapshot = RegisterSnapshot(GetTransactionSnapshot());
  ItemPointerData tid;
  ItemPointerSetInvalid(&tid);
  Relation rel = table_open(relid, RowShareLock);
  scanByKey(relid, keyColumn, key, snapshot, rememberTid, &tid);
  TupleTableSlot* locked = nullptr;
  if (ItemPointerIsValid(&tid)) {
    locked = table_slot_create(rel, nullptr);
    TM_FailureData failure;
    const uint8 flags = IsolationUsesXactSnapshot() ? 0 : TUPLE_LOCK_FLAG_FIND_LAST_VERSION;
    const TM_Result result =
        table_tuple_lock(rel, &tid, snapshot, locked, GetCurrentCommandId(false), mode,
                         LockWaitBlock, flags, &failure);
    switch (result) {
      case TM_Ok:
        break;  // locked: the latest version in READ COMMITTED
      case TM_Updated:
      case TM_Deleted:
        if (IsolationUsesXactSnapshot())
          ereport(ERROR, (errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
                          errmsg("could not serialize access due to concurrent update")));
        if (result == TM_Updated) elog(ERROR, "unexpected table_tuple_lock status: %u", result);
        ExecDropSingleTupleTableSlot(locked);  // deleted: no row
        locked = nullptr;
        break;
      case TM_SelfModified:  // changed by this very command: treated as gone, as ExecLockRows does
        ExecDropSingleTupleTableSlot(locked);
        locked = nullptr;
        break;
      default:
        elog(ERROR, "unexpected table_tuple_lock status: %u", result);
    }
  }
  table_close(rel, NoLock);
  UnregisterSnapshot(snapshot);
  return locked;
}

void registerKeyScanInvalidation() { CacheRegisterRelcacheCallback(forgetChosen, Datum(0)); }

}  // namespace agentic::pg
