-- When a token stops working by itself: a session token made by signing in lasts a fixed
-- time; tokens made with `vigil token create` have none (NULL) and work until revoked.
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
