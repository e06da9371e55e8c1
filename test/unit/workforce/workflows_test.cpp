#include "core/workforce/workflows.hpp"

#include <gtest/gtest.h>

namespace agentic::core {
namespace {

std::int64_t stored(const WorkflowWrite& w) {
  const auto result = workflowVersion(w, "workflows row id=1");
  EXPECT_TRUE(std::holds_alternative<std::int64_t>(result));
  return std::get<std::int64_t>(result);
}

TEST(WorkflowVersion, ANewWorkflowStartsAtOne) {
  WorkflowWrite w;
  w.isInsert = true;
  EXPECT_EQ(stored(w), 1);
  w.version = 3;
  const auto result = workflowVersion(w, "workflows row id=1");
  ASSERT_TRUE(std::holds_alternative<Violation>(result));
  EXPECT_EQ(std::get<Violation>(result).ruleId, "workflows_version_maintained");
}

TEST(WorkflowVersion, EachDefinitionChangeAddsOne) {
  WorkflowWrite w;
  w.oldVersion = 4;
  w.version = 4;
  w.definitionChanged = true;
  EXPECT_EQ(stored(w), 5);
  w.definitionChanged = false;
  EXPECT_EQ(stored(w), 4);
}

TEST(WorkflowVersion, TheComputedVersionMayBeGiven) {
  WorkflowWrite w;
  w.oldVersion = 4;
  w.version = 5;
  w.definitionChanged = true;
  EXPECT_EQ(stored(w), 5);
}

TEST(WorkflowVersion, AVersionTypedInIsRefused) {
  WorkflowWrite w;
  w.oldVersion = 4;
  w.version = 9;
  w.definitionChanged = true;
  const auto result = workflowVersion(w, "workflows row id=1");
  ASSERT_TRUE(std::holds_alternative<Violation>(result));
  EXPECT_NE(std::get<Violation>(result).detail.find("5"), std::string::npos);
}

}  // namespace
}  // namespace agentic::core
