-- 1M messages shaped like bench/StoreShape (approximation in SQL): 2 connections (60/40), 39 diagrams weighted
-- towards stock/price, 92% Processed, 5% Failed, 2% Requeued, 0.5% Processing, 0.5% Discarded, 30 days of history,
-- business keys over 60,000 SKUs, every 4th diagram an order flow with a correlation id; payload ~400 bytes.
\timing on
-- Run: psql -h 127.0.0.1 -p PORT -U postgres -d bench -f bench/postgresql/generate-1m.sql (after the PostgreSQL Initial:
-- dotnet ef migrations script -c Release --no-build -o initial.sql --project src/IpaasMonitor.Data.Migrations.PostgreSql
-- --startup-project src/IpaasMonitor.Data.Migrations.PostgreSql, then psql -f initial.sql). For 10M: 1000000 -> 10000000
-- in generate_series and in the two ReceivedAtUtc expressions (and 2.592 s -> 0.2592 s to keep 30 days).
INSERT INTO "Messages" ("MessageId","ShortId","ConnectionId","Diagram","Situation","Component","BusinessKey","KeyTier","CorrelationId","RunId","ReceivedAtUtc","UpdatedAtUtc","AttemptCount","LastError")
SELECT u, substr(replace(u::text,'-',''),1,8),
       CASE WHEN r1 < 0.6 THEN 'VA-CUSTOMIZADA' ELSE 'MODA-CENTRO' END,
       d,
       CASE WHEN r2 < 0.92 THEN 2 WHEN r2 < 0.97 THEN 3 WHEN r2 < 0.99 THEN 4 WHEN r2 < 0.995 THEN 1 ELSE 5 END,
       'UPDATE OK',
       CASE WHEN d BETWEEN 24 AND 38 THEN 'v' || (1000000 + (i % 200000))::text || '-01' ELSE 'SKU' || lpad((i::bigint * 7919 % 60000)::text, 6, '0') END,
       1,
       CASE WHEN d BETWEEN 24 AND 38 THEN 'v' || (1000000 + (i % 200000))::text || '-01' END,
       NULL,
       timestamptz '2026-11-30 00:00:00+00' - ((1000000 - i) * interval '2.592 second'),
       timestamptz '2026-11-30 00:00:00+00' - ((1000000 - i) * interval '2.592 second'),
       1,
       CASE WHEN r2 >= 0.92 AND r2 < 0.97 THEN 'VTEX respondeu 429 Too Many Requests após 4 tentativas' END
FROM (
  SELECT i, gen_random_uuid() AS u, random() AS r1, random() AS r2,
         (ARRAY[9,10,13,14,15,16,19,20,21,22,5,6,11,12,24,25,26,27,28,29,30,31,32,33,1,2,3,4,7,8,17,18,34,35,36,37,38,39,23])[1 + floor(power(random(), 2.2) * 39)::int] AS d
  FROM generate_series(1, 1000000) AS i
) s;
INSERT INTO "MessagePayloads" ("MessageId","Content","RemoteResponse")
SELECT "Id", decode('01' || md5("Id"::text) || repeat(md5(("Id"+1)::text), 24), 'hex'), NULL FROM "Messages";
VACUUM ANALYZE "Messages";
VACUUM ANALYZE "MessagePayloads";
SELECT count(*), pg_size_pretty(pg_total_relation_size('"Messages"')) AS messages, pg_size_pretty(pg_total_relation_size('"MessagePayloads"')) AS payloads FROM "Messages";
