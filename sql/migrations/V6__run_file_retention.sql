-- Tier runs whose files (log, secondary nodes' logs, collected reports) retention removed: the log endpoint
-- answers "removed by retention" for them instead of an empty log.
CREATE TABLE run_files_removed (
    run_id      BIGINT       NOT NULL PRIMARY KEY REFERENCES tier_runs (id),
    removed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    kept_for    VARCHAR(50)  NOT NULL,
    bytes       BIGINT       NOT NULL
);
