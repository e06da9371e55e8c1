// The counters a user reads on a conversation (message count, tokens, last
// message time), kept by statement triggers on messages in the same transaction.
// Each statement adds its net change per conversation; writers to one conversation
// serialise on its row (in READ COMMITTED the second adds on top of the first, in
// REPEATABLE READ it fails with 40001), so the counters are exact.
#include "pg/runtime/maintained_columns.hpp"
#include "pg/runtime/restore_mode.hpp"
#include "pg/runtime/rows.hpp"
#include "pg/runtime/spi.hpp"

extern "C" {
PG_FUNCTION_INFO_V1(agentic_message_counts_changes);
}

namespace agentic::pg {
namespace {

// First the statement's conversations are locked, in id order; then, with a
// snapshot taken after the lock (so every earlier writer's messages are seen), the
// statement's net change is added and the last message time recomputed.
#define AGENTIC_LOCK(rows)                                                            \
  "SELECT c.id FROM agentic.conversations c WHERE c.id IN (SELECT r.conversation_id " \
  "FROM " rows " r) ORDER BY c.id FOR NO KEY UPDATE OF c"
#define AGENTIC_APPLY(delta)                                                          \
  "UPDATE agentic.conversations c SET message_count = c.message_count + d.messages, " \
  "input_tokens = c.input_tokens + d.input_tokens, "                                  \
  "output_tokens = c.output_tokens + d.output_tokens, "                               \
  "last_message_at = (SELECT max(m.created_at) FROM agentic.messages m "              \
  "WHERE m.user_id = c.user_id AND m.conversation_id = c.id) "                        \
  "FROM (" delta ") d WHERE c.id = d.conversation_id"

CachedPlan lockNew{AGENTIC_LOCK("agentic_new_rows"), 0, kNoArgs, nullptr};
CachedPlan lockOld{AGENTIC_LOCK("agentic_old_rows"), 0, kNoArgs, nullptr};
CachedPlan insertPlan{AGENTIC_APPLY("SELECT n.conversation_id, count(*)::integer AS messages, "
                                    "sum(n.input_tokens)::bigint AS input_tokens, "
                                    "sum(n.output_tokens)::bigint AS output_tokens "
                                    "FROM agentic_new_rows n GROUP BY n.conversation_id"),
                      0, kNoArgs, nullptr};
// An update that changes no token count and no creation time (a status, an edit of
// the text) leaves the conversation alone.
CachedPlan updatePlan{
    AGENTIC_APPLY("SELECT n.conversation_id, 0 AS messages, "
                  "sum(n.input_tokens - o.input_tokens)::bigint AS input_tokens, "
                  "sum(n.output_tokens - o.output_tokens)::bigint AS output_tokens "
                  "FROM agentic_new_rows n JOIN agentic_old_rows o ON o.id = n.id "
                  "GROUP BY n.conversation_id "
                  "HAVING sum(n.input_tokens - o.input_tokens) <> 0 "
                  "OR sum(n.output_tokens - o.output_tokens) <> 0 "
                  "OR bool_or(n.created_at IS DISTINCT FROM o.created_at)"),
    0, kNoArgs, nullptr};
// One message appended (the usual statement): no separate lock, no recount. The
// UPDATE waits for a concurrent writer of the row and then, in READ COMMITTED,
// adds to the row as that writer left it (PostgreSQL re-reads it), so the counts
// stay exact and the last message time is the later of the two.
CachedPlan appendOnePlan{
    "UPDATE agentic.conversations c SET message_count = c.message_count + 1, "
    "input_tokens = c.input_tokens + n.input_tokens, "
    "output_tokens = c.output_tokens + n.output_tokens, "
    "last_message_at = GREATEST(c.last_message_at, n.created_at) "
    "FROM agentic_new_rows n WHERE c.id = n.conversation_id",
    0, kNoArgs, nullptr};
CachedPlan deletePlan{AGENTIC_APPLY("SELECT o.conversation_id, -count(*)::integer AS messages, "
                                    "-sum(o.input_tokens)::bigint AS input_tokens, "
                                    "-sum(o.output_tokens)::bigint AS output_tokens "
                                    "FROM agentic_old_rows o GROUP BY o.conversation_id"),
                      0, kNoArgs, nullptr};
#undef AGENTIC_APPLY
#undef AGENTIC_LOCK
CachedPlan truncatePlan{
    "UPDATE agentic.conversations SET message_count = 0, input_tokens = 0, output_tokens = 0, "
    "last_message_at = NULL WHERE message_count <> 0 OR last_message_at IS NOT NULL",
    0, kNoArgs, nullptr};

Datum messageCountsChanges(FunctionCallInfo fcinfo) {
  const TriggerRow t =
      TriggerRow::fromCall(fcinfo, "message_counts_changes", TriggerKind::AfterStatement);
  TriggerData* data = t.data;
  // Restoring a dump: the dump carries the counters as they were.
  if (restoringDump()) return PointerGetDatum(nullptr);
  if (TRIGGER_FIRED_BY_TRUNCATE(data->tg_event)) {
    spiConnect();
    runAsOwner(data->tg_relation->rd_rel->relowner, [&] {
      asMaintenanceWrite([&] { spiRun(truncatePlan, nullptr, nullptr, ReadMode::Statement); });
    });
    spiFinish();
    return PointerGetDatum(nullptr);
  }
  const std::int64_t rows = tuplestore_tuple_count(t.transitionRows("message_counts_changes"));
  if (rows == 0) return PointerGetDatum(nullptr);
  if (t.isInsert && rows == 1) {
    spiConnect();
    runOnTransitionTablesAsOwner(data, [&] {
      asMaintenanceWrite([&] { spiRun(appendOnePlan, nullptr, nullptr, ReadMode::Statement); });
    });
    spiFinish();
    return PointerGetDatum(nullptr);
  }
  // Several rows may touch several conversations: they are locked in id order first.
  CachedPlan& lock = t.isDelete ? lockOld : lockNew;
  CachedPlan& plan = t.isInsert ? insertPlan : t.isUpdate ? updatePlan : deletePlan;
  spiConnect();
  runOnTransitionTablesAsOwner(data, [&] {
    spiRun(lock, nullptr, nullptr, ReadMode::Statement);
    asMaintenanceWrite([&] { spiRun(plan, nullptr, nullptr, ReadMode::Latest); });
  });
  spiFinish();
  return PointerGetDatum(nullptr);
}

}  // namespace
}  // namespace agentic::pg

Datum agentic_message_counts_changes(PG_FUNCTION_ARGS) {
  return agentic::pg::guarded([&] { return agentic::pg::messageCountsChanges(fcinfo); });
}
