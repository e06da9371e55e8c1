#include "pg/runtime/direct_insert.hpp"

#include "pg/runtime/relation_cache.hpp"

#include <cstring>

extern "C" {
#include "executor/executor.h"
#include "executor/tuptable.h"
#include "optimizer/optimizer.h"
#include "rewrite/rewriteHandler.h"
}

namespace agentic::pg {

// The defaults of a table's columns the caller does not set, planned once.
struct PlannedDefaults {
  Oid relid;  // hash key
  MemoryContext context;
  bool stale;  // the definition changed: rebuilt when next needed, never freed in use
  int attributeCount;
  ExprState** defaults;  // by attribute number - 1; NULL: set by the caller, or no default
};

struct DirectInsert {
  Relation rel;
  PlannedDefaults* planned;
  EState* estate;
  ResultRelInfo* resultRel;
  TupleTableSlot* slot;
  ExprContext* perRow;
  CommandId command;
};

namespace {

HTAB* plannedDefaults = nullptr;

MemoryContext directContext() {
  static MemoryContext context = nullptr;
  if (context == nullptr)
    context = AllocSetContextCreate(CacheMemoryContext, "agentic_schema direct inserts",
                                    ALLOCSET_SMALL_SIZES);
  return context;
}

bool isSupplied(const char* name, const char* const* supplied, int count) {
  for (int i = 0; i < count; ++i) {
    if (std::strcmp(name, supplied[i]) == 0) return true;
  }
  return false;
}

PlannedDefaults* defaultsOf(Relation rel, const char* const* supplied, int suppliedCount) {
  bool rebuild = false;
  auto* planned =
      relationCacheEntry<PlannedDefaults>(&plannedDefaults, "agentic_schema planned defaults",
                                          directContext(), RelationGetRelid(rel), &rebuild);
  if (!rebuild) return planned;
  MemoryContext context =
      AllocSetContextCreate(directContext(), "agentic_schema defaults", ALLOCSET_SMALL_SIZES);
  MemoryContext previous = MemoryContextSwitchTo(context);
  const TupleDesc desc = RelationGetDescr(rel);
  planned->attributeCount = desc->natts;
  planned->defaults = static_cast<ExprState**>(palloc0(sizeof(ExprState*) * desc->natts));
  for (AttrNumber column = 1; column <= desc->natts; ++column) {
    const Form_pg_attribute a = TupleDescAttr(desc, column - 1);
    if (a->attisdropped || isSupplied(NameStr(a->attname), supplied, suppliedCount)) continue;
    Node* expression = build_column_default(rel, column);
    if (expression == nullptr) continue;
    planned->defaults[column - 1] =
        ExecInitExpr(expression_planner(reinterpret_cast<Expr*>(expression)), nullptr);
  }
  MemoryContextSwitchTo(previous);
  planned->context = context;
  return planned;
}

// A relcache callback, called while anything may be in use: marks only.
void forgetDefaults(Datum, Oid relid) {
  markRelationCacheStale<PlannedDefaults>(plannedDefaults, relid);
}

}  // namespace

bool hasOwnInsertTriggers(Relation rel) {
  const TriggerDesc* triggers = rel->trigdesc;
  if (triggers == nullptr) return false;
  char guard[NAMEDATALEN * 2];
  snprintf(guard, sizeof guard, "%s_restore_guard", RelationGetRelationName(rel));
  for (int i = 0; i < triggers->numtriggers; ++i) {
    const Trigger& t = triggers->triggers[i];
    if (!TRIGGER_FOR_INSERT(t.tgtype) || t.tgenabled == TRIGGER_DISABLED) continue;
    if (std::strcmp(t.tgname, guard) != 0) return true;
  }
  return false;
}

DirectInsert* beginDirectInsert(Relation rel, const char* const* supplied, int suppliedCount) {
  auto* insert = static_cast<DirectInsert*>(palloc0(sizeof(DirectInsert)));
  insert->rel = rel;
  insert->planned = defaultsOf(rel, supplied, suppliedCount);
  insert->estate = CreateExecutorState();
  insert->resultRel = makeNode(ResultRelInfo);
  InitResultRelInfo(insert->resultRel, rel, 1, nullptr, 0);
  ExecOpenIndices(insert->resultRel, false);
  insert->slot = table_slot_create(rel, nullptr);
  insert->perRow = GetPerTupleExprContext(insert->estate);
  insert->command = GetCurrentCommandId(true);
  return insert;
}

TupleTableSlot* nextDirectRow(DirectInsert* insert) {
  const PlannedDefaults& planned = *insert->planned;
  TupleTableSlot* slot = insert->slot;
  ExecClearTuple(slot);
  for (int i = 0; i < planned.attributeCount; ++i) {
    slot->tts_isnull[i] = true;
    slot->tts_values[i] = Datum(0);
    if (planned.defaults[i] != nullptr)
      slot->tts_values[i] =
          ExecEvalExprSwitchContext(planned.defaults[i], insert->perRow, &slot->tts_isnull[i]);
  }
  return slot;
}

MemoryContext directRowMemory(DirectInsert* insert) {
  return insert->perRow->ecxt_per_tuple_memory;
}

void storeDirectRow(DirectInsert* insert) {
  ExecStoreVirtualTuple(insert->slot);
  table_tuple_insert(insert->rel, insert->slot, insert->command, 0, nullptr);
  ExecInsertIndexTuples(insert->resultRel, insert->slot, insert->estate, false, false, nullptr,
                        NIL);
  ResetExprContext(insert->perRow);
}

void endDirectInsert(DirectInsert* insert) {
  ExecDropSingleTupleTableSlot(insert->slot);
  ExecCloseIndices(insert->resultRel);
  FreeExecutorState(insert->estate);
  pfree(insert);
}

void registerDirectInsertInvalidation() { CacheRegisterRelcacheCallback(forgetDefaults, Datum(0)); }

}  // namespace agentic::pg
