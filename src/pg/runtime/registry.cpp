// The rule registry: the one list of the extension's tables and the rules it
// reports. Adding a table or a rule starts here.
#include "pg/runtime/registry.hpp"

#include "pg/costs/execution_costs.hpp"
#include "pg/costs/model_catalog.hpp"
#include "pg/identity/credentials.hpp"
#include "pg/identity/users.hpp"
#include "pg/talk/talk.hpp"
#include "pg/tasks/assignments.hpp"
#include "pg/tasks/task_graph.hpp"
#include "pg/workforce/agents.hpp"
#include "pg/workforce/workflows.hpp"

#include "core/hiring/hiring_statuses.hpp"
#include "core/identity/user_statuses.hpp"
#include "core/talk/talk_statuses.hpp"
#include "core/tasks/task_statuses.hpp"
#include "core/workforce/agent_statuses.hpp"

#include <cstring>

namespace agentic::pg {
namespace {

using core::countOf;

constexpr unsigned kWrite = kOnInsert | kOnUpdate;
// A rule a function raises, not a trigger: rules() lists it with no events.
constexpr unsigned kByFunction = 0;
constexpr unsigned kRowRules = kIdImmutable | kUpdatedAt;

// ---- generic rules (the id is "<table>" + this suffix) --------------------------

constexpr const char* kIdColumn[] = {"id"};
constexpr const char* kStatusColumn[] = {"status"};
constexpr RuleSpec kIdImmutableRule{"_id_immutable",
                                    "",
                                    "23514",
                                    kOnUpdate,
                                    columnList(kIdColumn),
                                    "Insert a new row instead.",
                                    "A row's id never changes."};
constexpr RuleSpec kStatusTransitionRule{
    "_status_transition",
    "",
    "23514",
    kOnUpdate,
    columnList(kStatusColumn),
    "agentic.status_transitions() lists every legal transition.",
    "Status changes follow the table's status machine; entering a state stamps its column, and "
    "a column only some states stamp is NULL in the others (since 1.3 a statement that gives it "
    "there is refused)."};

// ---- workforce -----------------------------------------------------------------

constexpr const char* kAgentActivation[] = {"id", "status", "job_description_id"};
constexpr const char* kAgentTermination[] = {"id", "status"};
constexpr RuleSpec kAgentRules[] = {
    {"agents_one_active_per_job", "", "23505", kWrite, columnList(kAgentActivation),
     "Suspend or terminate agent {} first.",
     "A job description has at most one active agent; racing activations serialise on the job.",
     Timing::Before, kFirstVersion, false, "id of the active agent"},
    {"agents_no_termination_with_active_assignments", "", "23514", kOnUpdate,
     columnList(kAgentTermination), "Complete, fail or cancel its assignments first.",
     "An agent with assigned or in-progress assignments cannot be terminated."},
};

constexpr const char* kWorkflowVersion[] = {"version", "definition"};
constexpr RuleSpec kWorkflowRules[] = {
    {"workflows_version_maintained", "", "23514", kWrite, columnList(kWorkflowVersion),
     "Leave version out: it starts at 1 and goes up by one with each change of the definition.",
     "A workflow's version follows its definition and is never typed in.", Timing::Before, "1.5"},
};

// ---- tasks ---------------------------------------------------------------------

constexpr const char* kAssignmentTarget[] = {"task_id", "agent_id"};
constexpr const char* kAssignmentAgent[] = {"agent_id", "status"};
constexpr const char* kAssignmentTask[] = {"task_id", "status"};
constexpr RuleSpec kAssignmentRules[] = {
    {"task_assignments_task_agent_immutable", "", "23514", kOnUpdate, columnList(kAssignmentTarget),
     "Cancel it and create a new assignment.", "An assignment keeps its task and its agent."},
    {"task_assignments_agent_active", "", "23514", kWrite, columnList(kAssignmentAgent),
     "Only active agents take or start assignments.",
     "A new or starting assignment needs an active agent."},
    {"task_assignments_task_accepts_work", "", "23514", kWrite, columnList(kAssignmentTask),
     "Only pending, assigned, in_progress or failed tasks take assignments. Import a task's "
     "history while it is open, its ended assignments in one statement.",
     "A new assignment (active or, since 1.3, already ended) or a starting one needs a task that "
     "still accepts work, so that the task follows it."},
};

constexpr const char* kGraphHint =
    "An arrow means \"cannot finish before\": a parent before its subtasks, a task before the "
    "tasks it depends on.";
constexpr const char* kGraphLimitHint = "Raise agentic.max_task_graph_nodes.";
constexpr const char* kGraphDescription = "Parents and dependencies never form a cycle.";
constexpr const char* kGraphLimitDescription =
    "The cycle check gives up beyond agentic.max_task_graph_nodes reachable tasks.";
// The cycle check runs AFTER the row change; the triggers on tasks skip rows
// without a parent (WHEN), since those cannot close a cycle.
constexpr const char* kTaskStatus[] = {"status"};
constexpr RuleSpec kTaskRules[] = {
    {"tasks_follow_active_assignments", "", "23514", kOnUpdate, columnList(kTaskStatus),
     "Complete, fail or cancel its assigned and in-progress assignments first; the task follows "
     "them.",
     "A task with active assignments changes status only as they do.", Timing::Before, "1.3"},
    {"task_graph_acyclic", "", "23514", kWrite, columnList(task_graph::kTaskColumns), kGraphHint,
     kGraphDescription, Timing::After, kFirstVersion, true},
    {"task_graph_acyclic", "size_limit", "54000", kWrite, columnList(task_graph::kTaskColumns),
     kGraphLimitHint, kGraphLimitDescription, Timing::After, kFirstVersion, true},
};
constexpr RuleSpec kDependencyRules[] = {
    {"task_graph_acyclic", "", "23514", kWrite, columnList(task_graph::kDependencyColumns),
     kGraphHint, kGraphDescription, Timing::After},
    {"task_graph_acyclic", "size_limit", "54000", kWrite,
     columnList(task_graph::kDependencyColumns), kGraphLimitHint, kGraphLimitDescription,
     Timing::After},
};

// ---- talk ----------------------------------------------------------------------

constexpr const char* kMessageIdentity[] = {"conversation_id", "role", "parent_id", "created_at"};
constexpr const char* kCreatedAt[] = {"created_at"};
constexpr const char* kMessageConversation[] = {"conversation_id"};
constexpr RuleSpec kConversationRules[] = {
    {"conversations_counters_maintained", "", "42501", kWrite,
     columnList(talk::kConversationColumns),
     "Leave them out: the message rules count every message as it is written.",
     "message_count, input_tokens, output_tokens and last_message_at are derived from the "
     "conversation's messages and never typed in.",
     Timing::Before, "1.5"},
};
constexpr RuleSpec kMessageRules[] = {
    {"messages_identity_immutable", "", "23514", kOnUpdate, columnList(kMessageIdentity),
     "Write a new message instead (an edit is a sibling: a new message with the same parent).",
     "A message keeps its conversation, its role, its parent (so the tree never gets a cycle) and "
     "its creation time.",
     Timing::Before, "1.5"},
    {"messages_conversation_active", "", "23514", kOnInsert, columnList(kMessageConversation),
     "Set the conversation's status to active first.",
     "An archived conversation takes no new message.", Timing::Before, "1.5"},
    {"messages_created_at_not_future", "", "23514", kWrite, columnList(kCreatedAt),
     "Leave created_at out, or give a time that has come; the server allows 5 minutes of clock "
     "skew.",
     "A message's created_at is not later than the server's clock plus 5 minutes.", Timing::Before,
     "1.5"},
};

// ---- costs ---------------------------------------------------------------------

constexpr const char* kTokens[] = {"input_tokens", "output_tokens", "cached_input_tokens"};
constexpr const char* kLedgerLinks[] = {"user_id", "conversation_id", "message_id"};
constexpr const char* kAttribution[] = {"agent_id", "task_id", "user_id", "conversation_id"};
constexpr const char* kCachedTokens[] = {"input_tokens", "cached_input_tokens"};
constexpr const char* kOccurredAt[] = {"occurred_at"};
constexpr const char* kCost[] = {"cost"};
constexpr const char* kCostDerivation[] = {
    "cost", "input_tokens", "output_tokens", "cached_input_tokens", "model_id", "occurred_at"};
constexpr const char* kDerivedClaim[] = {"cost",
                                         "cost_source",
                                         "input_tokens",
                                         "output_tokens",
                                         "cached_input_tokens",
                                         "input_price_per_mtok",
                                         "output_price_per_mtok",
                                         "cached_input_price_per_mtok"};
constexpr const char* kDerivedPrice[] = {"cost_source",
                                         "model_id",
                                         "occurred_at",
                                         "price_effective_from",
                                         "input_price_per_mtok",
                                         "output_price_per_mtok",
                                         "cached_input_price_per_mtok"};
constexpr RuleSpec kCostRules[] = {
    {"execution_costs_tokens_non_negative", "", "23514", kWrite, columnList(kTokens), "",
     "Token counts are not negative."},
    {"execution_costs_cached_within_input", "", "23514", kWrite, columnList(kCachedTokens), "",
     "Cached input tokens are part of the input tokens."},
    {"execution_costs_cost_finite", "", "23514", kWrite, columnList(kCost), "",
     "A cost is a finite number."},
    {"execution_costs_occurred_at_not_future", "", "23514", kWrite, columnList(kOccurredAt),
     "Record a cost once it has happened; the server allows 5 minutes of clock skew.",
     "A cost's occurred_at is not later than the server's clock plus 5 minutes.", Timing::Before,
     "1.3"},
    {"execution_costs_cost_positive", "", "23514", kWrite, columnList(kCost), "",
     "A cost is greater than zero; a derived cost may be exactly zero when the model's price in "
     "effect charges nothing for the row's tokens (since 1.3)."},
    {"execution_costs_cost_ceiling", "", "23514", kWrite, columnList(kCost),
     "A superuser can raise agentic.max_execution_cost.",
     "A cost is at most agentic.max_execution_cost."},
    {"execution_costs_cost_ceiling", "derived_out_of_range", "23514", kWrite,
     columnList(kCostDerivation), "", "A derived cost fits the exact arithmetic."},
    {"execution_costs_cost_derivable", "", "23514", kWrite, columnList(kCostDerivation),
     "Give the cost, or a model_id whose price covers occurred_at.",
     "A NULL cost is derived from the tokens and the model's price in effect at occurred_at."},
    {"execution_costs_derived_cost_matches", "", "23514", kOnInsert, columnList(kDerivedClaim), "",
     "A row that arrives as derived costs exactly its tokens times its recorded prices."},
    {"execution_costs_derived_price_in_effect", "", "23514", kOnInsert, columnList(kDerivedPrice),
     "", "A row that arrives as derived records the model's price in effect at occurred_at."},
    {"execution_costs_attributed", "", "23514", kOnInsert, columnList(kAttribution),
     "Give an agent_id, task_id, user_id or conversation_id.",
     "A new cost is charged to an agent, a task, a user or a conversation (a CHECK until 1.4; "
     "since 1.5 a rule on INSERT, so that deleting a user keeps its costs).",
     Timing::Before, "1.5"},
    {"execution_costs_user_of_acting_user", "", "42501", kWrite, columnList(kLedgerLinks),
     "Charge a user's costs while acting for that user (or as an admin, or as the service).",
     "A cost charged to a user is written, changed or moved by that user, an admin user or the "
     "service.",
     Timing::Before, "1.5"},
    {"execution_costs_message_in_conversation", "", "23514", kWrite, columnList(kLedgerLinks),
     "Give the message's conversation_id too.",
     "A cost names a message only together with the message's conversation.", Timing::Before,
     "1.5"},
    {"execution_costs_conversation_of_acting_user", "", "42501", kWrite, columnList(kLedgerLinks),
     "Charge a conversation while acting for its user (or as an admin, or as the service).",
     "A cost is charged to a conversation by its user, an admin user or the service.",
     Timing::Before, "1.5"},
};

constexpr const char* kPriceStart[] = {"price_effective_from"};
constexpr RuleSpec kModelRules[] = {
    {"model_catalog_price_history_forward", "", "23514", kOnUpdate, columnList(kPriceStart),
     "Price history only grows forward; give the new price a later price_effective_from.",
     "A model's price_effective_from never moves backwards; a later one archives the price."},
    {"model_catalog_price_change_after_costs", "", "23514", kOnUpdate,
     columnList(model_catalog::kColumns),
     "Give the new price a price_effective_from later than the latest cost recorded at the "
     "current price; to re-price those costs, delete them and insert them again after the change.",
     "A new price (or a new start of the current one) takes effect only after every cost that "
     "recorded the current price.",
     Timing::Before, "1.3"},
};

// ---- identity ------------------------------------------------------------------

constexpr const char* kTimeZone[] = {"time_zone"};
constexpr const char* kPrivilegedColumns[] = {"user_group", "database_role", "status"};
constexpr const char* kSignInColumns[] = {"failed_login_count", "lockout_count", "locked_until",
                                          "last_login_at", "last_failed_login_at"};
constexpr RuleSpec kUserRules[] = {
    {"users_time_zone_known", "", "23514", kWrite, columnList(kTimeZone),
     "Use an IANA time zone name such as UTC or Europe/Berlin (pg_timezone_names lists them).",
     "A user's time zone is one the server knows by name.", Timing::Before, "1.5"},
    {"users_sign_in_columns_maintained", "", "42501", kWrite, columnList(kSignInColumns),
     "agentic.authenticate() keeps them; unlock a user by resetting them or by setting status "
     "from locked to active.",
     "failed_login_count, lockout_count, locked_until, last_login_at and last_failed_login_at "
     "are written by agentic.authenticate(); a client may only reset the counts and the lockout.",
     Timing::Before, "1.5"},
    // Raised by the identity functions, not by a trigger (no events).
    {"users_password_policy", "", "22023", kByFunction, kNoColumns,
     "A password has agentic.min_password_length characters or more, at most 72 bytes, and not "
     "only white space.",
     "set_password() refuses passwords bcrypt cannot keep whole, too short or blank passwords.",
     Timing::Before, "1.5"},
    {"users_acting_user_scope", "", "42501", kByFunction, kNoColumns,
     "Act for that user, as an admin user, or from the application acting for nobody.",
     "The sign-in functions act for the acting user only, or for anyone when an admin user or "
     "the service calls them.",
     Timing::Before, "1.5"},
    {"users_acting_user_trusted", "", "42501", kByFunction, kNoColumns,
     "Call set_current_user() from the application's role.",
     "A database role mapped to a user acts as that user only.", Timing::Before, "1.5"},
    {"users_acting_user_exists", "", "23503", kByFunction, kNoColumns, "",
     "set_current_user() names an existing user.", Timing::Before, "1.5"},
    {"users_acting_user_active", "", "28000", kByFunction, kNoColumns, "", "Only active users act.",
     Timing::Before, "1.5"},
    {"users_privileged_columns", "", "42501", kWrite, columnList(kPrivilegedColumns),
     "Ask an admin user, or the application acting for nobody.",
     "Who is an admin (user_group), which database role is a user (database_role) and a "
     "user's status are set by an acting admin user or the service only.",
     Timing::Before, "1.5"},
};

constexpr const char* kSessionIdentity[] = {"user_id", "token_digest", "created_at", "not_after"};
constexpr const char* kRevokedAt[] = {"revoked_at"};
constexpr const char* kExpiresAt[] = {"expires_at"};
constexpr const char* kLastSeenAt[] = {"last_seen_at"};
constexpr const char* kLastUsedAt[] = {"last_used_at"};
constexpr const char* kKeyGrant[] = {"scopes", "expires_at"};
constexpr RuleSpec kSessionRules[] = {
    {"user_sessions_identity_immutable", "", "23514", kOnUpdate, columnList(kSessionIdentity),
     "End the session and start a new one.",
     "A session keeps its user, token, start and absolute end.", Timing::Before, "1.5"},
    {"user_sessions_revocation_final", "", "23514", kOnUpdate, columnList(kRevokedAt),
     "Start a new session.", "An ended session stays ended.", Timing::Before, "1.5"},
    {"user_sessions_issued_by_functions", "", "42501", kOnInsert, columnList(kSessionIdentity),
     "Call agentic.start_session().",
     "Sessions are started by agentic.start_session() (a superuser may import them).",
     Timing::Before, "1.5"},
    {"user_sessions_token_format", "", "22023", kByFunction, kNoColumns,
     "Check the value for a typo; it is not looked up.",
     "A session token is ags_ and 46 letters and digits whose last 6 are its checksum.",
     Timing::Before, "1.5"},
    {"user_sessions_session_valid", "", "28000", kByFunction, kNoColumns, "Sign in again.",
     "resolve_session() answers only for a live session of an active user.", Timing::Before, "1.5"},
    {"user_sessions_user_may_sign_in", "", "28000", kByFunction, kNoColumns, "",
     "start_session() starts sessions for active users who are not locked out.", Timing::Before,
     "1.5"},
    {"user_sessions_purge_age", "", "22023", kByFunction, kNoColumns, "",
     "purge_sessions() takes an age of 0 or more.", Timing::Before, "1.5"},
    {"user_sessions_activity_maintained", "", "42501", kOnUpdate, columnList(kLastSeenAt),
     "Leave last_seen_at out: resolve_session() records it.",
     "A session's last activity is recorded by resolve_session() only.", Timing::Before, "1.5"},
    {"user_sessions_expiry_maintained", "", "42501", kOnUpdate, columnList(kExpiresAt),
     "End the session instead, or move its expiry earlier.",
     "A client may bring a session's expiry forward; only resolving it slides it later.",
     Timing::Before, "1.5"},
};
constexpr const char* kKeyIdentity[] = {"user_id",   "key_prefix", "key_digest",
                                        "key_last4", "created_at", "rotated_from_id"};
constexpr RuleSpec kKeyRules[] = {
    {"user_api_keys_identity_immutable", "", "23514", kOnUpdate, columnList(kKeyIdentity),
     "Create or rotate a key instead.",
     "A key keeps its user, prefix, digest, last characters, creation time and predecessor.",
     Timing::Before, "1.5"},
    {"user_api_keys_revocation_final", "", "23514", kOnUpdate, columnList(kRevokedAt),
     "Create a new key.", "A revoked key stays revoked.", Timing::Before, "1.5"},
    {"user_api_keys_issued_by_functions", "", "42501", kOnInsert, columnList(kKeyIdentity),
     "Call agentic.create_api_key().",
     "Keys are created by agentic.create_api_key() and rotate_api_key() (a superuser may import "
     "them).",
     Timing::Before, "1.5"},
    {"user_api_keys_key_format", "", "22023", kByFunction, kNoColumns,
     "Check the value for a typo; it is not looked up.",
     "An API key is agk_ and 46 letters and digits whose last 6 are its checksum.", Timing::Before,
     "1.5"},
    {"user_api_keys_key_valid", "", "28000", kByFunction, kNoColumns, "",
     "verify_api_key() answers only for a live key of an active user.", Timing::Before, "1.5"},
    {"user_api_keys_key_exists", "", "22023", kByFunction, kNoColumns, "",
     "revoke_api_key() and rotate_api_key() name an existing key.", Timing::Before, "1.5"},
    {"user_api_keys_rotation_live", "", "22023", kByFunction, kNoColumns,
     "Create a new key, or rotate the key's successor.",
     "rotate_api_key() replaces a live key that was not rotated before.", Timing::Before, "1.5"},
    {"user_api_keys_rotation_grace", "", "22023", kByFunction, kNoColumns,
     "Give '0' to end the old key at once.", "A rotation's grace period is not negative.",
     Timing::Before, "1.5"},
    {"user_api_keys_activity_maintained", "", "42501", kOnUpdate, columnList(kLastUsedAt),
     "Leave last_used_at out: verify_api_key() records it.",
     "A key's last use is recorded by verify_api_key() only.", Timing::Before, "1.5"},
    {"user_api_keys_grant_narrows", "", "42501", kOnUpdate, columnList(kKeyGrant),
     "Create a new key for more scopes or a later expiry.",
     "A key's scopes may only shrink and its expiry only move earlier.", Timing::Before, "1.5"},
};

// ---- the tables ----------------------------------------------------------------

template <std::size_t N>
constexpr TableSpec table(const char* name, const char* domain, Access access,
                          const core::StatusMachine* machine, unsigned generic, ColumnList columns,
                          RowHandler before, RowHandler after, const RuleSpec (&rules)[N]) {
  return TableSpec{name, domain, access, machine, generic, columns, before, after, rules, N};
}
constexpr TableSpec table(const char* name, const char* domain, Access access,
                          const core::StatusMachine* machine, unsigned generic) {
  return TableSpec{name,       domain,  access,  machine, generic,
                   kNoColumns, nullptr, nullptr, nullptr, 0};
}

// What the task roll-up (task_assignments' AFTER handler) needs to see.
constexpr const char* kRollupColumns[] = {"status", "task_id"};

// The triggers each table has today (versions/): the events below are the
// ones they fire on, and check_rules() holds the catalog to them.
constexpr TableSpec kTables[] = {
    // hiring
    table("job_descriptions", "hiring", Access::Client, &core::kJobMachine, kRowRules),
    table("resumes", "hiring", Access::Client, nullptr, kRowRules),
    table("job_applications", "hiring", Access::Client, &core::kApplicationMachine, kRowRules)
        .beforeTrigger(kRowBeforeWrite, kWrite, "1.3"),
    table("resume_prompts", "hiring", Access::Client, nullptr, kRowRules),
    // identity
    table("users", "identity", Access::Client, &core::kUserMachine, kRowRules,
          columnList(users::kColumns, users::kColumnTypes), users::beforeRow, nullptr, kUserRules)
        .createdIn("1.5")
        .beforeTrigger("users_before_write", kWrite),
    table("user_credentials", "identity", Access::Secret, nullptr, kRowRules).createdIn("1.5"),
    table("user_sessions", "identity", Access::Client, nullptr, kRowRules,
          columnList(credentials::kSessionColumns, credentials::kSessionColumnTypes),
          credentials::beforeSessionRow, nullptr, kSessionRules)
        .createdIn("1.5")
        .beforeTrigger("user_sessions_before_write", kWrite),
    table("user_api_keys", "identity", Access::Client, nullptr, kRowRules,
          columnList(credentials::kKeyColumns, credentials::kKeyColumnTypes),
          credentials::beforeKeyRow, nullptr, kKeyRules)
        .createdIn("1.5")
        .beforeTrigger("user_api_keys_before_write", kWrite),
    // workforce
    table("agents", "workforce", Access::Client, &core::kAgentMachine, kRowRules,
          columnList(agents::kColumns, agents::kColumnTypes), agents::beforeRow, nullptr,
          kAgentRules)
        .beforeTrigger("agents_before_write", kWrite),
    table("user_agents", "workforce", Access::Client, nullptr, kRowRules).createdIn("1.5"),
    table("workflows", "workforce", Access::Client, nullptr, kRowRules,
          columnList(workflows::kColumns, workflows::kColumnTypes), workflows::beforeRow, nullptr,
          kWorkflowRules)
        .createdIn("1.5")
        .beforeTrigger("workflows_before_write", kWrite),
    table("user_workflows", "workforce", Access::Client, nullptr, kRowRules).createdIn("1.5"),
    table("tools", "workforce", Access::AdminWrites, nullptr, kRowRules).createdIn("1.5"),
    // tasks
    table("tasks", "tasks", Access::Client, &core::kTaskMachine, kRowRules,
          columnList(task_graph::kTaskColumns, task_graph::kTaskColumnTypes),
          assignments::beforeTaskRow, task_graph::afterTaskRow, kTaskRules)
        .beforeTrigger(kRowBeforeWrite, kWrite, "1.3")
        .afterTrigger("task_graph_check")
        .afterWhenClauses("((new.parent_task_id IS NOT NULL))",
                          "(((new.parent_task_id IS NOT NULL) AND (new.parent_task_id IS DISTINCT "
                          "FROM old.parent_task_id)))"),
    table("task_dependencies", "tasks", Access::Client, nullptr, kIdImmutable,
          columnList(task_graph::kDependencyColumns, task_graph::kDependencyColumnTypes), nullptr,
          task_graph::afterDependencyRow, kDependencyRules)
        .afterTrigger("task_graph_check"),
    table("task_assignments", "tasks", Access::Client, &core::kAssignmentMachine, kRowRules,
          columnList(assignments::kColumns, assignments::kColumnTypes), assignments::beforeRow,
          assignments::afterRow, kAssignmentRules)
        .beforeTrigger("task_assignments_before_write", kWrite)
        .afterTrigger("task_assignments_after_write", kWrite | kOnDelete,
                      columnList(kRollupColumns)),
    table("task_prompts", "tasks", Access::Client, nullptr, kRowRules),
    // talk
    table("conversations", "talk", Access::Client, &core::kConversationMachine, kRowRules,
          columnList(talk::kConversationColumns, talk::kConversationColumnTypes),
          talk::beforeConversationRow, nullptr, kConversationRules)
        .createdIn("1.5")
        .beforeTrigger("conversations_before_write", kWrite),
    table("messages", "talk", Access::Client, &core::kMessageMachine, kRowRules,
          columnList(talk::kMessageColumns, talk::kMessageColumnTypes), talk::beforeMessageRow,
          nullptr, kMessageRules)
        .createdIn("1.5")
        .beforeTrigger("messages_before_write", kWrite)
        .statementTrigger("message_counts_changes", kWrite | kOnDelete | kOnTruncate, "1.5"),
    // costs
    table("model_catalog", "costs", Access::AdminWrites, nullptr, kRowRules,
          columnList(model_catalog::kColumns, model_catalog::kColumnTypes),
          model_catalog::beforeRow, nullptr, kModelRules)
        .beforeTrigger("model_catalog_before_write", kOnUpdate),
    table("model_price_history", "costs", Access::TriggerMaintained, nullptr, kIdImmutable)
        .auditedExcept(kOnInsert),
    table("execution_costs", "costs", Access::Client, nullptr, kIdImmutable,
          columnList(execution_costs::kColumns, execution_costs::kColumnTypes,
                     execution_costs::kColumnsSince),
          execution_costs::beforeRow, nullptr, kCostRules)
        .beforeTrigger("execution_costs_before_write", kWrite)
        .auditedExcept(kOnInsert)
        .statementTrigger("cost_rollup_changes", kWrite | kOnDelete | kOnTruncate, "1.1"),
    table("daily_cost_rollup", "costs", Access::TriggerMaintained, nullptr, kIdImmutable)
        .createdIn("1.1")
        .genericRulesSince("1.2")
        .auditedExcept(kAudited),
    // audit
    table("audit_logs", "audit", Access::TriggerMaintainedAdminReads, nullptr, kIdImmutable)
        .genericRulesSince("1.2")
        .auditedExcept(kAudited),
};

// The trigger functions (dispatcher.cpp, audit_trail.cpp, cost_rollup.cpp,
// restore_mode.cpp).
constexpr TriggerFunctionSpec kTriggerFunctions[] = {
    {kRowBeforeWrite, Timing::Before, true, kWrite},
    {"agents_before_write", Timing::Before, true, kWrite},
    {"users_before_write", Timing::Before, true, kWrite},
    {"user_sessions_before_write", Timing::Before, true, kWrite},
    {"user_api_keys_before_write", Timing::Before, true, kWrite},
    {"workflows_before_write", Timing::Before, true, kWrite},
    {"conversations_before_write", Timing::Before, true, kWrite},
    {"messages_before_write", Timing::Before, true, kWrite},
    {"task_assignments_before_write", Timing::Before, true, kWrite},
    {"execution_costs_before_write", Timing::Before, true, kWrite},
    {"model_catalog_before_write", Timing::Before, true, kWrite},
    {"task_assignments_after_write", Timing::After, true, kWrite | kOnDelete},
    {"task_graph_check", Timing::After, true, kWrite},
    {kAuditFunction, Timing::After, false, kAudited, true},
    {"cost_rollup_changes", Timing::After, false, kWrite | kOnDelete | kOnTruncate, true},
    {"message_counts_changes", Timing::After, false, kWrite | kOnDelete | kOnTruncate, true},
    {kRestoreGuardFunction, Timing::Before, false, kOnInsert},
};

constexpr bool versionsValid() {
  for (const TableSpec& t : kTables) {
    if (!core::isVersion(t.since) || !core::isVersion(t.genericSince)) return false;
    if (core::compareVersions(*core::parseVersion(t.genericSince), *core::parseVersion(t.since)) <
        0)
      return false;
    const core::Version table = *core::parseVersion(t.since);
    for (std::size_t r = 0; r < t.ruleCount; ++r) {
      if (!core::isVersion(t.rules[r].since)) return false;
      if (core::compareVersions(*core::parseVersion(t.rules[r].since), table) < 0) return false;
    }
    for (std::size_t i = 0; i < t.columns.count; ++i) {
      if (t.columns.since == nullptr) continue;
      if (!core::isVersion(t.columns.since[i])) return false;
      if (core::compareVersions(*core::parseVersion(t.columns.since[i]), table) < 0) return false;
    }
  }
  return true;
}
static_assert(versionsValid(), "every since of the registry is a version, none before its table");

constexpr bool triggerFunctionsMatchHandlers() {
  for (const TableSpec& t : kTables) {
    if ((t.afterFunction != nullptr) != (t.after != nullptr)) return false;
    if (t.beforeFunction == nullptr) return false;
  }
  return true;
}
static_assert(triggerFunctionsMatchHandlers(),
              "a table has an AFTER trigger function exactly when it has an AFTER handler");

constexpr bool columnsFit() {
  for (const TableSpec& t : kTables) {
    if (t.columns.count > static_cast<std::size_t>(kMaxTableColumns)) return false;
    if (t.columns.count > 0 && t.columns.types == nullptr) return false;
  }
  return true;
}
static_assert(columnsFit(),
              "a table declares more columns than a dispatcher slot holds, or a column without "
              "its type");

// grant_access() gives clients every other function of the schema; the read level
// not those that write.
constexpr const char* kAdminOnlyFunctions[] = {"grant_access", "revoke_access"};
constexpr const char* kWriteFunctions[] = {"set_password",    "authenticate",   "start_session",
                                           "resolve_session", "end_session",    "end_all_sessions",
                                           "purge_sessions",  "create_api_key", "verify_api_key",
                                           "revoke_api_key",  "rotate_api_key", "set_current_user"};

bool sameRule(const RuleSpec& rule, const core::Violation& v) {
  return v.ruleId == rule.id && v.variant == rule.variant;
}

bool isGeneric(const RuleSpec& rule, std::string_view tableName, const core::Violation& v) {
  const std::string_view suffix(rule.id);
  return v.variant.empty() && v.ruleId.size() == tableName.size() + suffix.size() &&
         std::string_view(v.ruleId).substr(0, tableName.size()) == tableName &&
         std::string_view(v.ruleId).substr(tableName.size()) == suffix;
}

}  // namespace

const TableSpec* findTable(std::string_view name) {
  for (const TableSpec& t : kTables) {
    if (name == t.name) return &t;
  }
  return nullptr;
}

const TableSpec* allTables(std::size_t* count) {
  *count = countOf(kTables);
  return kTables;
}

const TriggerFunctionSpec* findTriggerFunction(std::string_view name) {
  for (const TriggerFunctionSpec& f : kTriggerFunctions) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

const RuleSpec& idImmutableRule() { return kIdImmutableRule; }
const RuleSpec& statusTransitionRule() { return kStatusTransitionRule; }

const RuleSpec* findRule(const TableSpec* table, std::string_view tableName,
                         const core::Violation& v) {
  if (table != nullptr) {
    for (std::size_t i = 0; i < table->ruleCount; ++i) {
      if (sameRule(table->rules[i], v)) return &table->rules[i];
    }
  }
  const bool hasId = table == nullptr || (table->generic & kIdImmutable) != 0;
  if (hasId && isGeneric(kIdImmutableRule, tableName, v)) return &kIdImmutableRule;
  if (isGeneric(kStatusTransitionRule, tableName, v)) return &kStatusTransitionRule;
  return nullptr;
}

const char* const* adminOnlyFunctions(std::size_t* count) {
  *count = countOf(kAdminOnlyFunctions);
  return kAdminOnlyFunctions;
}

bool isWriteFunction(std::string_view name) {
  for (const char* f : kWriteFunctions) {
    if (name == f) return true;
  }
  return false;
}

}  // namespace agentic::pg
