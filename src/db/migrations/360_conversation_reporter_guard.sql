-- A conversation whose draft reads as a denunciation (corruption, abuse of office, the
-- commune's own leaders) is guarded before any case exists: the channel's commune must not
-- read the draft live while the citizen writes it. Sticky: once set it stays set.
ALTER TABLE conversations ADD COLUMN reporter_guard boolean NOT NULL DEFAULT false;
