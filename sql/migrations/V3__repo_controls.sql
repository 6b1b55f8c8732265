-- Queue control per repository: freezes (landings stop, tests go on) and a head found broken after a
-- privileged landing.
ALTER TABLE repos ADD COLUMN paused_reason VARCHAR(1000);
ALTER TABLE repos ADD COLUMN paused_by VARCHAR(100);
ALTER TABLE repos ADD COLUMN paused_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE repos ADD COLUMN broken_commit VARCHAR(40);
ALTER TABLE repos ADD COLUMN broken_reason VARCHAR(4000);
ALTER TABLE repos ADD COLUMN broken_at TIMESTAMP WITH TIME ZONE;

-- Verification runs of what landed without the full tiers use candidate numbers below zero.
ALTER TABLE candidates ADD COLUMN purpose VARCHAR(20) DEFAULT 'queue' NOT NULL;
