#include "pg/workforce/agents.hpp"

#include "pg/runtime/dispatcher.hpp"
#include "pg/runtime/spi.hpp"

#include "core/workforce/agents.hpp"

#include <string>

namespace agentic::pg::agents {
namespace {

std::string idText(std::optional<std::int64_t> id) {
  return id ? std::to_string(*id) : std::string("(null)");
}

// One active agent per job description. Activations of agents for the same
// job serialise on the job row, and the check reads the latest committed state,
// so two racing activations cannot both succeed in any isolation level.
void ensureOnlyActiveAgent(const RowContext& ctx, std::int64_t agentId, std::int64_t jobId) {
  static CachedPlan lockJob{
      "SELECT 1 FROM agentic.job_descriptions WHERE id = $1 FOR NO KEY UPDATE", 1, kOneBigint,
      nullptr};
  static CachedPlan otherActive{
      "SELECT id FROM agentic.agents WHERE job_description_id = $1 AND status = 'active' "
      "AND id <> $2 ORDER BY id LIMIT 1",
      2, kTwoBigints, nullptr};
  Datum args[] = {Int64GetDatum(jobId), Int64GetDatum(agentId)};
  if (spiRun(lockJob, args, nullptr, ReadMode::Statement) == 0) return;  // the FK reports it
  if (spiRun(otherActive, args, nullptr, ReadMode::Latest) == 0) return;
  const TriggerRow& t = ctx.row;
  ctx.reject(core::anotherAgentActive(describeRow(t, t.newRow), jobId, idText(spiInt64(0, 1))));
}

// An agent with active assignments cannot be terminated. New assignments lock
// the agent row FOR SHARE, which this UPDATE's row lock waits for, and the check
// reads the latest committed state, so no assignment slips in during termination.
void ensureNoActiveAssignments(const RowContext& ctx, std::int64_t agentId) {
  static CachedPlan activeAssignments{
      "SELECT id, task_id, status::text, count(*) OVER () FROM agentic.task_assignments "
      "WHERE agent_id = $1 AND status IN ('assigned', 'in_progress') ORDER BY id LIMIT 1",
      1, kOneBigint, nullptr};
  Datum args[] = {Int64GetDatum(agentId)};
  if (spiRun(activeAssignments, args, nullptr, ReadMode::Latest) == 0) return;
  const TriggerRow& t = ctx.row;
  const std::string count = spiText(0, 4);
  const std::string assignment = spiText(0, 1);
  const std::string task = spiText(0, 2);
  const std::string status = spiText(0, 3);
  ctx.reject(core::terminationWithActiveAssignments(describeRow(t, t.oldRow), agentId,
                                                    {count, assignment, task, status}));
}

}  // namespace

void beforeRow(RowContext& ctx) {
  const TriggerRow& t = ctx.row;
  const int statusColumn = ctx.column(kStatus);
  const int jobColumn = ctx.column(kJobDescriptionId);
  const std::string status = rowEnumLabel(t, t.newRow, statusColumn);
  const std::string oldStatus = t.isUpdate ? rowEnumLabel(t, t.oldRow, statusColumn) : "";
  core::AgentWrite write;
  write.isInsert = t.isInsert;
  write.isUpdate = t.isUpdate;
  write.status = status;
  write.oldStatus = oldStatus;
  write.jobChanged = t.isUpdate && columnChanged(t, jobColumn);
  write.agentId = rowInt64(t, t.newRow, ctx.column(kId));
  write.jobId = rowInt64(t, t.newRow, jobColumn);
  const core::AgentChecks checks = core::agentChecks(write);
  if (!checks.onlyActiveAgentOfJob && !checks.noActiveAssignments) return;
  spiConnect();
  if (checks.onlyActiveAgentOfJob) ensureOnlyActiveAgent(ctx, *write.agentId, *write.jobId);
  if (checks.noActiveAssignments) ensureNoActiveAssignments(ctx, *write.agentId);
  spiFinish();
}

}  // namespace agentic::pg::agents
