// Server settings (GUCs) of the extension, defined in _PG_init.
#pragma once

namespace agentic::pg {

// agentic.max_execution_cost: the largest cost one execution_costs row may carry.
extern double maxExecutionCost;
// agentic.max_task_graph_nodes: how many tasks one cycle check may visit.
extern int maxTaskGraphNodes;

// agentic.rollup_compact_every: after this many ledger-changing statements a
// backend compacts agentic.daily_cost_rollup (0: never; compact by hand).
extern int rollupCompactEvery;

// Sign-in (identity): bcrypt work factor of new password hashes; the shortest
// password; failures in a row that lock an account; the first lockout's length
// and the longest one (each lockout doubles); lockouts after which the account
// stays locked until an admin unlocks it (0: never).
extern int passwordWorkFactor;
extern int minPasswordLength;
extern int maxFailedLogins;
extern int lockoutSeconds;
extern int lockoutMaxSeconds;
extern int permanentLockoutAfter;
// Sessions: idle timeout, absolute lifetime, and how often resolving one writes
// its last activity; API keys: how often a verification writes last_used_at.
extern int sessionIdleSeconds;
extern int sessionMaxSeconds;
extern int sessionTouchSeconds;
extern int apiKeyTouchSeconds;

// agentic.inject_fault: makes every native entry point fail in a chosen way, so
// that tests can prove each kind of failure becomes a clean PostgreSQL error.
enum class InjectedFault : int { None, CppException, BadAlloc, PostgresError };
extern int injectFault;

}  // namespace agentic::pg
