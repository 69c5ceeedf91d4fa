-- Which instances of each worker are alive and answering the pipeline canary.
CREATE TABLE IF NOT EXISTS service_instances (
  service TEXT NOT NULL,
  instance_id TEXT NOT NULL,
  last_canary_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (service, instance_id)
)
