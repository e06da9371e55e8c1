// Module entry: the magic block and the server settings.
#include "postgres_headers.hpp"
#include "settings.hpp"

extern "C" {
PG_MODULE_MAGIC;
void _PG_init(void);
}

namespace agentic::pg {
double maxExecutionCost = 1000.0;
int maxTaskGraphNodes = 1000000;
}  // namespace agentic::pg

void _PG_init(void) {
  DefineCustomRealVariable(
      "agentic.max_execution_cost",
      "Largest cost a single agentic.execution_costs row may carry.",
      "Costs above it are rejected as implausible (check_violation). Set per database or role "
      "with ALTER DATABASE/ROLE ... SET.",
      &agentic::pg::maxExecutionCost, 1000.0, 1e-6, 1e15, PGC_SUSET, 0, nullptr, nullptr, nullptr);
  DefineCustomIntVariable(
      "agentic.max_task_graph_nodes",
      "How many tasks one task-graph cycle check may visit before giving up.",
      "A check that reaches the limit rejects the change (program_limit_exceeded) rather than "
      "accept an unchecked edge.",
      &agentic::pg::maxTaskGraphNodes, 1000000, 10, INT_MAX, PGC_SUSET, 0, nullptr, nullptr,
      nullptr);
  MarkGUCPrefixReserved("agentic");
}
