CREATE VIEW agentic.task_status_summary AS
SELECT s.status,
       count(t.id) AS task_count,
       round(100.0 * count(t.id) / nullif(sum(count(t.id)) OVER (), 0), 2) AS percent_of_tasks,
       avg(t.completed_at - t.started_at) FILTER (WHERE t.completed_at IS NOT NULL) AS avg_duration,
       min(t.created_at) AS oldest_created_at,
       max(t.updated_at) AS last_updated_at
  FROM unnest(enum_range(NULL::agentic.task_status)) AS s(status)
  LEFT JOIN agentic.tasks t ON t.status = s.status
 GROUP BY s.status
 ORDER BY s.status;
COMMENT ON VIEW agentic.task_status_summary IS 'Number and share of tasks in every status, with average run time';
COMMENT ON COLUMN agentic.task_status_summary.status IS 'Task status (every status, also when no task has it)';
COMMENT ON COLUMN agentic.task_status_summary.task_count IS 'Tasks in the status';
COMMENT ON COLUMN agentic.task_status_summary.percent_of_tasks IS 'Share of all tasks, in percent';
COMMENT ON COLUMN agentic.task_status_summary.avg_duration IS 'Average completed_at - started_at of the tasks that ended';
COMMENT ON COLUMN agentic.task_status_summary.oldest_created_at IS 'Creation time of the oldest task in the status';
COMMENT ON COLUMN agentic.task_status_summary.last_updated_at IS 'Latest change of a task in the status';
