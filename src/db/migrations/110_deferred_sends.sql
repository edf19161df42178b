-- A send the platform refused for the hour (Zalo's night) waits until this time: the worker
-- does not claim it before, and later replies in the conversation do not queue behind it.
ALTER TABLE messages ADD COLUMN not_before timestamptz;
