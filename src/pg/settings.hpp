// Server settings (GUCs) of the extension, defined in _PG_init.
#pragma once

namespace agentic::pg {

// agentic.max_execution_cost: the largest cost one execution_costs row may carry.
extern double maxExecutionCost;
// agentic.max_task_graph_nodes: how many tasks one cycle check may visit.
extern int maxTaskGraphNodes;

}  // namespace agentic::pg
